import Foundation
import TenderScoring

/// An inbox file taken into `processing/` under a unique name, so no other scan can take it and a crash
/// leaves it where restart reconciliation finds it.
struct Claim: Sendable, Hashable, Comparable {
    /// The name the producer gave the file.
    var originalName: String
    /// `<seconds>-<nanoseconds>-<counter>--<original name>`: unique; ``<`` (not the text) orders claims by arrival.
    var claimName: String
    /// When the daemon first saw the file (its received time when the document carries none).
    var seenAt: Timestamp
    /// The claim's place among those of the same scan (0 when the name does not say).
    var counter: Int

    init(originalName: String, seenAt: Timestamp, counter: Int) {
        self.originalName = originalName
        self.seenAt = seenAt
        self.counter = counter
        // As `String(format: "%011lld-%09d-%06d--", …)` would write it, without formatting through Foundation
        // for every file claimed.
        self.claimName =
            Self.padded(Int64(seenAt.seconds), 11) + "-" + Self.padded(Int64(seenAt.nanoseconds), 9) + "-"
            + Self.padded(Int64(counter), 6) + "--" + originalName
    }

    /// `value` in decimal, zero-padded to at least `width` characters after any minus sign, as printf's `%0Nd`.
    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let zeros = max(0, width - sign.count - digits.count)
        return sign + String(repeating: "0", count: zeros) + digits
    }

    /// Recovers a claim from its name in `processing/` after a restart.
    init?(claimName: String) {
        guard let separator = claimName.range(of: "--") else { return nil }
        let parts = claimName[..<separator.lowerBound].split(separator: "-")
        guard parts.count == 3, let seconds = Int64(parts[0]), let nanos = Int32(parts[1]) else { return nil }
        self.claimName = claimName
        self.originalName = String(claimName[separator.upperBound...])
        self.seenAt = Timestamp(seconds: seconds, nanoseconds: nanos)
        self.counter = Int(parts[2]) ?? 0
    }

    /// Arrival order: by the time of the scan that found the file, then by the counter as a number (the name's
    /// counter is padded to six digits only, so past 999,999 its text no longer sorts), then by name.
    static func < (left: Claim, right: Claim) -> Bool {
        if left.seenAt != right.seenAt { return left.seenAt < right.seenAt }
        if left.counter != right.counter { return left.counter < right.counter }
        return left.claimName < right.claimName
    }
}
