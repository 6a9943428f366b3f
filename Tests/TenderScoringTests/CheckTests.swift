import Foundation
import TenderScoring
import Testing

struct CheckTests {
    @Test func abnormallyLowFlagsPricesWellBelowTheMedianAndHoldsForTheBuyer() {
        // Prices 60, 100, 110, 120 → median (100 + 110)/2 = 105; 25% below → threshold 78.75; only 60 is flagged
        let methodology = Build.methodology(
            [Build.price(100)], checks: [Check(id: "alt", kind: .abnormallyLow(belowMedianBy: Build.d("0.25")))])
        let result = Build.evaluate(
            methodology, [60, 100, 110, 120].map { Build.submission("T\($0)", price: Decimal($0)) })
        let flags = result.flags.filter { $0.kind == "abnormally-low" }
        #expect(flags.map(\.tender) == ["T60"])
        #expect(flags[0].message.contains("42.9% below the median GBP 105"))
        #expect(flags[0].action?.contains("s.19(4)") == true)
        #expect(result.tender("T60")?.status == .assessed)
    }

    @Test func identicalPricesFromDifferentSuppliersAreFlagged() {
        let methodology = Build.methodology([Build.price(100)], checks: [Check(id: "same", kind: .identicalPrices)])
        let result = Build.evaluate(
            methodology,
            [Build.submission("A", price: 500), Build.submission("B", price: 500), Build.submission("C", price: 501)])
        #expect(result.flags.filter { $0.kind == "identical-prices" }.map(\.tender) == ["A", "B"])
    }

    @Test func markReasonsThatAreMissingShortOrOnlyTheLabelAreFlagged() {
        let quality = Build.marks(
            "quality", 100,
            questions: ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"].map { Build.question($0) })
        let methodology = Build.methodology([quality], checks: [Check(id: "why", kind: .markReasons(minWords: 5))])
        // (Q5: nine words, but only filler and the label; Q6: the label, filler and two words of substance)
        let submission = Build.submission(
            "A", price: 1, marks: ["Q1": 4, "Q2": 4, "Q3": 4, "Q4": 4, "Q5": 4, "Q6": 4],
            reasons: [
                "Q1": "Good.", "Q2": "Clear plan.", "Q3": " ", "Q4": "Section 2.3 names crews and a weekly programme.",
                "Q5": "The response is good and meets the requirements fully.",
                "Q6": "Good response with named crews.",
            ])
        let messages = Build.evaluate(methodology, [submission]).flags.filter { $0.kind == "mark-reasons" }.map(
            \.message)
        #expect(messages.count == 4)
        #expect(messages.contains { $0.hasPrefix("Q5") && $0.contains("only repeats the scale label") })
        #expect(messages.contains { $0.hasPrefix("Q1") && $0.contains("only repeats the scale label") })
        #expect(messages.contains { $0.hasPrefix("Q2") && $0.contains("has 2 words; at least 5") })
        #expect(messages.contains { $0.hasPrefix("Q3") && $0.contains("missing") })
    }

    @Test func evaluatorSpreadAboveTheThresholdIsFlagged() {
        let quality = Build.marks("quality", 100, questions: [Build.question("Q1")], moderation: .median)
        let methodology = Build.methodology(
            [quality], checks: [Check(id: "spread", kind: .evaluatorSpread(maxSpread: 2))])
        let result = Build.evaluate(
            methodology,
            [
                Build.submission("WIDE", price: 1, evaluatorMarks: ["Q1": [("E1", 1), ("E2", 4)]]),
                Build.submission("NARROW", price: 1, evaluatorMarks: ["Q1": [("E1", 2), ("E2", 4)]]),
            ])
        let flags = result.flags.filter { $0.kind == "evaluator-spread" }
        #expect(flags.map(\.tender) == ["WIDE"])
        #expect(flags.first?.message.contains("E1 1, E2 4") == true)
    }

    @Test func flagsAreOrderedByKindTenderCheckAndMessage() {
        // Many flags of several kinds, checks and tenders (two keys not ASCII), with messages that differ only after
        // their start: the result lists them in the order of the four strings compared one after another
        // (FlagOrderTests checks ties and canonically equal text on the ordering itself).
        let quality = Build.marks("quality", 60, questions: [Build.question("Q1"), Build.question("Q2")])
        let methodology = Build.methodology(
            [Build.price(40), quality],
            checks: [
                Check(id: "why", kind: .markReasons(minWords: 5)),
                Check(id: "also-why", kind: .markReasons(minWords: 4)),
                Check(id: "spread", kind: .evaluatorSpread(maxSpread: 1)), Check(id: "same", kind: .identicalPrices),
            ])
        let keys = ["B", "A", "\u{C9}1", "E\u{301}2", "a", "C"] + (0..<40).map { "T\(($0 * 7) % 40)" }
        let submissions = keys.enumerated().map { index, key in
            Build.submission(
                key, price: Decimal(100 + index % 3), marks: ["Q1": 3, "Q2": 2],
                reasons: ["Q1": "Good", "Q2": index % 2 == 0 ? "Weak" : "Too short"],
                evaluatorMarks: ["Q1": [("E2", 1), ("E1", Decimal(index % 5))]])
        }
        let flags = Build.evaluate(methodology, submissions).flags
        #expect(flags.count > 100)
        #expect(Set(flags.map(\.kind)).isSuperset(of: ["mark-reasons", "evaluator-spread", "identical-prices", "tie"]))
        let inOrder = zip(flags, flags.dropFirst()).allSatisfy { earlier, later in
            !((later.kind, later.tender ?? "", later.check, later.message)
                < (earlier.kind, earlier.tender ?? "", earlier.check, earlier.message))
        }
        #expect(inOrder)
    }
}
