import Synchronization
import TenderScoring

/// When files arrive, from the wall clock, never going backwards within a run. A document with no
/// `received_at` of its own is received when first seen, and a later submission replaces an earlier one by that
/// time: if the system clock stepped back, a revision seen after the step would otherwise count as older than the
/// one it replaces. The step is reported once (so an operator can fix the clock), and arrival times stay at the
/// last time seen until the clock catches up.
final class ArrivalClock: Sendable {
    private let read: @Sendable () -> Timestamp
    /// The latest arrival time given, and whether the wall clock is behind it (already reported).
    private let state = Mutex<(last: Timestamp?, behind: Bool)>((nil, false))

    /// `read` is the wall clock (tests pass one they can step).
    init(read: @escaping @Sendable () -> Timestamp = WallClock.timestamp) {
        self.read = read
    }

    /// The wall clock as it reads now, in seconds (for comparing with file modification times).
    var wallSeconds: Double {
        let now = read()
        return Double(now.seconds) + Double(now.nanoseconds) / 1e9
    }

    /// The arrival time for a file seen now, and, the first time the wall clock is found behind the last arrival
    /// time, how far (seconds) it had stepped back.
    func now() -> (time: Timestamp, steppedBack: Double?) {
        let wall = read()
        return state.withLock { state in
            guard let previous = state.last, wall < previous else {
                state = (wall, false)
                return (wall, nil)
            }
            let seconds =
                Double(previous.seconds - wall.seconds) + Double(previous.nanoseconds - wall.nanoseconds) / 1e9
            defer { state.behind = true }
            return (previous, state.behind ? nil : seconds)
        }
    }
}
