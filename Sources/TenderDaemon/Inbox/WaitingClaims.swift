/// Files a failed round left in `processing/` (a commit that failed on a full disk or a read-only ledger, a
/// ledger that could not be read): the running daemon retries them by itself, oldest first, after 1, 2, 4 … up
/// to 60 seconds. While any wait, new inbox files stay in the inbox, so documents are still recorded in the
/// order they arrived (a revision never lands before the tender it replaces).
struct WaitingClaims {
    /// How many files wait in `processing/` (0 when all is well).
    private(set) var count = 0
    /// Why the last round left them there.
    private(set) var reason = ""
    private var delay = 0.0
    /// When (``Uptime``) to try again.
    private(set) var retryAt = 0.0
    /// Immediate retries in a row: past ``immediateRetries`` the files wait, and are said to wait, like any others.
    private var retriedAtOnce = 0

    /// How many rounds in a row may be retried at once before the backoff and the warning apply.
    static let immediateRetries = 3

    static let longestDelay = 60.0

    /// Whether files wait and their retry is due at `now` (``Uptime`` seconds).
    func isDue(now: Double) -> Bool { count > 0 && now >= retryAt }

    /// What changed after a round.
    enum Change: Equatable {
        case none
        /// `count` files wait; the next try is in `retryIn` seconds.
        case waiting(count: Int, retryIn: Double)
        /// The `count` files that waited are through.
        case cleared(count: Int)
    }

    /// Records that `left` files are in `processing/` after a round that ended at `now`, with `reason` for the
    /// failure, if the round had one. With `retryNow` (nothing is wrong: a batch is only to be numbered again), they
    /// are due at once and the backoff does not grow, up to ``immediateRetries`` rounds in a row.
    mutating func update(left: Int, reason: String?, now: Double, retryNow: Bool = false) -> Change {
        guard left > 0 else {
            defer { (count, delay, retryAt, self.reason, retriedAtOnce) = (0, 0, 0, "", 0) }
            // Files that only waited to be numbered again (no backoff began) were never said to wait: nothing to clear.
            return count > 0 && delay > 0 ? .cleared(count: count) : .none
        }
        if retryNow { retriedAtOnce += 1 }
        // (Numbered too early again and again: something keeps appending between numbering and commit. Say so.)
        guard !retryNow || retriedAtOnce > Self.immediateRetries else {
            // (A failure said to wait and still being retried keeps its backoff: its clearing is announced as before.)
            (count, retryAt) = (left, now)
            self.reason = reason ?? ""
            return .waiting(count: left, retryIn: 0)
        }
        if !retryNow { retriedAtOnce = 0 }
        delay = delay == 0 ? 1 : min(delay * 2, Self.longestDelay)
        retryAt = now + delay
        count = left
        self.reason = reason ?? "files could not be moved out of processing/ (the error line before says why)"
        return .waiting(count: left, retryIn: delay)
    }
}
