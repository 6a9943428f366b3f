import Foundation
import Synchronization
import TenderLedger
import TenderScoring

/// "Verify now" in the console: one full verification of the ledger at a time (the same `LedgerVerifier` as
/// `tender ledger verify`), run in the background; the last result is kept until the next run.
final class VerificationJob: Sendable {
    /// A run, under way or finished.
    struct Run: Sendable {
        var startedAt: String
        var startedBy: String
        /// Entries in the ledger when the run started.
        var size: Int
        /// Entries checked so far.
        var checked = 0
        var finishedAt: String?
        var seconds: Double?
        var report: VerificationReport?
        /// Why the ledger could not be read at all.
        var failure: String?

        var json: JSONValue {
            var members: [String: JSONValue] = [
                "state": .string(finishedAt == nil ? "running" : "finished"), "started_at": .string(startedAt),
                "started_by": .string(startedBy), "entries_at_start": .integer(Int64(size)),
                "entries_checked": .integer(Int64(checked)),
                "finished_at": .optional(finishedAt),
                "seconds": seconds.map { .string(String(format: "%.3f", $0)) } ?? .null,
                "failure": .optional(failure),
            ]
            if let report {
                members["valid"] = .bool(report.isValid)
                members["size"] = .integer(Int64(report.size))
                members["root"] = .string(Hex.encode(report.root))
                members["checkpoints_checked"] = .integer(Int64(report.checkpointsChecked))
                members["blobs_checked"] = .integer(Int64(report.blobsChecked))
                members["unsigned_entries"] = .integer(Int64(report.unsignedEntries))
                members["problem_count"] = .integer(Int64(report.problemCount))
                members["problems"] = .array(report.problems.prefix(50).map { .string("\($0)") })
            } else {
                members["valid"] = failure == nil ? .null : .bool(false)
            }
            return .object(members)
        }
    }

    let ledger: LedgerStore
    private let state = Mutex<Run?>(nil)

    init(ledger: LedgerStore) {
        self.ledger = ledger
    }

    /// The current or last run, if any.
    var current: Run? { state.withLock { $0 } }

    /// Starts a run unless one is under way; returns whether it started.
    @discardableResult
    func start(by user: String) -> Bool {
        let size = (try? ledger.size()) ?? 0
        let started: Bool = state.withLock { run in
            guard run == nil || run?.finishedAt != nil else { return false }
            run = Run(startedAt: WallClock.now(), startedBy: user, size: size)
            return true
        }
        guard started else { return false }
        let (path, verifier) = (ledger.path, ledger.signer?.verifier)
        Thread.detachNewThread { [self] in
            let clock = ContinuousClock.now
            var report: VerificationReport? = nil
            var failure: String? = nil
            if let verifier {
                do {
                    var job = LedgerVerifier(path: path, verifier: verifier)
                    job.progress = { checked in self.state.withLock { $0?.checked = checked } }
                    report = try job.verify()
                } catch {
                    failure = "\(error)"
                }
            } else {
                failure = "the daemon has no ledger key to verify checkpoints with"
            }
            let elapsed = ContinuousClock.now - clock
            state.withLock { run in
                run?.finishedAt = WallClock.now()
                run?.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                run?.report = report
                run?.failure = failure
            }
        }
        return true
    }
}
