import Foundation
public import TenderScoring

/// Wall-clock time for records (`recorded_at`, when a file was first seen). Never used in a result.
public enum WallClock {
    public static func now() -> String { timestamp().description }

    /// Now, to the millisecond (Foundation's clock reads CLOCK_REALTIME).
    public static func timestamp() -> Timestamp {
        let milliseconds = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        return Timestamp(seconds: seconds, nanoseconds: Int32(remainder * 1_000_000))
    }
}
