import CoreMetrics
import Foundation
import Synchronization
import TenderScoring

/// The daemon's metrics, created once at build time through swift-metrics with an explicit factory (never the
/// process-wide bootstrap, so several daemons in one process each count their own), and written for Prometheus
/// by ``MetricsService``.
///
/// | metric | type | meaning |
/// |---|---|---|
/// | `tender_documents_total{outcome}` | counter | documents committed: `accepted`, `rejected`, `duplicate` |
/// | `tender_document_seconds` | histogram | from the scan that found a document to its commit |
/// | `tender_batch_commit_seconds` | histogram | one batch's transaction (moves and logs follow on their own queue) |
/// | `tender_batch_commit_failures_total` | counter | batches whose transaction failed (files wait in `processing/`) |
/// | `tender_processing_waiting` | gauge | documents waiting in `processing/` for a retry after a failure (0 when all is well) |
/// | `tender_rules_reloads_total{result}` | counter | rule reloads: `activated` or `rejected` |
/// | `tender_rules_last_reload_successful` | gauge | 1 when the last reload activated its rule set, 0 when rejected |
/// | `tender_rules_last_reload_success_timestamp_seconds` | gauge | when a rule set was last activated |
/// | `tender_inbox_overflows_total` | counter | inotify queue overflows (the inbox was rescanned) |
/// | `tender_report_failures_total` | counter | reports that could not be written |
/// | `tender_ledger_entries` | gauge | entries in the ledger |
/// | `tender_ledger_signed_entries` | gauge | entries covered by the latest signed checkpoint |
/// | `tender_metrics_written_timestamp_seconds` | gauge | when this file was written |
final class DaemonMetrics: Sendable {
    private let accepted: Counter
    private let rejected: Counter
    private let duplicate: Counter
    private let documentLatency: CoreMetrics.Timer
    private let batchCommit: CoreMetrics.Timer
    private let commitFailures: Counter
    private let reloadsActivated: Counter
    private let reloadsRejected: Counter
    private let lastReloadSuccessful: Gauge
    private let lastReloadSuccessTime: Gauge
    private let overflows: Counter
    private let reportFailures: Counter
    private let ledgerEntries: Gauge
    private let signedEntries: Gauge
    private let writtenAt: Gauge
    private let waiting: Gauge
    /// Documents committed since this daemon started, by outcome (for the shutdown line).
    private let tally = Mutex<[IntakeDecision.Outcome: Int]>([:])
    /// Documents committed on one UTC day (the latest), by outcome, for `tender status`.
    private let day = Mutex<(date: String, counts: [IntakeDecision.Outcome: Int])>(("", [:]))

    /// Metric names whose histograms want finer buckets than the factory's defaults (documents commit in
    /// milliseconds).
    static let latencyLabels = ["tender_document_seconds", "tender_batch_commit_seconds"]

    /// Creates every metric through `factory`.
    init(factory: any MetricsFactory) {
        func documents(_ outcome: String) -> Counter {
            Counter(label: "tender_documents_total", dimensions: [("outcome", outcome)], factory: factory)
        }
        func reloads(_ result: String) -> Counter {
            Counter(label: "tender_rules_reloads_total", dimensions: [("result", result)], factory: factory)
        }
        accepted = documents("accepted")
        rejected = documents("rejected")
        duplicate = documents("duplicate")
        documentLatency = CoreMetrics.Timer(label: "tender_document_seconds", factory: factory)
        batchCommit = CoreMetrics.Timer(label: "tender_batch_commit_seconds", factory: factory)
        commitFailures = Counter(label: "tender_batch_commit_failures_total", factory: factory)
        reloadsActivated = reloads("activated")
        reloadsRejected = reloads("rejected")
        lastReloadSuccessful = Gauge(label: "tender_rules_last_reload_successful", factory: factory)
        lastReloadSuccessTime = Gauge(label: "tender_rules_last_reload_success_timestamp_seconds", factory: factory)
        overflows = Counter(label: "tender_inbox_overflows_total", factory: factory)
        reportFailures = Counter(label: "tender_report_failures_total", factory: factory)
        ledgerEntries = Gauge(label: "tender_ledger_entries", factory: factory)
        signedEntries = Gauge(label: "tender_ledger_signed_entries", factory: factory)
        writtenAt = Gauge(label: "tender_metrics_written_timestamp_seconds", factory: factory)
        waiting = Gauge(label: "tender_processing_waiting", factory: factory)
        waiting.record(0)
    }

    /// A document committed with `outcome`, first seen (by the scan that claimed it) at `claimedAt`, committed at `now`.
    func documentCommitted(_ outcome: IntakeDecision.Outcome, claimedAt: Timestamp, now: Timestamp) {
        switch outcome {
        case .accepted: accepted.increment()
        case .rejected: rejected.increment()
        case .duplicate: duplicate.increment()
        }
        tally.withLock { $0[outcome, default: 0] += 1 }
        let date = String(now.description.prefix(10))
        day.withLock { day in
            if day.date != date { day = (date, [:]) }
            day.counts[outcome, default: 0] += 1
        }
        let nanoseconds =
            (now.seconds - claimedAt.seconds) * 1_000_000_000 + Int64(now.nanoseconds) - Int64(claimedAt.nanoseconds)
        documentLatency.recordNanoseconds(max(0, nanoseconds))
    }

    /// A batch committed (or failed to) in `nanoseconds`.
    func batchCommitted(nanoseconds: UInt64, succeeded: Bool) {
        batchCommit.recordNanoseconds(Int64(clamping: nanoseconds))
        if !succeeded { commitFailures.increment() }
    }

    /// A rule reload activated a new set (at `now`, seconds since 1970) or was rejected.
    func ruleReload(activated: Bool, now: Double) {
        if activated {
            reloadsActivated.increment()
            lastReloadSuccessful.record(1)
            lastReloadSuccessTime.record(now)
        } else {
            reloadsRejected.increment()
            lastReloadSuccessful.record(0)
        }
    }

    /// The files in `processing/` still waiting for a retry (0 once they are through).
    func waitingInProcessing(_ count: Int) { waiting.record(count) }

    /// The rule files lead back to the active rule set after a rejected edit: the reload alert is over.
    func ruleReloadRestored() { lastReloadSuccessful.record(1) }

    /// Starts the day's counts with what the ledger already holds for `date` (at start).
    func seedDay(_ date: String, counts: [IntakeDecision.Outcome: Int]) {
        day.withLock { $0 = (date, counts) }
    }

    /// Documents committed on `date` (UTC `YYYY-MM-DD`), by outcome.
    func committed(on date: String) -> [IntakeDecision.Outcome: Int] {
        day.withLock { $0.date == date ? $0.counts : [:] }
    }

    /// Documents committed since the daemon started, by outcome.
    var committedThisRun: [IntakeDecision.Outcome: Int] { tally.withLock { $0 } }

    func inboxOverflowed() { overflows.increment() }

    func reportFailed() { reportFailures.increment() }

    /// The ledger's size and the size of its latest signed checkpoint, read just before each write.
    func ledger(entries: Int, signed: Int) {
        ledgerEntries.record(entries)
        signedEntries.record(signed)
    }

    func written(at now: Double) { writtenAt.record(now) }
}
