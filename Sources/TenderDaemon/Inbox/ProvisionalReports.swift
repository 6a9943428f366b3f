import Foundation
import Logging
import TenderPlugins
import TenderScoring

/// Keeps the provisional reports of procurements whose documents changed up to date: each is re-evaluated and
/// its plain evaluation files rewritten at most every `interval` seconds, on a queue of its own from a snapshot
/// of the procurement book, so intake never waits for them. Final reports are written through the same queue
/// (``queue``), so an older provisional report never overwrites a final one. A procurement whose reports the ledger
/// records (after a close, or a decision after one) gets no provisional reports again: a document that arrives
/// after its close (a late tender, marks) is recorded, and counts when a new close or a decision evaluates it, whose
/// reports are recorded in turn.
struct ProvisionalReports {
    let reports: String
    let metrics: DaemonMetrics
    let logger: Logger
    /// Where provisional reports are rendered and final ones written, one at a time.
    let queue = DispatchQueue(label: "tender.reports")
    /// Report jobs queued and not yet written.
    private let jobs = JobCounter()
    /// Procurements with documents accepted since their last provisional report.
    private var dirty: Set<ProcurementKey> = []
    /// When (``Uptime`` seconds) each procurement's provisional report was last queued.
    private var lastWritten: [ProcurementKey: Double] = [:]
    /// The folders (``ProcurementKey/folderName``) of procurements whose reports the ledger records.
    private var recordedFolders: Set<String> = []

    init(reports: String, metrics: DaemonMetrics, logger: Logger) {
        self.reports = reports
        self.metrics = metrics
        self.logger = logger
    }

    /// A document was accepted for `key`.
    mutating func changed(_ key: ProcurementKey) {
        guard !recordedFolders.contains(key.folderName) else { return }
        dirty.insert(key)
    }

    /// `key` was evaluated with its final reports, which are written after their commit: nothing accepted for it
    /// before that needs a provisional report, nor anything after it.
    mutating func evaluated(_ key: ProcurementKey) {
        dirty.remove(key)
        recordedFolders.insert(key.folderName)
    }

    /// The ledger records reports in the procurement folder named `folderName` (read at start).
    mutating func reportsRecorded(inFolder folderName: String) {
        recordedFolders.insert(folderName)
    }

    /// Queues the reports of changed procurements not refreshed for `interval` seconds, once the previous round
    /// is written.
    mutating func refresh(now: Double, book: ProcurementBook, ruleSet: RuleSet, interval: Double = 2) {
        guard jobs.isIdle else { return }
        for key in dirty.sorted() {
            guard now - (lastWritten[key] ?? 0) >= interval, let entry = ruleSet.entry(for: key) else { continue }
            let folder = (reports as NSString).appendingPathComponent(key.folderName)
            let (jobs, logger, metrics) = (self.jobs, self.logger, self.metrics)
            jobs.begin()
            queue.async {
                defer { jobs.end() }
                var book = book
                guard
                    let result = book.provisionalResult(
                        key, methodology: entry.methodology, plugins: ruleSet.plugins.host)
                else { return }
                // A stage's files show the stages before it, as its final reports do.
                let earlier =
                    entry.methodology.stage.flatMap { stage in
                        ruleSet.procedure(of: key).map { book.earlierStages(before: stage, of: $0, key) }
                    } ?? []
                // Provisional: only the plain evaluation files; the report set for people comes with the final one.
                do {
                    try ReportWriter.write(
                        result, methodology: entry.methodology, earlierStages: earlier, into: folder)
                } catch {
                    logger.warning(
                        "could not write provisional reports",
                        metadata: ["reports.folder": "\(folder)", "error": "\(error)"])
                    metrics.reportFailed()
                }
            }
            lastWritten[key] = now
            dirty.remove(key)
        }
    }

    /// Waits for the reports already queued (at shutdown).
    func finish() {
        queue.sync {}
    }
}
