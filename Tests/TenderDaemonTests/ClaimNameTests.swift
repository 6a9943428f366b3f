import Foundation
import TenderScoring
import Testing

@testable import TenderDaemon

/// A claim's name is what the daemon has always written: `%011lld-%09d-%06d--` and the original name.
struct ClaimNameTests {
    @Test(arguments: [
        (Int64(1_796_614_076), Int32(41_000_000), 1),
        (Int64(0), Int32(0), 0),
        (Int64(99_999_999_999), Int32(999_999_999), 999_999),
        (Int64(123_456_789_012), Int32(5), 1_000_001),
        (Int64(-42), Int32(7), 12),
    ])
    func aClaimIsNamedAsPrintfWouldNameIt(_ seconds: Int64, _ nanoseconds: Int32, _ counter: Int) {
        // Given a time of a scan and a claim's place in it (a counter past six digits, seconds past eleven, before 1970)
        let seenAt = Timestamp(seconds: seconds, nanoseconds: nanoseconds)
        // When a file is claimed
        let claim = Claim(originalName: "T-0001 brightwall.yaml", seenAt: seenAt, counter: counter)
        // Then its name is printf's, and reading the name back gives the same claim
        let expected =
            String(format: "%011lld-%09d-%06d--", seconds, nanoseconds, counter) + "T-0001 brightwall.yaml"
        #expect(claim.claimName == expected)
        if seconds >= 0 { #expect(Claim(claimName: claim.claimName) == claim) }
    }
}
