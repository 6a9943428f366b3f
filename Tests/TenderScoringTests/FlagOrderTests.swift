import Foundation
import TenderTestSupport
import Testing

@testable import TenderScoring

struct FlagOrderTests {
    /// The order the result's flags had before they were sorted on ranks: the four strings compared in turn.
    static func fourStrings(_ flags: [ScoringFlag]) -> [ScoringFlag] {
        flags.sorted {
            ($0.kind, $0.tender ?? "", $0.check, $0.message) < ($1.kind, $1.tender ?? "", $1.check, $1.message)
        }
    }

    @Test func flagsSortedOnRanksComeInTheFourStringOrderWithTiesKeptAsRaised() {
        // Given flags with ties on all four strings (told apart only by their action), a tender key written as
        // precomposed and as decomposed É (the same text), no tender and an empty one (the same place), and
        // messages that share their start
        let tenders: [String?] = [nil, "", "\u{C9}1", "E\u{301}1", "B", "a", "T10", "T9"]
        var flags: [ScoringFlag] = []
        var raised = 0
        for round in 0..<3 {
            for (index, tender) in tenders.enumerated() {
                for kind in ["tie", "mark-reasons", "gate"] {
                    raised += 1
                    flags.append(
                        ScoringFlag(
                            check: index % 2 == 0 ? "why" : "also-why", kind: kind, tender: tender,
                            message: "Q\((index + round) % 3) mark \(round % 2)", action: "raised \(raised)"))
                }
            }
        }
        var generator = SplitMix64(seed: 20)
        flags.shuffle(using: &generator)
        // When they are put in the result's order
        let ordered = ScoringEngine.resultOrder(flags)
        // Then it is exactly the four-string order, element by element, ties in the order raised
        #expect(ordered == Self.fourStrings(flags))
    }
}
