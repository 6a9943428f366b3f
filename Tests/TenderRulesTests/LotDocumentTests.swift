import Foundation
import TenderRules
import TenderScoring
import Testing

/// Lotted methodologies and tenders for several lots, as the decoders read them: what they become, and the exact
/// messages for what is wrong (file:line:col, what, what would be right).
struct LotDocumentTests {
    static let methodologyHead = """
        kind: methodology
        id: lots
        procurement: {reference: ocds-lots, regime: PA2023, currency: GBP, estimated_value: 3000000}
        evaluation: {method: weighted-sum}
        gates:
          - {id: within-budget, kind: maximum, field: price.total, max: 900, on_fail: disregard}
        criteria:
          - {id: price, weight: 40, category: price, kind: price, formula: lowest-over-bid}
          - {id: social-value, weight: 60, category: social-value, kind: smart-kpis, expected: 1, required: [metric]}

        """

    static func parse(_ text: String) -> Result<ParsedDocument, DocumentError> {
        Result { () throws(DocumentError) in
            try DocumentParser().parse(Array(text.utf8), file: "F", documentID: "id")
        }
    }

    static func errors(_ text: String) -> [String] {
        guard case .failure(let error) = parse(text) else { return ["parsed"] }
        return error.diagnostics.sorted().map(\.description)
    }

    @Test func aLottedMethodologyGivesEachLotItsOverridesAndTheAwardOrder() throws {
        let text =
            Self.methodologyHead + """
                lots:
                  - {id: A, title: North, estimated_value: 1000000}
                  - id: B
                    estimated_value: 2000000
                    award_weight: 1.5
                    criteria: {price: {weight: 50, formula: deviation-from-lowest, k: 2}, social-value: {weight: 50}}
                    gates: {within-budget: {max: 500}}
                lot_limits: {tender: 2, award: 1, mechanism: best-combination, order: estimated-value}
                """
        guard case .success(.methodology(let methodology, let warnings)) = Self.parse(text) else {
            Issue.record("\(Self.errors(text))")
            return
        }
        #expect(warnings.isEmpty, "\(warnings)")
        let lotting = try #require(methodology.lotting)
        #expect(lotting.ids == ["A", "B"])
        #expect(lotting.awardOrder == ["B", "A"])
        #expect(lotting.limits == LotLimits(maxTendered: 2, maxAwarded: 1, mechanism: .bestCombination))
        let b = methodology.lot("B")
        #expect(b.procurement.lot == "B" && b.procurement.estimatedValue == 2_000_000)
        #expect(b.criteria.map(\.weight) == [50, 50])
        #expect(b.criteria[0].parts[0].kind.priceFormula == .deviationFromLowest(k: 2))
        #expect(b.gates[0].kind == .maximum(field: "price.total", max: 500))
        let a = methodology.lot("A")
        #expect(a.criteria.map(\.weight) == [40, 60] && a.gates[0].kind == .maximum(field: "price.total", max: 900))
        #expect(a.procurement.title == "North")
        #expect(lotting.lot("B")?.awardWeight == Decimal(string: "1.5"))
    }

