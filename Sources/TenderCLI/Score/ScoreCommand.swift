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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The methodology file (kind: methodology); repeated for a procedure with stages: every stage's methodology and any refinement.",
            valueName: "file"))
    var rules: [String] = []

    @Argument(
        help: ArgumentHelp(
            "Submission and marks documents, YAML or JSON, in arrival order; a folder gives the documents directly inside it, in name order.",
            valueName: "document"))
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
        guard !rules.isEmpty else { throw ValidationError("Give the methodology with --rules FILE.") }
        guard !documents.isEmpty else {
            throw ValidationError("Give at least one submission document after --rules FILE.")
        }
    }

    func run() throws {
        do {
            let output = try output()
            Console.out(writing: output.lines)
            // A one-shot command: what was evaluated (millions of small objects for a large procurement, a tenth of
            // a second to free one by one) is left to the operating system at exit.
            _ = Unmanaged.passRetained(Evaluated(output.evaluated))
        } catch {
            for diagnostic in error.diagnostics.sorted() { Console.error(diagnostic.description) }
            Console.error("tender score: \(error.diagnostics.count) problem(s); nothing was scored")
            throw ExitCodes.failure
        }
    }

    /// The table, or the canonical JSON with `--json`.
    func render() throws(DocumentError) -> String {
        var lines: [String] = []
        try output().lines { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// What `tender score` prints, given line by line (the JSON, and the tables of lots and stages, as one), with what
    /// was evaluated to print it.
    func output() throws(DocumentError) -> (lines: ((String) -> Void) -> Void, evaluated: Any) {
        // Frameworks and dynamic markets (for a call-off) among --rules; the rest are methodologies: one, or the
        // stages of a procedure with stages.
        var frameworks: [DocumentFile] = []
        var methodologies: [String] = []
        for path in rules {
            let file = try DocumentFile.load(path)
            if case .framework = file.parsed { frameworks.append(file) } else { methodologies.append(path) }
        }
        guard let first = methodologies.first else {
            throw DocumentFile.failure(rules[0], "--rules names no methodology; give the methodology to score with")
        }
        if methodologies.count > 1 {
            if ledger != nil {
                throw DocumentFile.failure(
                    methodologies[1],
                    "--ledger records one methodology's evaluation; a procedure with stages is recorded stage by stage "
                        + "by the daemon (tender serve)")
            }
            let staged = try StagedEvaluation.load(
                methodologies: methodologies, documents: documents, plugins: plugins, frameworks: frameworks)
            let text = staged.render(json: json)
            return ({ $0(text) }, staged)
        }
        var evaluation = try Evaluation.load(
            methodology: first, documents: documents, plugins: plugins, frameworks: frameworks)
        // Without --ledger nothing records the documents: their list (a few hundred bytes each beside the submissions,
        // which keep what they share) is let go before the evaluation.
        if ledger == nil { evaluation.documents = [] }
        if evaluation.methodology.lotting != nil {
            let text = try renderLots(evaluation)
            return ({ $0(text) }, evaluation)
        }
        let result = evaluation.evaluate()
        if let ledger { try Self.record(evaluation, result: result, in: ledger) }
        if json {
            let text = result.json.canonicalString
            return ({ $0(text) }, (evaluation, result))
        }
        let table = ResultTable(result: result, methodology: evaluation.methodology)
        return (table.forEachLine, (evaluation, result))
    }

    /// Holds what a run evaluated until the process ends.
    private final class Evaluated {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// A lotted procurement: every lot's table (or result) and the award across them.
    func renderLots(_ evaluation: Evaluation) throws(DocumentError) -> String {
        let outcome = evaluation.evaluateLots()
        let methodology = evaluation.methodology
        if let ledger {
            try Self.append(
                try EvaluationRecord.drafts(
                    evaluation, outcome: outcome, recordedAt: EvaluationRecord.now(), source: "tender score"),
                to: ledger)
        }
        let ids = methodology.lotting?.ids ?? []
        if json {
            let lots = ids.compactMap { id in outcome.results[id].map { (id, $0.json) } }
            return JSONValue.object([
                "award": outcome.award.json, "lots": .object(Dictionary(uniqueKeysWithValues: lots)),
            ]).canonicalString
        }
        var parts = ids.compactMap { id in
            outcome.results[id].map { ResultTable(result: $0, methodology: methodology.lot(id)).render() }
        }
        parts.append(AwardTable(award: outcome.award, rounding: methodology.evaluation.rounding).render())
        return parts.joined(separator: "\n\n")
    }

    /// Appends the evaluation in one transaction, then writes a signed checkpoint.
    static func record(_ evaluation: Evaluation, result: EvaluationResult, in path: String) throws(DocumentError) {
        try append(
            try EvaluationRecord.drafts(
                evaluation, result: result, recordedAt: EvaluationRecord.now(), source: "tender score"),
            to: path)
    }

    /// Appends `drafts` in one transaction under the daemon's lock, then writes a signed checkpoint.
    static func append(_ drafts: [EntryDraft], to path: String) throws(DocumentError) {
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
            let entries = try store.appendReturningSeqs(drafts)
            _ = try store.writeCheckpoint()
            Console.error("recorded entries #\(entries.first!)–#\(entries.last!) in \(path)")
        } catch {
            throw DocumentFile.failure(path, "the ledger could not be written: \(error.description)")
        }
    }
}
