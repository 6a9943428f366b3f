import ArgumentParser
import Foundation

/// `tender schema KIND`: prints the JSON Schema (draft 2020-12) of a document kind or a ledger entry body, whole:
/// the files it refers to (such as `common.schema.json`) are embedded in its `$defs` as resources of their own, so
/// it validates on its own.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a document kind or a ledger entry body.",
        discussion: """
            KIND is one of \(SchemaBundle.kinds.joined(separator: ", ")), or ledger/TYPE for an entry body \
            (\(SchemaBundle.ledgerTypes.joined(separator: ", "))). Editors take the schemas from Schemas/ in the \
            repository through the `# yaml-language-server: $schema=…` line of each shipped file; this prints the \
            same schema as one file.
            """)

    @Argument(help: ArgumentHelp("The document kind, or ledger/TYPE.", valueName: "kind"))
    var kind: String

    func validate() throws {
        guard SchemaBundle.file(for: kind) != nil else {
            throw ValidationError(
                "no schema '\(kind)'; kinds: \(SchemaBundle.kinds.joined(separator: ", ")), or ledger/TYPE")
        }
    }

    func run() throws {
        Console.out(try SchemaBundle.bundle(kind))
    }
}
