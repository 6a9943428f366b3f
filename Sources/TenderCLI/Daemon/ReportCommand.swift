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
            assessment summaries, the OCDS release package and the red flags. Exit status: 0 written, 1 otherwise.
            """)

    @Argument(help: "The procurement reference (its ocid).")
    var procurement: String

    @Option(name: .long, help: "The lot, when the procurement has lots.")
    var lot: String?

    @Option(name: .long, help: ArgumentHelp("The ledger file.", valueName: "file"))
    var ledger = "var/ledger.sqlite"

    @Option(
        name: .long, help: ArgumentHelp("Where to write (default: var/reports/<procurement>).", valueName: "folder"))
    var out: String?

    func run() throws {
        let folder = try write()
        Console.out("reports for \(ProcurementKey(reference: procurement, lot: lot)) written to \(folder)")
    }

    /// Writes the reports and returns the folder.
    func write() throws -> String {
        let key = ProcurementKey(reference: procurement, lot: lot)
        let store: LedgerStore
        let entries: [LedgerEntry]
        do {
            store = try LedgerStore(readOnlyAt: ledger)
            entries = try store.entries().filter { $0.type == EvaluationEntry.type }
        } catch {
            Console.error("tender report: \(error.description)")
            throw ExitCodes.failure
        }
        let matching = entries.last { entry in
            guard let body = try? entry.json() else { return false }
            return body["procurement"] == .string(procurement) && body["lot"] == .optional(lot)
        }
        guard let entry = matching else {
            Console.error(
                "tender report: no recorded evaluation of \(key) in \(ledger); close the procurement first (tender close)"
            )
            throw ExitCodes.failure
        }
        do {
            let rebuilt = try EvaluationReplayer(store: store).reconstruct(entry)
            if rebuilt.result.json != rebuilt.recordedResult {
                Console.error(
                    "tender report: warning: re-running entry #\(entry.seq) does not give the recorded result; see tender ledger replay"
                )
            }
            let files = try ReportBuilder.build(
                result: rebuilt.result, methodology: rebuilt.methodology, submissions: rebuilt.submissions,
                rulesetDigest: rebuilt.rulesetDigest, publishedAt: rebuilt.publishedAt, noticeDate: rebuilt.noticeDate,
                evaluatedSeq: entry.seq)
            let folder = out ?? "var/reports/\(key.folderName)"
            try ReportBuilder.write(files, into: folder)
            return folder
        } catch {
            Console.error("tender report: \(error)")
            throw ExitCodes.failure
        }
    }
}
