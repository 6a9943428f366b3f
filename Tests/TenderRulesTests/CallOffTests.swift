import Foundation
import TenderRules
import TenderScoring
import Testing

/// Call-offs from frameworks (s.45–47) and dynamic markets (s.34–40): the records as the decoders read them, the
/// member gate in the evaluation, and the s.46 checks on a call-off's award criteria and selection questions.
struct CallOffTests {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Rules")
        .standardized.path

    static func parse(_ text: String, id: String = "F") throws(DocumentError) -> ParsedDocument {
        try DocumentParser().parse(Array(text.utf8), file: id, documentID: id)
    }

    static func errors(_ text: String) -> [String] {
        do throws(DocumentError) {
            _ = try parse(text)
            return ["parsed"]
        } catch {
            return error.diagnostics.filter { $0.severity == .error }.map(\.message)
        }
    }

    enum Failure: Error { case unexpected(String) }

    static func shipped() throws -> (framework: Framework, callOff: Methodology, text: String) {
        let frameworkText = try String(contentsOfFile: "\(rules)/wmca-retrofit-framework-2026.yaml", encoding: .utf8)
        let text = try String(contentsOfFile: "\(rules)/wmca-retrofit-calloff-2027-dudley.yaml", encoding: .utf8)
        guard case .framework(let framework) = try parse(frameworkText),
            case .methodology(let methodology, _) = try parse(text)
        else { throw Failure.unexpected("kinds") }
        return (framework, methodology, text)
    }

    static func resolve(_ text: String, _ framework: Framework) throws -> Result<Methodology, CallOffResolver.Problems>
    {
        guard case .methodology(let methodology, _) = try parse(text) else { throw Failure.unexpected("kind") }
        return CallOffResolver.resolve(methodology, frameworks: [framework])
    }

    static func problems(_ text: String, _ framework: Framework) throws -> [String] {
        guard case .failure(let problems) = try resolve(text, framework) else { return [] }
        return problems.messages
    }

    static func tender(_ id: String, _ identifier: String, price: Int) throws -> Submission {
        let text = """
            kind: submission
            procurement: ocds-h6vhtk-0c2027
            tender_id: \(id)
            supplier: {name: Supplier \(id), identifier: \(identifier)}
            price: {total: \(price), currency: GBP}
            marks:
              Q1: {mark: 4, reason: "Programme by block with resident liaison (section 3)."}
              SV1: {mark: 3, reason: "Four local jobs (section 5)."}
            """
        guard case .submission(let submission) = try parse(text, id: id) else { throw Failure.unexpected("kind") }
        return submission
    }

