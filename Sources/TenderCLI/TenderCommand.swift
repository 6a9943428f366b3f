public import ArgumentParser
import TenderDaemon

/// `tender`: the one executable. Each subcommand is a type of its own.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct TenderCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tender",
        abstract: "Score public-procurement tender responses and keep an auditable score ledger.",
        discussion: """
            Methodologies (Rules/*.yaml) say how tenders are evaluated; submissions and marks documents are the \
            tenders and the evaluators' marks. Every command has --help.
            """,
        version: TenderVersion.current,
        subcommands: [
            ServeCommand.self, ScoreCommand.self, RulesCommand.self, LedgerCommand.self, CloseCommand.self,
            ReportCommand.self, SchemaCommand.self, UsersCommand.self, StatusCommand.self,
        ]
    )

    public init() {}
}
