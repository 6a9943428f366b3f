import Synchronization

/// Counts background jobs queued and not yet finished, shared between the loop that queues them and the
/// queue that runs them.
final class JobCounter: Sendable {
    private let count = Mutex(0)

    func begin() { count.withLock { $0 += 1 } }

    func end() { count.withLock { $0 -= 1 } }

    var isIdle: Bool { count.withLock { $0 == 0 } }
}
