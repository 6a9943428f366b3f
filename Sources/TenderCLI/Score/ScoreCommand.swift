import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger
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

    @Argument(
        help: ArgumentHelp("Submission and marks documents, YAML or JSON, in arrival order.", valueName: "document"))
    var documents: [String] = []

    @Flag(name: .long, help: "Print the result (with its full explanation) as canonical JSON.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp("Append the evaluation, its methodology and documents to this ledger.", valueName: "file"))
    var ledger: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The plugins folder (for methodologies with plugin rules).", valueName: "folder"))
    var plugins = DaemonSettings().plugins

    func validate() throws {
        guard !documents.isEmpty else {
            throw ValidationError("Give at least one submission document after --rules FILE.")
        }
    }

    func run() throws {
        do {
            Console.out(try render())
        } catch {
            for diagnostic in error.diagnostics.sorted() { Console.error(diagnostic.description) }
            Console.error("tender score: \(error.diagnostics.count) problem(s); nothing was scored")
            throw ExitCodes.failure
        }
    }

    /// The table, or the canonical JSON with `--json`.
    func render() throws(DocumentError) -> String {
        let evaluation = try Evaluation.load(methodology: rules, documents: documents, plugins: plugins)
        let result = evaluation.evaluate()
        if let ledger { try Self.record(evaluation, result: result, in: ledger) }
        return json
            ? result.json.canonicalString : ResultTable(result: result, methodology: evaluation.methodology).render()
    }

    /// Appends the evaluation in one transaction, then writes a signed checkpoint.
    static func record(_ evaluation: Evaluation, result: EvaluationResult, in path: String) throws(DocumentError) {
        // The daemon's lock: `score --ledger` on the ledger of a running daemon is refused, not interleaved.
        let lock: LedgerLock
        do {
            lock = try LedgerLock(ledger: path, purpose: "tender score")
        } catch {
            throw DocumentFile.failure(path, "the ledger was not written: \(error.description)")
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            let key = try LedgerKey.loadOrCreate(at: LedgerKey.defaultPath(forLedger: path))
            let store = try LedgerStore(path: path, signer: key.signer)
            let drafts = EvaluationRecord.drafts(
                evaluation, result: result, recordedAt: EvaluationRecord.now(), source: "tender score")
            let entries = try store.append(drafts)
            _ = try store.writeCheckpoint()
            Console.error("recorded entries #\(entries.first!.seq)–#\(entries.last!.seq) in \(path)")
        } catch {
            throw DocumentFile.failure(path, "the ledger could not be written: \(error.description)")
        }
    }
}
