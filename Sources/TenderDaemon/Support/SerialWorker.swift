import Dispatch

/// Runs blocking work (an SQLite write that may wait out another writer's lock, rule tests, file I/O) on a serial
/// queue of its own, so it never holds a thread of Swift's small cooperative pool, which every other service (and
/// other daemons in the same process) need meanwhile.
final class SerialWorker: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the queue and returns what it returns.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
