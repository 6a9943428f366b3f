import Foundation
import TenderScoring
import TenderTestSupport
import Testing

/// Lotted procurements in the pure engine: each lot's evaluation over its own tenders, the limit on tendered lots,
/// and the award across lots under both mechanisms. Expected figures are worked from the published formulas.
struct LotTests {
    typealias B = Build

    /// Price 40 and quality 60 (one question 0–5) shared by lots 1 and 2; lot 2 weighs price 50 and quality 50 and
    /// caps prices at 400 where the shared cap is 1,000.
    static func methodology(limits: LotLimits = .none, order: [String] = ["1", "2"]) -> Methodology {
        var methodology = B.methodology(
            [B.price(40), B.marks("quality", 60, questions: [B.question("Q1")])],
            gates: [
                Gate(
                    id: "within-budget", title: nil, kind: .maximum(field: "price.total", max: 1_000),
                    onFail: .disregard)
            ])
        methodology.lotting = Lotting(
            lots: [
                LotDeclaration(id: "1", title: "North", estimatedValue: 500),
                LotDeclaration(
                    id: "2", title: "South", estimatedValue: 900,
                    criteria: [
                        "price": CriterionOverride(weight: 50, formula: nil),
                        "quality": CriterionOverride(weight: 50, formula: nil),
                    ], gates: ["within-budget": 400]),
            ], limits: limits, awardOrder: order, orderRule: "as declared")
        return methodology
    }

    /// A tender for several lots: `prices` by lot, in the order tendered.
    static func tender(
        _ key: String, _ prices: [(String, Decimal)], mark: Decimal, received: String = "2026-12-01T09:00:00Z"
    ) -> Submission {
        let single = B.submission(key, price: prices[0].1, marks: ["Q1": mark], received: received)
        let lots = prices.map { lot, price in
            LotTender(
                lot: lot, price: Price(total: price, currency: "GBP"),
                content: ["price": .map(["total": .number(price), "currency": .string("GBP")])], marks: [:],
                outcomes: nil, location: nil)
        }
        return Submission(
            documentID: single.documentID + "-" + prices.map(\.0).joined(), procurement: single.procurement, lot: nil,
            tenderID: key, receivedAt: single.receivedAt, supplier: single.supplier, price: single.price,
            marks: single.marks, outcomes: [], content: single.content, location: nil, lots: lots)
    }

    @Test func eachLotIsScoredOnItsOwnPricesWithItsOwnWeightsAndGates() {
        let outcome = LotsEngine(methodology: Self.methodology()).evaluate(
            submissions: [
                Self.tender("A", [("1", 100), ("2", 300)], mark: 5),
                Self.tender("B", [("1", 200), ("2", 150)], mark: 4),
                Self.tender("C", [("2", 600), ("1", 250)], mark: 3),
            ], marks: [])
        let lot1 = outcome.results["1"]!
        let lot2 = outcome.results["2"]!
        // Lot 1: P_min 100 (A). A 40 × 100/100 + 60 × 5/5 = 100; B 40 × 100/200 + 60 × 4/5 = 68;
        // C 40 × 100/250 + 60 × 3/5 = 52.
        #expect(lot1.tender("A")?.total == 100)
        #expect(lot1.tender("B")?.total == 68)
        #expect(lot1.tender("C")?.total == 52)
        // Lot 2: C's 600 is over the lot's own cap of 400 (the shared cap is 1,000), so P_min is B's 150, not lot
        // 1's 100: A 50 × 150/300 + 50 × 5/5 = 75; B 50 + 50 × 4/5 = 90.
        #expect(lot2.tender("C")?.status == .disregarded)
        #expect(lot2.tender("C")?.reasons.joined().contains("within-budget") == true)
        #expect(lot2.lowestPrice == 150)
        #expect(lot2.tender("A")?.total == 75)
        #expect(lot2.tender("B")?.total == 90)
        #expect(lot1.winner == "A" && lot2.winner == "B")
        #expect(outcome.award.lots.map(\.awarded) == ["A", "B"])
        #expect(outcome.award.isFinal)
    }

