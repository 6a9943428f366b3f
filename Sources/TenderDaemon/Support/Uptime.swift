import Dispatch

/// Seconds on a monotonic clock (since boot): for intervals and timers, which must not jump when the wall clock
/// is stepped.
enum Uptime {
    static func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
