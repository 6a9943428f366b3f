import Dispatch

/// Runs `body` for `0..<count` on every core (Dispatch's `concurrentPerform`) and returns the results in
/// index order. For CPU-bound work with no shared mutable state: reading, hashing and parsing documents, evaluating
/// the lots of a procurement. Deterministic: each result depends only on its index.
package enum ConcurrentMap {
    package static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
        return slots.take()
    }

    /// One slot per index, each written by exactly one iteration (the daemon's background threads fill them too).
    package final class Slots<T: Sendable>: @unchecked Sendable {
        // Safe: iteration `i` writes only slot `i`, and `take()` moves the values out once every iteration has written
        // (after concurrentPerform has returned, or the caller has waited for them).
        private let storage: UnsafeMutableBufferPointer<T?>

        package init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }

        deinit {
            _ = storage.deinitialize()
            storage.deallocate()
        }

        package func set(_ index: Int, _ value: T) { storage[index] = value }

        /// The values, moved out (not copied: a copy of a large value retains each of its parts, and releasing
        /// the slots releases them again); the slots are left empty.
        package func take() -> [T] {
            let base = storage.baseAddress!
            let values = (0..<storage.count).map { (base + $0).move()! }
            storage.initialize(repeating: nil)
            return values
        }
    }
}
