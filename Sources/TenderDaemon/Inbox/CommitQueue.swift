import Dispatch
import Synchronization

/// Runs a round's batch commits in order on a thread of their own, so the intake loop decides batch n+1 while
/// batch n is serialized, hashed, written and fsynced. At most `depth` batches wait, which bounds memory.
///
/// Once a commit fails, the batches queued after it are not committed either (they were decided on top of
/// it); the loop stops handing in batches, and their files stay in `processing/` for the restart.
final class CommitQueue: Sendable {
    private let committer: BatchCommitter
    private let queue = DispatchQueue(label: "tender.commit")
    private let slots: DispatchSemaphore
    private let state = Mutex(State())

    private struct State {
        /// The number of the last batch committed.
        var committed = 0
        var failed = false
        /// Why the last failed commit failed.
        var failure: String?
    }

    init(committer: BatchCommitter, depth: Int = 2) {
        self.committer = committer
        slots = DispatchSemaphore(value: max(1, depth))
    }

    /// Queues batch number `batch` (numbers only increase); waits while `depth` batches are already queued.
    func submit(_ decisions: [IntakeDecision], batch: Int) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard !hasFailed else {
                // Not committed: its documents are decided again, and its reports rendered again, next round.
                for decision in decisions { decision.discardReports() }
                return
            }
            let failure = committer.commit(decisions)
            state.withLock {
                if let failure {
                    $0.failed = true
                    $0.failure = failure
                } else {
                    $0.committed = batch
                }
            }
        }
    }

    /// Waits until every queued batch is committed (or skipped after a failure).
    func drain() {
        queue.sync {}
    }

    /// The number of the last batch committed; every batch up to it is in the ledger.
    var committedBatch: Int { state.withLock { $0.committed } }

    /// Whether a commit failed since the last ``clearFailure()``.
    var hasFailed: Bool { state.withLock { $0.failed } }

    /// Why the last failed commit failed (kept until the next failure replaces it).
    var failure: String? { state.withLock { $0.failure } }

    /// Lets commits through again after a failure (at the start of the next round).
    func clearFailure() {
        drain()
        state.withLock { $0.failed = false }
    }
}