    @Test func wrongLotDeclarationsAreReportedWithWhatWouldBeRight() {
        let text =
            Self.methodologyHead + """
                lots:
                  - id: "1"
                    criteria: {prise: {weight: 50}, social-value: {formula: lowest-over-bid}}
                  - {id: "2", criteria: {price: {weight: 30}}}
                  - {id: "1"}
                lot_limits: {award: 1, order: ["1", "3"]}
                """
        #expect(
            Self.errors(text) == [
                "F:12:16: error: lot '1' overrides criterion 'prise', which the methodology does not declare "
                    + "(criteria: price, social-value); did you mean 'price'?",
                "F:12:51: error: lot '1' criterion 'social-value' is not a price criterion: only a price criterion's formula can be overridden",
                "F:13:25: error: lot '2': criterion weights sum to 90 with the lot's overrides, not 100 (price 30, social-value 60); each lot's weights must add up to exactly 100",
                "F:14:5: error: duplicate lot id '1' (first defined at line 11)",
                "F:15:13: error: lot_limits.award needs a published mechanism (s.23(4)): mechanism: in-order or best-combination",
                "F:15:31: error: lot_limits.order must list every lot once (lots: 1, 2, 1), found 1, 3",
            ])
    }

    @Test func aTenderForSeveralLotsMustPriceEachLotOnceAndNotAlsoTheWhole() {
        let text = """
            kind: submission
            procurement: ocds-lots
            lot: "1"
            price: {total: 100, currency: GBP}
            supplier: {name: Brightwall Ltd}
            lots:
              - {lot: "1", price: {total: 100, currency: GBP}}
              - {lot: "2"}
              - {lot: "1", price: {total: 120, currency: GBP}}
            """
        #expect(
            Self.errors(text) == [
                "F:4:8: error: a tender for several lots gives a price for each lot under lots (lots: [{lot: \"1\", "
                    + "price: {total: …, currency: …}}, …]), not one price; move it into the lot it prices",
                "F:7:3: error: a submission names one lot (lot) or tenders for several (lots), not both; remove lot",
                "F:8:5: error: lots entry for lot '2' is missing 'price'; each lot tendered for needs its own price, "
                    + "for example price: {total: 420000, currency: GBP}",
                "F:9:5: error: lot '1' is tendered for twice in this submission (first at line 7); give each lot once, "
                    + "with its price and answers",
            ])
    }

    @Test func eachLotOfATenderSeesItsOwnPriceAndAnswersOverTheSharedOnes() throws {
        let text = """
            kind: submission
            procurement: ocds-lots
            supplier: {name: Brightwall Ltd}
            answers: {approach: shared, staffing: shared}
            lots:
              - lot: "1"
                price: {total: 100, currency: GBP}
                answers: {staffing: north depot}
              - {lot: "2", price: {total: 200, currency: GBP}}
            """
        guard case .success(.submission(let submission)) = Self.parse(text) else {
            Issue.record("\(Self.errors(text))")
            return
        }
        #expect(submission.tenderedLots == ["1", "2"])
        let one = try #require(submission.lot("1"))
        #expect(one.price.total == 100 && one.lot == "1")
        #expect(one.content.value(at: "price.total") == .number(100))
        #expect(one.content.value(at: "answers.staffing") == .string("north depot"))
        #expect(one.content.value(at: "answers.approach") == .string("shared"))
        #expect(submission.lot("2")?.content.value(at: "answers.staffing") == .string("shared"))
        #expect(submission.lot("2")?.price.total == 200)
        #expect(submission.lot("3") == nil)
    }

    @Test func documentsNameALotOfTheProcurement() throws {
        let text = Self.methodologyHead + "lots: [{id: \"1\"}, {id: \"2\"}]\n"
        guard case .success(.methodology(let methodology, _)) = Self.parse(text) else {
            Issue.record("\(Self.errors(text))")
            return
        }
        let matcher = ProcurementMatcher(methodology: methodology)
        let tender = """
            kind: submission
            procurement: ocds-lots
            supplier: {name: Brightwall Ltd}
            lots: [{lot: "1", price: {total: 100, currency: GBP}}, {lot: "9", price: {total: 100, currency: GBP}}]
            """
        let marks = """
            kind: marks
            procurement: ocds-lots
            tender: Brightwall Ltd
            evaluator: panel
            marks: {Q1: {mark: 3, reason: The delivery plan is detailed and credible.}}
            """
        guard case .success(let submission) = Self.parse(tender), case .success(let unlotted) = Self.parse(marks)
        else {
            Issue.record("the documents do not parse")
            return
        }
        #expect(matcher.problems(submission) == ["lot '9' is not a lot of procurement ocds-lots (lots: 1, 2)"])
        #expect(
            matcher.problems(unlotted) == [
                "procurement ocds-lots is divided into lots: the marks document must name its lot (lots: 1, 2)"
            ])
    }

    @Test func anUnlottedProcurementAboveTheThresholdWithoutAReasonIsWarnedAbout() {
        let text = Self.methodologyHead.replacingOccurrences(of: "3000000", with: "3000001")
        guard case .success(.methodology(_, let warnings)) = Self.parse(text) else {
            Issue.record("\(Self.errors(text))")
            return
        }
        #expect(
            warnings.map(\.description) == [
                "F:3:14: warning: procurement ocds-lots is estimated at 3000001 GBP, above 1000000, with no lots and "
                    + "no reason for not using them: s.18 requires the authority to consider lots and give its "
                    + "reasons in the tender notice; declare lots, or record procurement.no_lots_reason"
            ])
        let reasoned = text.replacingOccurrences(
            of: "estimated_value: 3000001", with: "estimated_value: 3000001, no_lots_reason: one integrated service")
        guard case .success(.methodology(_, let none)) = Self.parse(reasoned) else {
            Issue.record("\(Self.errors(reasoned))")
            return
        }
        #expect(none.isEmpty)
    }
}
