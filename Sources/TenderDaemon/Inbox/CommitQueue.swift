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
        /// Whether it failed only because the ledger grew after the batch was numbered.
        var moved = false
        /// The ledger's size after the last commit made here in this round (nil before the round's first).
        var size: Int?
        /// The entries of the batches queued and not yet committed.
        var queuedEntries = 0
    }

    init(committer: BatchCommitter, depth: Int = 4) {
        self.committer = committer
        slots = DispatchSemaphore(value: max(1, depth))
    }

    /// Queues batch number `batch` (numbers only increase); waits while `depth` batches are already queued. With
    /// `first`, its entries were numbered from it (``BatchCommitter/commit(_:first:)``).
    func submit(_ decisions: [IntakeDecision], batch: Int, first: Int? = nil) {
        let entries = decisions.reduce(0) { $0 + $1.drafts.count }
        state.withLock { $0.queuedEntries += entries }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard !hasFailed else {
                // Not committed: its documents are decided again, and its reports rendered again, next round.
                for decision in decisions { decision.discardReports() }
                state.withLock { $0.queuedEntries -= entries }
                return
            }
            do throws(BatchCommitter.CommitFailure) {
                let size = try committer.commit(decisions, first: first)
                state.withLock {
                    $0.queuedEntries -= entries
                    $0.committed = batch
                    if let size { $0.size = size }
                }
            } catch {
                state.withLock {
                    $0.queuedEntries -= entries
                    $0.failed = true
                    $0.failure = error.description
                    $0.moved = error.moved
                }
            }
        }
    }

    /// The ledger's size once every queued batch is committed, as far as this queue knows it: `nil` when nothing is
    /// queued (the ledger itself says) or no commit has been made here in this round. Another writer (a rules reload)
    /// may have appended since; a batch numbered from this figure then fails its commit and is decided again.
    var sizeAfterQueued: Int? {
        state.withLock { state in
            guard state.queuedEntries > 0, !state.failed else { return nil }
            return state.size.map { $0 + state.queuedEntries }
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

    /// Whether the commit that failed since the last ``clearFailure()`` failed only because another writer (a rules
    /// reload) appended after its batch was numbered: the batch is to be decided again at once, with no backoff.
    var failedBecauseTheLedgerGrew: Bool { state.withLock { $0.failed && $0.moved } }

    /// Lets commits through again after a failure (at the start of the next round), and forgets the ledger's size:
    /// another writer (a rules reload) may have appended since the last commit made here.
    func clearFailure() {
        drain()
        state.withLock {
            $0.failed = false
            $0.moved = false
            $0.size = nil
        }
    }
}
