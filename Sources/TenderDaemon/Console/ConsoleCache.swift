import Synchronization

/// What the console has already rendered, each value kept with the stamp of what it was made from (a
/// procurement's last entries, the ledger's size, the rule set): a value is reused while its stamp is unchanged
/// and made again when it changes. Ledger entries never change, so what is made from them stays right as long as
/// the stamp names everything it read. Bounded: when full, it starts again empty.
final class ConsoleCache: Sendable {
    private let limit: Int
    private let values = Mutex<[String: (stamp: String, value: any Sendable)]>([:])

    init(limit: Int = 20_000) {
        self.limit = limit
    }

    /// The value kept under `key` if it was made from `stamp`; else `make()`'s, kept.
    func value<Value: Sendable, Failure: Error>(
        _ key: String, stamp: String, make: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        if let kept = values.withLock({ $0[key] }), kept.stamp == stamp, let value = kept.value as? Value {
            return value
        }
        let value = try make()
        values.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[key] = (stamp, value)
        }
        return value
    }

    /// The value kept under `key` if it was made from `stamp`.
    func kept<Value: Sendable>(_ key: String, stamp: String, as type: Value.Type) -> Value? {
        guard let kept = values.withLock({ $0[key] }), kept.stamp == stamp else { return nil }
        return kept.value as? Value
    }
}
