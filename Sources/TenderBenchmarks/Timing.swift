import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Monotonic time and percentiles for the benchmarks (timing figures are `Double`; money never is).
enum Timing {
    /// Seconds on the monotonic clock (comparable between this process and its inotify thread).
    static func now() -> Double {
        // DispatchTime reads CLOCK_MONOTONIC on Linux, as the inotify thread's timestamps do.
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// Runs `body` and returns its result and the seconds it took.
    static func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let value = try body()
        return (value, now() - start)
    }

    /// The `p`-th percentile (0...100) of `values`, nearest rank.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }

    /// The median of `values`.
    static func median(_ values: [Double]) -> Double { percentile(values, 50) }
}