    @Test func aCallOffTakesItsLotsMembersAndDisregardsEveryoneElse() throws {
        let (framework, callOff, text) = try Self.shipped()
        #expect(framework.parts.map(\.id) == ["1", "2"])
        #expect(framework.criteria.map(\.refinable) == [40...60, 20...40, 10...20])
        #expect(callOff.callOff?.members == nil)
        let resolved = try Self.resolve(text, framework).get()
        #expect(resolved.callOff?.members?.map(\.identifier).contains("GB-COH-05550123") == true)
        // A non-member's cheap tender is disregarded and sets no reference price
        let tenders = try [
            Self.tender("A", "GB-COH-11223344", price: 500_000), Self.tender("B", "GB-COH-1", price: 400_000),
        ]
        let result = ScoringEngine(methodology: resolved).evaluate(submissions: tenders, marks: [], decisions: [])
        #expect(result.tender("B")?.status == .disregarded)
        #expect(
            result.tender("B")?.reasons == [
                "Supplier B (GB-COH-1) is not a member of framework wmca-retrofit-framework-2026 lot 1: only suppliers "
                    + "party to the framework may be awarded a contract under it (s.45–47); the tender is disregarded"
            ])
        #expect(result.lowestPrice == 500_000)
        #expect(result.winner == "A")
        // Unresolved (no record), the gate does not apply: a call-off is only ever evaluated resolved
        let unresolved = ScoringEngine(methodology: callOff).evaluate(submissions: tenders, marks: [], decisions: [])
        #expect(unresolved.tender("B")?.status == .assessed)
    }

    @Test func aCallOffsCriteriaAreTheFrameworksWithinTheRefinementsItAllows() throws {
        let (framework, _, text) = try Self.shipped()
        // Quality refined to 45 (allowed: 20–40), price to 35 (40–60); social value unchanged
        let outside = text.replacingOccurrences(of: "{id: price, weight: 40,", with: "{id: price, weight: 35,")
            .replacingOccurrences(
                of: "    weight: 40\n    category: quality", with: "    weight: 45\n    category: quality")
        #expect(
            try Self.problems(outside, framework) == [
                "criterion 'price' of wmca-retrofit-calloff-2027-dudley weighs 35, outside the refinement framework "
                    + "wmca-retrofit-framework-2026 allows (40–60) (s.46)",
                "criterion 'quality' of wmca-retrofit-calloff-2027-dudley weighs 45, outside the refinement framework "
                    + "wmca-retrofit-framework-2026 allows (20–40) (s.46)",
            ])
        // A criterion the framework was not awarded on, scored by a selection question
        let added = text.replacingOccurrences(
            of: "    questions: [{id: SV1, title: Local jobs and apprenticeships in Dudley, weight: 1}]",
            with: "    questions: [{id: SQ1, title: Local jobs and apprenticeships in Dudley, weight: 1}]"
        )
        .replacingOccurrences(of: "  - id: social-value\n", with: "  - id: community-benefit\n")
        #expect(
            try Self.problems(added, framework) == [
                "criterion 'community-benefit' of wmca-retrofit-calloff-2027-dudley is not one of framework "
                    + "wmca-retrofit-framework-2026's award criteria (price, quality, social-value): a call-off assesses "
                    + "tenders by the framework's criteria, refined, not new ones (s.46)",
                "question 'SQ1' of wmca-retrofit-calloff-2027-dudley is a selection question of framework "
                    + "wmca-retrofit-framework-2026: it is not scored again at the call-off (s.22)",
            ])
        // A lot the framework does not have; a framework that is not there
        let lot = text.replacingOccurrences(of: "lot: \"1\"", with: "lot: \"3\"")
        #expect(try Self.problems(lot, framework).first?.contains("which has no such lot (lots: 1, 2)") == true)
        guard case .methodology(let methodology, _) = try Self.parse(text) else { return }
        guard case .failure(let missing) = CallOffResolver.resolve(methodology, frameworks: []) else {
            Issue.record("resolved without its framework")
            return
        }
        #expect(missing.messages.first?.contains("which is not in the rules folder") == true)
    }

    @Test func aDynamicMarketCallOffIsOpenOnlyToTheCategorysMembers() throws {
        let market = """
            kind: dynamic-market
            id: wm-energy-dm
            categories:
              - id: heat-pumps
                members:
                  - {identifier: GB-COH-1, name: Heat One Ltd}
              - id: solar
                members:
                  - {identifier: GB-COH-2, name: Solar Two Ltd}
            """
        guard case .framework(let record) = try Self.parse(market) else { throw Failure.unexpected("kind") }
        #expect(record.kind == .dynamicMarket)
        let (_, _, text) = try Self.shipped()
        let callOff = text.replacingOccurrences(
            of: "call_off: {framework: wmca-retrofit-framework-2026, lot: \"1\"}",
            with: "call_off: {dynamic_market: wm-energy-dm, category: heat-pumps}")
        // A dynamic market's call-off sets its own criteria: no s.46 check on them
        let resolved = try Self.resolve(callOff, record).get()
        let tenders = try [Self.tender("A", "GB-COH-1", price: 500_000), Self.tender("B", "GB-COH-2", price: 450_000)]
        let result = ScoringEngine(methodology: resolved).evaluate(submissions: tenders, marks: [], decisions: [])
        #expect(
            result.tender("B")?.reasons.first?.hasSuffix(
                "is not a member of dynamic market wm-energy-dm category heat-pumps: call-off competitions are open "
                    + "only to the market's members (s.34–40); the tender is disregarded") == true)
        #expect(result.winner == "A")
        // Named as a framework, it is the wrong kind
        let wrong = callOff.replacingOccurrences(
            of: "{dynamic_market: wm-energy-dm, category: heat-pumps}",
            with: "{framework: wm-energy-dm, lot: heat-pumps}")
        #expect(try Self.problems(wrong, record).first?.contains("but it is a dynamic market") == true)
    }

    @Test func theDecodersSayWhatIsWrongWithARecordOrACallOff() {
        #expect(
            Self.errors("kind: dynamic-market\nid: m\ncategories: []\ncriteria: [{id: price, weight: 100}]\n") == [
                "a dynamic market's call-off competitions set their own award criteria; remove criteria"
            ])
        #expect(
            Self.errors(
                "kind: framework\nid: f\nlots: [{id: \"1\", members: []}]\ncriteria: [{id: price, weight: 60, refinable: [70, 80]}, {id: q, weight: 40}]\n"
            ) == [
                "refinable is the range a call-off may give the weight, [lowest, highest], including the framework's own "
                    + "weight, for example [30, 50]"
            ])
        let both = """
            kind: methodology
            id: m
            procurement: {reference: r, regime: PA2023, currency: GBP}
            call_off: {framework: f, dynamic_market: d, lot: "1"}
            evaluation: {method: weighted-sum}
            criteria: [{id: price, weight: 100, category: price, kind: price, formula: lowest-over-bid}]
            """
        #expect(Self.errors(both).contains { $0.hasPrefix("call_off names one framework") })
    }
}
