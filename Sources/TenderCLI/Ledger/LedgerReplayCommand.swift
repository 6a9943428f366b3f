import ArgumentParser
import TenderDaemon
import TenderLedger
import TenderScoring

/// `tender ledger replay`: re-runs every recorded evaluation from the ledger's blobs and compares results.
struct LedgerReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run every recorded evaluation from the ledger alone and report any difference.",
        discussion: "Exit status: 0 every result identical, 1 any difference or missing input.")

    @OptionGroup var options: LedgerOptions

    func run() throws {
        let store = try options.openReadOnly()
        let entries = try LedgerCLI.orExit { () throws(LedgerError) in
            try store.entries(type: EvaluationRecord.procurementEvaluated)
        }
        var differing = 0
        for outcome in EvaluationReplayer(store: store).replayAll(entries) {
            if outcome.differences.isEmpty { continue }
            differing += 1
            print("#\(outcome.seq) \(outcome.procurement): the replayed result differs")
            for difference in outcome.differences { print("    \(difference)") }
        }
        print("replayed \(entries.count) evaluation(s): \(entries.count - differing) identical, \(differing) different")
        let awards = try LedgerCLI.orExit { () throws(LedgerError) in try store.entries(type: LotsAwardedEntry.type) }
        var awardsDiffering = 0
        for award in awards {
            let outcome = EvaluationReplayer(store: store).replayAward(award, evaluations: entries)
            if outcome.differences.isEmpty { continue }
            awardsDiffering += 1
            print("#\(outcome.seq) \(outcome.procurement): the replayed award across lots differs")
            for difference in outcome.differences { print("    \(difference)") }
        }
        if !awards.isEmpty {
            print(
                "replayed \(awards.count) award(s) across lots: \(awards.count - awardsDiffering) identical, "
                    + "\(awardsDiffering) different")
        }
        if differing + awardsDiffering > 0 { throw ExitCode(1) }
    }
}
