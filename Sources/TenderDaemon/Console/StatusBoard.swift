import Foundation
import Synchronization
import TenderLedger
import TenderScoring

/// What the daemon is doing, for operators: `/api/v1/status`, the console's status page, and `status.json` in
/// the state folder (written with the metrics), which `tender status` reads.
final class StatusBoard: Sendable {
    let settings: DaemonSettings
    let holder: RuleSetHolder
    let metrics: DaemonMetrics
    let ledger: LedgerStore
    let lastError: LastError
    private let startedAt: String
    private let startedUptime: Double
    private let consoleURL = Mutex<String?>(nil)

    init(
        settings: DaemonSettings, holder: RuleSetHolder, metrics: DaemonMetrics, ledger: LedgerStore,
        lastError: LastError
    ) {
        self.settings = settings
        self.holder = holder
        self.metrics = metrics
        self.ledger = ledger
        self.lastError = lastError
        startedAt = WallClock.now()
        startedUptime = Uptime.seconds()
    }

    /// Counts today's documents already in the ledger (a restart keeps the day's figures).
    func seedToday() {
        let today = String(WallClock.now().prefix(10))
        var counts: [IntakeDecision.Outcome: Int] = [:]
        let outcomes: [String: IntakeDecision.Outcome] = [
            DocumentReceivedEntry.type: .accepted, DocumentRejectedEntry.type: .rejected,
            DocumentDuplicateEntry.type: .duplicate,
        ]
        try? ledger.forEachEntryNewestFirst { entry in
            guard let body = try? entry.json(), let recorded = body["recorded_at"]?.stringValue else { return true }
            guard recorded.hasPrefix(today) else { return recorded > today }
            // `tender score --ledger` records documents too; only what the daemon took in counts as intake.
            if let outcome = outcomes[entry.type], body["source"]?.stringValue == "tender serve" {
                counts[outcome, default: 0] += 1
            }
            return true
        }
        metrics.seedDay(today, counts: counts)
    }

    /// The console's URL once it listens.
    func consoleListening(at url: String) { consoleURL.withLock { $0 = url } }

    /// The status now, as JSON.
    func snapshot() -> JSONValue {
        let today = String(WallClock.now().prefix(10))
        let counts = metrics.committed(on: today)
        let ruleSet = holder.current
        let signed = (try? ledger.latestCheckpoint())??.checkpoint.size
        func integer(_ value: Int?) -> JSONValue { value.map { .integer(Int64($0)) } ?? .null }
        var members: [String: JSONValue] = [:]
        members["version"] = .string(TenderVersion.current)
        members["pid"] = .integer(Int64(getpid()))
        members["started_at"] = .string(startedAt)
        members["uptime_seconds"] = .integer(Int64(Uptime.seconds() - startedUptime))
        members["ruleset_digest"] = .optional(ruleSet?.digest)
        members["documents_today"] = .object([
            "date": .string(today), "accepted": integer(counts[.accepted] ?? 0),
            "rejected": integer(counts[.rejected] ?? 0), "duplicate": integer(counts[.duplicate] ?? 0),
        ])
        members["inbox_waiting"] = integer(FileSystem.names(in: settings.inbox).filter { !$0.hasPrefix(".") }.count)
        members["processing_waiting"] = integer(IntakeProcessor.claimable(in: settings.processing).count)
        members["ledger_entries"] = integer(try? ledger.size())
        members["ledger_signed_entries"] = integer(signed)
        members["last_error"] =
            lastError.last.map { .object(["at": .string($0.at), "message": .string($0.message)]) } ?? .null
        members["console"] = .optional(consoleURL.withLock { $0 })
        return .object(members)
    }

    /// Replaces `status.json` (atomically).
    func write() {
        let temporary = settings.statusFile + ".tmp"
        do {
            try FileSystem.write(temporary, snapshot().canonicalBytes + [10], sync: false)
            try FileSystem.move(temporary, to: settings.statusFile)
        } catch {
            // The metrics file's own warning covers a state folder that cannot be written.
        }
    }
}
