public import ArgumentParser

/// `tender`: the one executable. Each subcommand is a type of its own.
public struct TenderCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tender",
        abstract: "Score public-procurement tender responses and keep an auditable score ledger.",
        discussion: """
            Methodologies (Rules/*.yaml) say how tenders are evaluated; submissions and marks documents are the \
            tenders and the evaluators' marks. Every command has --help.
            """,
        subcommands: [ScoreCommand.self, RulesCommand.self, LedgerCommand.self]
    )

    public init() {}
}
