import ArgumentParser
import TenderDaemon
import TenderLedger
import TenderScoring

/// `tender ledger replay`: re-runs every recorded evaluation from the ledger's blobs and compares results,
/// then every award across lots and every stage's outcome made again from those evaluations.
struct LedgerReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run every recorded evaluation from the ledger alone and report any difference.",
        discussion: "Exit status: 0 every result identical, 1 any difference or missing input.")

    @OptionGroup var options: LedgerOptions

    func run() throws {
        let store = try options.openReadOnly()
        // Each evaluation is replayed from its sequence number: its body is read from the ledger a piece at a time,
        // and its recorded result (tens of megabytes for a large procurement) compared as it is read.
        let seqs = try LedgerCLI.orExit { () throws(LedgerError) in
            try store.seqs(type: EvaluationRecord.procurementEvaluated)
        }
        var differing = 0
        let replayer = EvaluationReplayer(store: store)
        for outcome in replayer.replayAll(seqs: seqs) {
            if outcome.differences.isEmpty { continue }
            differing += 1
            print("#\(outcome.seq) \(outcome.procurement): the replayed result differs")
            for difference in outcome.differences { print("    \(difference)") }
        }
        print("replayed \(seqs.count) evaluation(s): \(seqs.count - differing) identical, \(differing) different")
        // Awards across lots and stages' outcomes find the evaluations they name among all of them, read whole
        // only when there is such an entry to replay.
        var evaluations: [LedgerEntry]?
        func allEvaluations() throws -> [LedgerEntry] {
            if let evaluations { return evaluations }
            let read = try LedgerCLI.orExit { () throws(LedgerError) in
                try store.entries(type: EvaluationRecord.procurementEvaluated)
            }
            evaluations = read
            return read
        }
        let awardsDiffering = try Self.replay(
            LotsAwardedEntry.type, what: ("award(s) across lots", "award across lots"), store: store
        ) { replayer.replayAward($0, evaluations: try allEvaluations()) }
        let stagesDiffering = try Self.replay(
            StageConcludedEntry.type, what: ("stage outcome(s)", "stage outcome"), store: store
        ) { replayer.replayStage($0, evaluations: try allEvaluations()) }
        if differing + awardsDiffering + stagesDiffering > 0 { throw ExitCode(1) }
    }

    /// Replays every entry of `type` made from evaluations (an award across lots, a stage's outcome), prints each
    /// difference and a count, and returns how many differ.
    static func replay(
        _ type: String, what: (counted: String, line: String), store: LedgerStore,
        _ replay: (LedgerEntry) throws -> EvaluationReplayer.Outcome
    ) throws -> Int {
        let entries = try LedgerCLI.orExit { () throws(LedgerError) in try store.entries(type: type) }
        var differing = 0
        for entry in entries {
            let outcome = try replay(entry)
            if outcome.differences.isEmpty { continue }
            differing += 1
            print("#\(outcome.seq) \(outcome.procurement): the replayed \(what.line) differs")
            for difference in outcome.differences { print("    \(difference)") }
        }
        if !entries.isEmpty {
            print(
                "replayed \(entries.count) \(what.counted): "
                    + "\(entries.count - differing) identical, \(differing) different")
        }
        return differing
    }
}