    @Test func tendersBeyondTheLimitOnTenderedLotsAreNotAssessedInTheOrderTendered() {
        var methodology = Self.methodology()
        methodology.lotting!.lots.append(LotDeclaration(id: "3", title: nil, estimatedValue: nil))
        methodology.lotting!.awardOrder.append("3")
        methodology.lotting!.limits = LotLimits(maxTendered: 2, maxAwarded: nil, mechanism: .inOrder)
        let others = [Self.tender("A", [("1", 100), ("2", 300), ("3", 100)], mark: 3)]
        // D's one document lists lots 2, 3, 1: lot 1 is its third.
        let one = LotsEngine(methodology: methodology).evaluate(
            submissions: others + [Self.tender("D", [("2", 200), ("3", 200), ("1", 200)], mark: 4)], marks: [])
        #expect(one.results["1"]?.tender("D")?.status == .notAssessed)
        #expect(
            one.results["1"]?.tender("D")?.reasons.first?.contains(
                "tendered for 3 lots (2, 3, 1), more than the 2 one supplier may tender for") == true)
        #expect(one.results["2"]?.tender("D")?.status == .assessed)
        #expect(one.results["3"]?.tender("D")?.status == .assessed)
        // A not-assessed tender is outside the reference set: lot 1's P_min stays A's 100, not D's 200… and A's
        // three lots are over the limit too: its third lot (3) is not assessed.
        #expect(one.results["3"]?.tender("A")?.status == .notAssessed)
        // Two documents: lot 3 first (09:00), then lots 1 and 2 (10:00): lots count 3, 1, 2, so lot 2 is the one.
        let two = LotsEngine(methodology: methodology).evaluate(
            submissions: others + [
                Self.tender("D", [("3", 200)], mark: 4, received: "2026-12-01T09:00:00Z"),
                Self.tender("D", [("1", 200), ("2", 200)], mark: 4, received: "2026-12-01T10:00:00Z"),
            ], marks: [])
        #expect(two.results["2"]?.tender("D")?.status == .notAssessed)
        #expect(two.results["1"]?.tender("D")?.status == .assessed)
        #expect(two.results["3"]?.tender("D")?.status == .assessed)
    }

    // MARK: The award across lots

    /// A final lot result ranking `tenders` (key, supplier, total) in the order given.
    static func result(_ lot: String, _ tenders: [(String, String, Decimal)]) -> EvaluationResult {
        EvaluationResult(
            methodologyID: "test", procurement: "ocds-test", lot: lot, method: .weightedSum, rounding: 2,
            isFinal: !tenders.isEmpty, winner: tenders.first?.0, lowestPrice: 100,
            tenders: tenders.enumerated().map { index, tender in
                TenderResult(
                    key: tender.0, documentID: "doc-\(tender.0)-\(lot)",
                    supplier: Supplier(name: "Supplier \(tender.1)", identifier: tender.1, sme: nil, vcse: nil),
                    receivedAt: nil, price: Price(total: 100, currency: "GBP"), status: .assessed, reasons: [],
                    rank: index + 1, total: tender.2, qualityPoints: nil, pricePerQualityPoint: nil, gates: [],
                    criteria: [])
            }, missingMarks: [], rejectedMarks: [], flags: [])
    }

    static func lotting(_ ids: [String], maximum: Int?, _ mechanism: LotMechanism, weights: [String: Decimal] = [:])
        -> Lotting
    {
        Lotting(
            lots: ids.map { LotDeclaration(id: $0, title: nil, estimatedValue: nil, awardWeight: weights[$0] ?? 1) },
            limits: LotLimits(maxTendered: nil, maxAwarded: maximum, mechanism: mechanism), awardOrder: ids,
            orderRule: "as listed")
    }

    /// Lot 1: A 80, B 78; lot 2: A 90, B 70, C 60; lot 3: B 85, C 84. One lot a supplier.
    static let disagreeing: [String: EvaluationResult] = [
        "1": result("1", [("A1", "A", 80), ("B1", "B", 78)]),
        "2": result("2", [("A2", "A", 90), ("B2", "B", 70), ("C2", "C", 60)]),
        "3": result("3", [("B3", "B", 85), ("C3", "C", 84)]),
    ]

    @Test func theTwoMechanismsDisagreeWhereTheHandComputationSaysTheyDo() {
        // in-order (1, 2, 3): lot 1 → A; lot 2: A holds lot 1 → B; lot 3: B holds lot 2 → C. Sum 80 + 70 + 84 = 234.
        let inOrder = LotAwarder(lotting: Self.lotting(["1", "2", "3"], maximum: 1, .inOrder), procurement: "p")
            .award(Self.disagreeing)
        #expect(inOrder.lots.map(\.awarded) == ["A1", "B2", "C3"])
        #expect(inOrder.lots.map(\.moved) == [false, true, true])
        #expect(inOrder.lot("2")?.reason.contains("A2 (Supplier A, ranked 1) already holds lot 1") == true)
        // best-combination: A lot 2 (90) + B lot 1 (78) + C lot 3 (84) = 252, the largest of every assignment
        // within the limit (A1 B3 C2: 225; A1 B2 C3: 234; A2 B3: 175).
        let best = LotAwarder(lotting: Self.lotting(["1", "2", "3"], maximum: 1, .bestCombination), procurement: "p")
            .award(Self.disagreeing)
        #expect(best.lots.map(\.awarded) == ["B1", "A2", "C3"])
        #expect(best.weightedTotal == 252)
        #expect(best.lot("1")?.moved == true)
        #expect(best.lot("1")?.reason.contains("the best combination that gives this lot to A1 sums to 234") == true)
        // Without a limit each lot goes to its first-ranked tender.
        let free = LotAwarder(lotting: Self.lotting(["1", "2", "3"], maximum: nil, .inOrder), procurement: "p")
            .award(Self.disagreeing)
        #expect(free.lots.map(\.awarded) == ["A1", "A2", "B3"])
        #expect(free.lots.allSatisfy { !$0.moved })
    }

    @Test func aLotWithNoEligibleTenderIsLeftUnawardedAndSaysSo() {
        var results = Self.disagreeing
        var empty = Self.result("3", [])
        empty.tenders = [
            TenderResult(
                key: "Z3", documentID: "doc-Z3", supplier: Supplier(name: "Z", identifier: "Z", sme: nil, vcse: nil),
                receivedAt: nil, price: Price(total: 999, currency: "GBP"), status: .disregarded,
                reasons: ["failed gate 'within-budget'"], rank: nil, total: nil, qualityPoints: nil,
                pricePerQualityPoint: nil, gates: [], criteria: [])
        ]
        results["3"] = empty
        for mechanism in LotMechanism.allCases {
            let award = LotAwarder(lotting: Self.lotting(["1", "2", "3"], maximum: 1, mechanism), procurement: "p")
                .award(results)
            #expect(award.lot("3")?.awarded == nil)
            #expect(award.lot("3")?.reason.contains("no eligible tender") == true)
            // Every tender of the lot is settled (disregarded): the award is final with the lot unawarded.
            #expect(award.isFinal)
        }
    }

    @Test func tiesBetweenCombinationsAreBrokenByTheDeclaredOrder() {
        // S ranks first in both lots with 90; T (70) in lot 1 and U (70) in lot 2: S1 + U2 = S2 + T1 = 160.
        let results = [
            "1": Self.result("1", [("S1", "S", 90), ("T1", "T", 70)]),
            "2": Self.result("2", [("S2", "S", 90), ("U2", "U", 70)]),
        ]
        let first = LotAwarder(lotting: Self.lotting(["1", "2"], maximum: 1, .bestCombination), procurement: "p")
        #expect(first.award(results).lots.map(\.awarded) == ["S1", "U2"])
        var reversed = Self.lotting(["1", "2"], maximum: 1, .bestCombination)
        reversed.awardOrder = ["2", "1"]
        #expect(LotAwarder(lotting: reversed, procurement: "p").award(results).lots.map(\.awarded) == ["S2", "T1"])
    }

    @Test func lotWeightsCountInTheBestCombination() {
        // With lot 3 weighted 2: B3 (170) + A2 (90) + … : B1 78 + A2 90 + C3 168 = 336 vs A2 90 + B3 170 + lot 1 none
        // (A and B used; C has no lot-1 tender) = 260 vs A1 80 + B3 170 + C2 60 = 310: B1 A2 C3 stays.
        let award = LotAwarder(
            lotting: Self.lotting(["1", "2", "3"], maximum: 1, .bestCombination, weights: ["3": 2]), procurement: "p"
        ).award(Self.disagreeing)
        #expect(award.lots.map(\.awarded) == ["B1", "A2", "C3"])
        #expect(award.weightedTotal.map { DecimalText.exact($0) } == "336")
    }

    /// The best combination equals an exhaustive search on random small procurements: the largest sum within the
    /// limit, ties broken by giving each lot in order its best-ranked tender.
    @Test func bestCombinationMatchesExhaustiveSearch() {
        var random = SplitMix64(seed: 18)
        for _ in 0..<300 {
            let lots = (2...4).randomElement(using: &random)!
            let suppliers = (2...5).randomElement(using: &random)!
            let maximum = (1...2).randomElement(using: &random)!
            let ids = (1...lots).map(String.init)
            var results: [String: EvaluationResult] = [:]
            for id in ids {
                let tenders = (0..<suppliers).filter { _ in Bool.random(using: &random) }.map { supplier in
                    ("T\(supplier)-\(id)", "S\(supplier)", Decimal(Int.random(in: 0...20, using: &random) * 5))
                }.sorted { $0.2 > $1.2 }
                results[id] = Self.result(id, tenders)
            }
            let weights = Dictionary(
                uniqueKeysWithValues: ids.map { ($0, Decimal(Int.random(in: 1...2, using: &random))) })
            let award = LotAwarder(
                lotting: Self.lotting(ids, maximum: maximum, .bestCombination, weights: weights), procurement: "p"
            ).award(results)
            let expected = Self.exhaustive(ids: ids, results: results, maximum: maximum, weights: weights)
            #expect(award.weightedTotal == expected.total, "\(results.mapValues { $0.tenders.map(\.key) })")
            #expect(award.lots.map(\.awarded) == expected.awarded)
        }
    }

    /// Every assignment, each lot to one of its ranked tenders or none; the heaviest within the limit, and of equal
    /// ones the lexicographically best by (lot in order, rank; none last).
    static func exhaustive(ids: [String], results: [String: EvaluationResult], maximum: Int, weights: [String: Decimal])
        -> (total: Decimal, awarded: [String?])
    {
        var best: (total: Decimal, choice: [Int])?
        func visit(_ index: Int, _ choice: [Int], _ held: [String: Int], _ total: Decimal) {
            guard index < ids.count else {
                if let current = best {
                    let better =
                        total > current.total
                        || (total == current.total && choice.lexicographicallyPrecedes(current.choice))
                    if better { best = (total, choice) }
                } else {
                    best = (total, choice)
                }
                return
            }
            let tenders = results[ids[index]]!.tenders
            for (rank, tender) in tenders.enumerated() where held[tender.supplier.identity, default: 0] < maximum {
                var next = held
                next[tender.supplier.identity, default: 0] += 1
                visit(index + 1, choice + [rank], next, total + weights[ids[index]]! * tender.total!)
            }
            visit(index + 1, choice + [Int.max], held, total)
        }
        visit(0, [], [:], 0)
        let awarded = zip(ids, best!.choice).map { id, rank in
            rank == Int.max ? nil : results[id]!.tenders[rank].key
        }
        return (best!.total, awarded)
    }

    @Test func removingATenderShowsItsEffectOnEveryLot() {
        let awarder = LotAwarder(lotting: Self.lotting(["1", "2", "3"], maximum: 1, .inOrder), procurement: "p")
        let award = awarder.award(Self.disagreeing)
        // Every price is the same, so no removal changes P_min: nothing is evaluated again.
        let effects = awarder.effects(of: award, results: Self.disagreeing) { _, _ in
            Issue.record("no lot has a single lowest price")
            return Self.disagreeing["1"]!
        }
        // Without A in lot 1: lot 1 → B1, lot 2 → A2 (A holds nothing now), lot 3 → C3 (B holds lot 1).
        let withoutA1 = effects.first { $0.tender == "A1" }
        #expect(withoutA1?.changes.map { "\($0.lot):\($0.from ?? "-")→\($0.to ?? "-")" } == ["1:A1→B1", "2:B2→A2"])
        // Without C3 in lot 3: B holds lot 2, so lot 3 is left unawarded.
        #expect(effects.first { $0.tender == "C3" }?.changes.map(\.to) == [nil])
        // C2 is ranked below the tender awarded lot 2: removing it changes nothing.
        #expect(!effects.contains { $0.tender == "C2" })
    }
}
