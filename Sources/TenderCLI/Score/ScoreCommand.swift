import ArgumentParser
import Foundation
import TenderRules
import TenderScoring

/// `tender score`: evaluates documents against one methodology (a dry run unless `--ledger` is given).
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Evaluate submissions (and marks documents) against one methodology.",
        discussion: """
            Prints a ranking table, or canonical JSON with --json (the same inputs always give the same bytes). \
            Nothing is written unless --ledger is given. Exit status: 0 scored, 1 invalid input.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The methodology file (kind: methodology).", valueName: "file"))
    var rules: String

    @Argument(help: ArgumentHelp("Submission and marks documents, YAML or JSON, in arrival order.", valueName: "document"))
    var documents: [String] = []

    @Flag(name: .long, help: "Print the result (with its full explanation) as canonical JSON.")
    var json = false

    func validate() throws {
        guard !documents.isEmpty else {
            throw ValidationError("Give at least one submission document after --rules FILE.")
        }
    }

    func run() throws {
        let evaluation: Evaluation
        do {
            evaluation = try Evaluation.load(methodology: rules, documents: documents)
        } catch {
            for diagnostic in error.diagnostics.sorted() { Console.error(diagnostic.description) }
            Console.error("tender score: \(error.diagnostics.count) problem(s); nothing was scored")
            throw ExitCodes.failure
        }
        let result = evaluation.evaluate()
        if json {
            Console.out(result.json.canonicalString)
        } else {
            Console.out(ResultTable(result: result, methodology: evaluation.methodology).render())
        }
    }
}
