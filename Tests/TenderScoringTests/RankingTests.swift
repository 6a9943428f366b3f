import Foundation
import TenderScoring
import Testing

struct RankingTests {
    /// domain.md §3.3: weights 30 price / 70 quality, lowest/bid. Quality is marked directly in points (0–70).
    func reversalMethodology() -> Methodology {
        let quality = Build.marks(
            "quality", 70, questions: [Build.question("Q")], scale: MarkScale(min: 0, max: 70, labels: []))
        return Build.methodology([Build.price(30), quality], checks: [Check(id: "loo", kind: .leaveOneOut)])
    }

    let a = Build.submission("A", price: 100, marks: ["Q": 56])
    let b = Build.submission("B", price: 120, marks: ["Q": 60])
    let d = Build.submission("D", price: 50, marks: ["Q": 20])

    @Test func rankReversalFromDomainNotesIsReproduced() {
        // A: 30 × 100/100 + 56 = 86.0; B: 30 × 100/120 + 60 = 85.0 → A wins
        let before = Build.evaluate(reversalMethodology(), [a, b])
        #expect(before.tender("A")?.total == 86)
        #expect(before.tender("B")?.total == 85)
        #expect(before.winner == "A")
        // Add D (£50, Q 20): A = 30 × 50/100 + 56 = 71.0; B = 30 × 50/120 + 60 = 72.5; D = 30 + 20 = 50 → B wins
        let after = Build.evaluate(reversalMethodology(), [a, b, d])
        #expect(after.tender("A")?.total == 71)
        #expect(after.tender("B")?.total == Build.d("72.5"))
        #expect(after.tender("D")?.total == 50)
        #expect(after.winner == "B")
        #expect(after.tender("D")?.rank == 3)
    }

    @Test func leaveOneOutFlagsTheLosingTenderThatDecidesTheWinner() {
        let after = Build.evaluate(reversalMethodology(), [a, b, d])
        let flags = after.flags.filter { $0.kind == "leave-one-out" }
        #expect(flags.count == 1)
        #expect(flags.first?.tender == "D")
        #expect(flags.first?.message.contains("without D the winner would be A, not B") == true)
        // Without D there is nothing to flag: removing A leaves B alone, removing B changes nothing relative.
        let before = Build.evaluate(reversalMethodology(), [a, b])
        #expect(!before.flags.contains { $0.kind == "leave-one-out" })
    }

    @Test func exactTiesAreBrokenInTheDeclaredOrder() {
        // Both total 100 × 1 = 100 on quality-only; tie-break lowest-price puts the cheaper first.
        let quality = Build.marks("quality", 100, questions: [Build.question("Q")])
        let tenders = [
            Build.submission("X", price: 200, marks: ["Q": 4], received: "2026-11-01T10:00:00Z"),
            Build.submission("Y", price: 150, marks: ["Q": 4], received: "2026-11-02T10:00:00Z"),
        ]
        let byPrice = Build.evaluate(Build.methodology([quality], tieBreak: [.lowestPrice]), tenders)
        #expect(byPrice.winner == "Y")
        #expect(byPrice.flags.first { $0.kind == "tie" }?.message.contains("'lowest-price' put Y first") == true)
        let byTime = Build.evaluate(Build.methodology([quality], tieBreak: [.earliestReceived]), tenders)
        #expect(byTime.winner == "X")
    }

    @Test func aCriterionTieBreakPrefersMorePointsOnThatCriterion() {
        // X: price 50 × 100/100 = 50, quality 50 × 3/5 = 30 → 80; Y: price 50 × 100/125 = 40, quality 50 × 4/5 = 40 → 80
        let quality = Build.marks("quality", 50, questions: [Build.question("Q")])
        let methodology = Build.methodology([Build.price(50), quality], tieBreak: [.criterion("quality")])
        let result = Build.evaluate(
            methodology,
            [Build.submission("X", price: 100, marks: ["Q": 3]), Build.submission("Y", price: 125, marks: ["Q": 4])])
        #expect(result.tender("X")?.total == result.tender("Y")?.total)
        #expect(result.winner == "Y")
    }

    @Test func gapsSmallerThanOnePublishedUnitAreNearTies() {
        // price 100 × 1000/1000 = 100 vs 100 × 1000/1000.05 = 99.995…: a gap of 0.005 < 0.01
        let result = Build.evaluate(
            Build.methodology([Build.price(100)]),
            [Build.submission("X", price: 1000), Build.submission("Y", price: Build.d("1000.05"))])
        #expect(result.winner == "X")
        #expect(result.flags.contains { $0.kind == "near-tie" && $0.tender == "X" })
    }

    @Test func pricePerQualityPointRanksTheLowestPricePerPoint() {
        // X: 600 / (100 × 3/5 = 60) = 10; Y: 800 / (100 × 5/5 = 100) = 8 → Y wins although dearer
        let quality = Build.marks("quality", 100, questions: [Build.question("Q")])
        let methodology = Build.methodology([quality], method: .pricePerQualityPoint)
        let result = Build.evaluate(
            methodology,
            [Build.submission("X", price: 600, marks: ["Q": 3]), Build.submission("Y", price: 800, marks: ["Q": 5])])
        #expect(result.tender("X")?.pricePerQualityPoint == 10)
        #expect(result.tender("Y")?.pricePerQualityPoint == 8)
        #expect(result.winner == "Y")
    }

    @Test func pricePerQualityPointDisregardsATenderWithNoQualityPoints() {
        let quality = Build.marks("quality", 100, questions: [Build.question("Q")])
        let result = Build.evaluate(
            Build.methodology([quality], method: .pricePerQualityPoint),
            [Build.submission("X", price: 600, marks: ["Q": 0]), Build.submission("Y", price: 800, marks: ["Q": 5])])
        #expect(result.tender("X")?.status == .disregarded)
        #expect(result.tender("X")?.reasons.contains { $0.contains("Q = 0") } == true)
        #expect(result.winner == "Y")
    }

    @Test func lowestPriceAcceptableAwardsTheCheapestThatPassesMinimums() {
        // Z is cheapest but fails the quality minimum; X is next cheapest and acceptable.
        let quality = Build.marks("quality", 0, questions: [Build.question("Q", minimum: 3)])
        let methodology = Build.methodology([Build.price(100), quality], method: .lowestPriceAcceptable)
        let result = Build.evaluate(
            methodology,
            [
                Build.submission("X", price: 500, marks: ["Q": 3]), Build.submission("Y", price: 700, marks: ["Q": 5]),
                Build.submission("Z", price: 300, marks: ["Q": 2]),
            ])
        #expect(result.tender("Z")?.status == .disregarded)
        #expect(result.winner == "X")
        #expect(result.tender("Y")?.rank == 2)
    }
}
