import Synchronization

/// Slows guessing: after `limit` failed sign-ins within `window` seconds from one address, or for one user name,
/// further attempts from there (or for that name) are refused until the oldest failure leaves the window. A
/// successful sign-in does not clear an address's failures (a correct guess among many is still suspect).
final class SignInLimiter: Sendable {
    let limit: Int
    let window: Double
    private let failures = Mutex<[String: [Double]]>([:])

    init(limit: Int = 5, window: Double = 300) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `keys` may try again, or nil when they may try now.
    func retryAfter(_ keys: [String], now: Double) -> Int? {
        failures.withLock { table in
            var wait: Double? = nil
            for key in keys {
                let recent = (table[key] ?? []).filter { now - $0 < window }
                table[key] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first {
                    wait = max(wait ?? 0, window - (now - oldest))
                }
            }
            return wait.map { max(1, Int($0.rounded(.up))) }
        }
    }

    /// Records a failed attempt against each key.
    func failed(_ keys: [String], now: Double) {
        failures.withLock { table in
            for key in keys { table[key, default: []].append(now) }
            // Bounded memory under a flood of names: forget keys with nothing recent.
            if table.count > 10_000 { table = table.filter { $0.value.contains { now - $0 < window } } }
        }
    }
}
