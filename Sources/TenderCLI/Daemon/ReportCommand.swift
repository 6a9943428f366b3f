import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring

/// `tender report`: regenerates a procurement's reports from the ledger alone.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate a procurement's reports from the ledger alone (the same bytes the daemon wrote).",
        discussion: """
            Finds the latest recorded evaluation of the procurement, re-runs it from the methodology, plugin and \
            document blobs stored in the ledger, and writes the evaluation (HTML, JSON, CSV, Markdown), the \
            assessment summaries, the OCDS release package and the red flags. For a procurement with lots whose \
            award across lots is recorded, without --lot it rebuilds the award's reports (overview, each supplier's \
            summary across lots, one OCDS package with every lot, red flags across lots); --lot N gives one lot's. \
            Exit status: 0 written, 1 otherwise.
            """)

    @Argument(help: "The procurement reference (its ocid).")
    var procurement: String

    @Option(name: .long, help: "The lot, when the procurement has lots.")
    var lot: String?

    @Option(name: .long, help: "The stage, when the procurement is evaluated in stages.")
    var stage: String?

    @Option(name: .long, help: ArgumentHelp("The ledger file.", valueName: "file"))
    var ledger = DaemonSettings().ledger

    @Option(
        name: .long, help: ArgumentHelp("Where to write (default: var/reports/<procurement>).", valueName: "folder"))
    var out: String?

    func run() throws {
        let (key, folder) = try write()
        Console.out("reports for \(key) written to \(folder)")
    }

    /// Writes the reports and returns which procurement and lot they are for, and the folder.
    func write() throws -> (ProcurementKey, String) {
        let store = try LedgerCLI.orExit { () throws(LedgerError) in try LedgerStore(readOnlyAt: ledger) }
        let entries = try LedgerCLI.orExit { () throws(LedgerError) in try store.entries(type: EvaluationEntry.type) }
        // The lots of this procurement that have a recorded evaluation, each with its latest one.
        var latest: [String?: LedgerEntry] = [:]
        var stages: Set<String> = []
        for entry in entries {
            guard let body = try? entry.json(), body["procurement"] == .string(procurement) else { continue }
            if let evaluated = body["stage"]?.stringValue { stages.insert(evaluated) }
            guard body["stage"]?.stringValue == stage else { continue }
            latest[body["lot"]?.stringValue] = entry
        }
        if stage == nil, !stages.isEmpty {
            Console.error(
                "error: \(procurement) is evaluated in stages (\(stages.sorted().joined(separator: ", "))); choose one "
                    + "with --stage")
            throw ExitCodes.failure
        }
        // A lotted procurement with an award across lots: without --lot, the award's reports.
        if lot == nil, let award = try latestAward(store) {
            return try writeAward(award, store: store, evaluations: entries)
        }
        let chosenLot: String?
        if let lot {
            chosenLot = lot
        } else if latest.count == 1, let only = latest.keys.first {
            chosenLot = only  // one lot evaluated: that one
        } else if latest.count > 1 {
            let lots = latest.keys.map { $0 ?? "(none)" }.sorted().joined(separator: ", ")
            Console.error(
                "error: \(procurement) has evaluations for several lots (\(lots)); choose one with --lot")
            throw ExitCodes.failure
        } else {
            chosenLot = nil
        }
        let key = ProcurementKey(reference: procurement, lot: chosenLot, stage: stage)
        guard let entry = latest[chosenLot] else {
            let others = latest.keys.compactMap { $0 }.sorted()
            Console.error(
                "error: no recorded evaluation of \(key) in \(ledger); "
                    + (others.isEmpty
                        ? "close the procurement first (tender close)"
                        : "evaluated lots: \(others.joined(separator: ", "))"))
            throw ExitCodes.failure
        }
        do {
            let rebuilt = try EvaluationReplayer(store: store).reconstruct(entry)
            if rebuilt.result.json != rebuilt.recordedResult {
                Console.error(
                    "warning: re-running entry #\(entry.seq) does not give the recorded result; see tender ledger replay"
                )
            }
            // Each decision the evaluation names, by its decision-recorded entry (the first for its document).
            let wanted = Set(rebuilt.result.decisions.map(\.decision.documentID))
            var decisionEntries: [String: Int] = [:]
            for recorded in try store.entries(type: DecisionRecordedEntry.type) where recorded.seq < entry.seq {
                guard let sha = try recorded.json()["document_sha256"]?.stringValue, wanted.contains(sha),
                    decisionEntries[sha] == nil
                else { continue }
                decisionEntries[sha] = recorded.seq
            }
            // Written as they are rendered: the reports of thousands of tenders are never held at once.
            let folder = self.folder(for: key)
            try ReportBuilder.write(
                result: rebuilt.result, methodology: rebuilt.methodology, submissions: rebuilt.submissions,
                rulesetDigest: rebuilt.rulesetDigest, publishedAt: rebuilt.publishedAt, noticeDate: rebuilt.noticeDate,
                evaluatedSeq: entry.seq, decisionEntries: decisionEntries,
                earlierStages: try earlierStages(before: entry.seq, lot: chosenLot, store: store), into: folder)
            return (key, folder)
        } catch {
            Console.error("error: \(error)")
            throw ExitCodes.failure
        }
    }

    /// The outcomes of the stages before `--stage`, as their `stage-concluded` entries before the evaluation `seq`
    /// record them, in stage order (the reports show every stage).
    func earlierStages(before seq: Int, lot: String?, store: LedgerStore) throws -> [StageOutcome] {
        guard let stage else { return [] }
        let concluded = try LedgerCLI.orExit { () throws(LedgerError) in
            try store.entries(type: StageConcludedEntry.type)
        }
        var outcomes: [String: StageOutcome] = [:]
        for entry in concluded where entry.seq < seq {
            guard let body = try? entry.json(), body["procurement"] == .string(procurement),
                body["lot"]?.stringValue == lot, let id = body["stage"]?.stringValue, id != stage,
                let outcome = body["outcome"].flatMap(StageOutcome.init(json:))
            else { continue }
            outcomes[id] = outcome
        }
        return outcomes.values.sorted { $0.stage.number < $1.stage.number }
    }

    /// `--out`, or the procurement's (or lot's) reports folder.
    func folder(for key: ProcurementKey) -> String {
        out ?? (DaemonSettings().reports as NSString).appendingPathComponent(key.folderName)
    }

    /// Writes `files` into ``folder(for:)``.
    func save(_ files: [ReportBuilder.File], for key: ProcurementKey) throws -> (ProcurementKey, String) {
        let folder = self.folder(for: key)
        try ReportBuilder.write(files, into: folder)
        return (key, folder)
    }

    /// The procurement's latest `lots-awarded` entry, if any.
    func latestAward(_ store: LedgerStore) throws -> LedgerEntry? {
        let awards = try LedgerCLI.orExit { () throws(LedgerError) in try store.entries(type: LotsAwardedEntry.type) }
        return awards.last { (try? $0.json())?["procurement"] == .string(procurement) }
    }

    /// Writes the reports of an award across lots, rebuilt from the ledger, into the procurement's folder.
    func writeAward(_ entry: LedgerEntry, store: LedgerStore, evaluations: [LedgerEntry]) throws -> (
        ProcurementKey, String
    ) {
        let key = ProcurementKey(reference: procurement, lot: nil)
        do {
            let rebuilt = try EvaluationReplayer(store: store).reconstructAward(entry, evaluations: evaluations)
            if rebuilt.award.json != rebuilt.recordedAward || !rebuilt.differingLots.isEmpty {
                Console.error(
                    "warning: re-running entry #\(entry.seq) does not give the recorded award; see tender ledger replay"
                )
            }
            let files = try ReportBuilder.buildLots(rebuilt, awardSeq: entry.seq)
            return try save(files, for: key)
        } catch {
            Console.error("error: \(error)")
            throw ExitCodes.failure
        }
    }
}
