import Foundation
public import TenderScoring

/// Wall-clock time for records (`recorded_at`, when a file was first seen). Never used in a result.
public enum WallClock {
    public static func now() -> String { timestamp().description }

    public static func timestamp() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(seconds: Int64(spec.tv_sec), nanoseconds: Int32(spec.tv_nsec / 1_000_000 * 1_000_000))
    }
}
