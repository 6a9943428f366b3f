import Foundation
import TenderScoring
import Testing

struct CompactedTextTests {
    @Test func compactedTextHasTheSameBytes() {
        // Text built by appending (with room to spare), with characters of two bytes, and inline text
        var built = "Q1 \(3) (Good) × \(Decimal(string: "0.5")!)"
        for _ in 0..<20 { built += "; é\u{301}" }
        for text in [built, "short", ""] {
            #expect(Array(text.compacted.utf8) == Array(text.utf8))
        }
    }
}
