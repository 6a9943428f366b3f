import Foundation
import TenderScoring

/// An inbox file taken into `processing/` under a unique name, so no other scan can take it and a crash
/// leaves it where restart reconciliation finds it.
struct Claim: Sendable, Hashable {
    /// The name the producer gave the file.
    var originalName: String
    /// `<seconds>-<nanoseconds>-<counter>--<original name>`: unique, sortable by arrival.
    var claimName: String
    /// When the daemon first saw the file (its received time when the document carries none).
    var seenAt: Timestamp

    init(originalName: String, seenAt: Timestamp, counter: Int) {
        self.originalName = originalName
        self.seenAt = seenAt
        self.claimName =
            String(format: "%011lld-%09d-%06d--", seenAt.seconds, seenAt.nanoseconds, counter) + originalName
    }

    /// Recovers a claim from its name in `processing/` after a restart.
    init?(claimName: String) {
        guard let separator = claimName.range(of: "--") else { return nil }
        let parts = claimName[..<separator.lowerBound].split(separator: "-")
        guard parts.count == 3, let seconds = Int64(parts[0]), let nanos = Int32(parts[1]) else { return nil }
        self.claimName = claimName
        self.originalName = String(claimName[separator.upperBound...])
        self.seenAt = Timestamp(seconds: seconds, nanoseconds: nanos)
    }
}
