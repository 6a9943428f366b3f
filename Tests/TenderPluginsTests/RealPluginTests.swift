import Foundation
import TenderPlugins
import TenderScoring
import Testing

/// The plugins shipped in `Plugins/`, run through the host on submissions whose fractions are worked by hand.
struct RealPluginTests {
    let host: WasmPluginHost
    let catalog: PluginCatalog

    init() {
        catalog = PluginCatalog.load(directory: GuestModules.pluginsDirectory)
        host = WasmPluginHost(catalog: catalog)
    }

    func decimal(_ text: String) -> Decimal? { DecimalText.parse(text) }

    @Test func everyShippedPluginLoadsCleanly() {
        #expect(catalog.problems.map(\.description) == [])
        #expect(catalog.names == ["innovation-evidence", "local-supply-chain", "outcome-language"])
    }

    // MARK: local-supply-chain

    let localAreas = DocumentValue.list([.string("Walsall"), .string("Dudley")])

    func supplyChain(_ subcontracts: [JSONValue], price: JSONValue = 1_000_000) -> JSONValue {
        ["price": ["total": price], "supply_chain": ["subcontracts": .array(subcontracts)]]
    }

    @Test func localSupplyChainScoresTheLocalShareAgainstTheTarget() {
        // Given: local SME/VCSE spend 100,000 of 400,000 = 25%, target 50% → 0.5
        let submission = supplyChain([
            ["name": "A", "spend": 60000, "sme": true, "vcse": false, "area": "Walsall"],
            ["name": "B", "spend": "40000.00", "sme": false, "vcse": true, "area": "dudley"],
            ["name": "C", "spend": 200_000, "sme": true, "vcse": false, "area": "Leeds"],
            ["name": "D", "spend": 100_000, "sme": false, "vcse": false, "area": "Walsall"],
        ])
        let reference = PluginReference(
            name: "local-supply-chain", config: .map(["local_areas": localAreas, "target_share": .string("0.5")]))
        // When
        let outcome = host.score(plugin: reference, submission: submission)
        // Then
        #expect(outcome.fraction == decimal("0.5"))
        #expect(
            outcome.explanation
                == "Local SME/VCSE subcontract spend £100000 of £400000 (25%) against a target of 50%; 2 of 4 "
                + "subcontracts are local SMEs or VCSEs; subcontracting is 40% of the tender price £1000000.")
        #expect(outcome.flags == [])
        #expect(outcome.run?.fuelUsed ?? 0 > 0)
    }

    @Test func localSupplyChainTruncatesToMillionthsAndCapsAtOne() {
        // Given: 150,000.50 / 400,000 = 0.37500125 → share 375001 millionths; / 0.5 → 0.750002 (truncated)
        let spends: [JSONValue] = [
            ["name": "A", "spend": "150000.50", "sme": true, "area": "Walsall"],
            ["name": "B", "spend": "249999.50", "sme": true, "area": "Leeds"],
        ]
        let half = PluginReference(
            name: "local-supply-chain", config: .map(["local_areas": localAreas, "target_share": .string("0.5")]))
        let defaultTarget = PluginReference(name: "local-supply-chain", config: .map(["local_areas": localAreas]))
        // When
        let truncated = host.score(plugin: half, submission: supplyChain(spends))
        let capped = host.score(plugin: defaultTarget, submission: supplyChain(spends))
        // Then
        #expect(truncated.fraction == decimal("0.750002"))
        #expect(capped.fraction == 1)
        #expect(capped.explanation?.contains("(37.5%) against a target of 25%") == true)
    }

    @Test func localSupplyChainFlagsMissingDataAndSpendAbovePrice() {
        // Given
        let reference = PluginReference(name: "local-supply-chain", config: .map(["local_areas": localAreas]))
        let over = supplyChain([["name": "A", "spend": 2_000_000, "sme": true, "area": "Walsall"]])
        // When
        let empty = host.score(plugin: reference, submission: ["price": ["total": 5]])
        let overPrice = host.score(plugin: reference, submission: over)
        // Then
        #expect(empty.fraction == 0)
        #expect(empty.flags == ["no-subcontract-data"])
        #expect(overPrice.fraction == 1)
        #expect(overPrice.flags == ["subcontract-spend-exceeds-price"])
    }

    // MARK: innovation-evidence

    @Test func innovationEvidenceAddsTheDocumentedPoints() {
        // Given: TRL 7 ≥ 6 → 30; two evidenced pilots → 30; quantified improvement → 25; no risk sharing → 0: 85/100
        let submission: JSONValue = [
            "innovation": [
                "trl": 7,
                "pilots": [["homes": 40, "result": "28% faster installs"], ["sites": 3, "result": "fewer snags"]],
                "improvement": ["metric": "installation days per home", "baseline": 5, "target": "3.5"],
                "risk_sharing": false,
            ]
        ]
        let reference = PluginReference(name: "innovation-evidence", config: .map(["min_trl": .number(6)]))
        // When
        let outcome = host.score(plugin: reference, submission: submission)
        // Then
        #expect(outcome.fraction == decimal("0.85"))
        #expect(
            outcome.explanation
                == "TRL 7 meets the minimum 6 (30/30); 2 of 2 pilots evidenced with scale and result (sizes 40, 3) "
                + "(30/30); improvement in installation days per home from 5 to 3.5 (25/25); no risk sharing (0/15). "
                + "Missing: risk sharing.")
    }

    @Test func innovationEvidenceGivesPartialPointsBelowTheMinimumTRL() {
        // Given: TRL 4 of 6 → 30 × 4/6 = 20; one evidenced pilot → 20; improvement not quantified → 0; risk → 15
        let submission: JSONValue = [
            "innovation": [
                "trl": 4,
                "pilots": [["homes": 18, "result": "cut snagging visits by 40%"], ["homes": 0, "result": "planned"]],
                "improvement": "faster installs",
                "risk_sharing": true,
            ]
        ]
        let reference = PluginReference(name: "innovation-evidence", config: .map([:]))
        // When
        let outcome = host.score(plugin: reference, submission: submission)
        // Then
        #expect(outcome.fraction == decimal("0.55"))
        #expect(outcome.explanation?.hasPrefix("TRL 4 is below the minimum 6 (20/30); 1 of 2 pilots") == true)
        #expect(outcome.explanation?.hasSuffix("Missing: a quantified improvement (metric, baseline, target).") == true)
    }

    @Test func innovationEvidenceWithoutAnInnovationSectionScoresZero() {
        // Given / When
        let outcome = host.score(
            plugin: PluginReference(name: "innovation-evidence", config: .null), submission: ["answers": [:]])
        // Then
        #expect(outcome.fraction == 0)
        #expect(outcome.flags == ["no-innovation-data"])
    }

    // MARK: outcome-language

    @Test func outcomeLanguageCountsAndQuotesQuantifiedTimeBoundCommitments() {
        // Given: three sentences have a quantity and a date; expected 4 → 0.75
        let submission: JSONValue = [
            "answers": [
                "Q1": "We will retrofit 212 homes by September 2027. Our crews are experienced.",
                "Q2": "Cut snagging visits by 40% before 2027-03-31; residents will be consulted.",
                "SV1": "Six local apprentices (FTE) recruited.",
                "IN1": "Reduce heat loss by 30 per cent in Q2 2028.",
                "X": "We have 20 years of experience.",
            ]
        ]
        let reference = PluginReference(name: "outcome-language", config: .map(["expected": .number(4)]))
        // When
        let outcome = host.score(plugin: reference, submission: submission)
        // Then
        #expect(outcome.fraction == decimal("0.75"))
        #expect(
            outcome.explanation
                == #"3 quantified, time-bound commitments found (4 expected): IN1 "Reduce heat loss by 30 per cent in "#
                + #"Q2 2028."; Q1 "We will retrofit 212 homes by September 2027."; Q2 "Cut snagging visits by 40% "#
                + #"before 2027-03-31;"."#)
    }

    @Test func outcomeLanguageWithoutCommitmentsScoresZeroAndTruncatesLongQuotes() {
        // Given
        let long = "Insulate 300 homes by March 2028 " + String(repeating: "across the region ", count: 10) + "."
        let reference = PluginReference(name: "outcome-language", config: .map(["expected": .number(2)]))
        // When
        let none = host.score(plugin: reference, submission: ["answers": ["Q1": "We care about outcomes."]])
        let one = host.score(plugin: reference, submission: ["answers": ["Q1": .string(long)]])
        // Then
        #expect(none.fraction == 0)
        #expect(none.flags == ["no-quantified-commitments"])
        #expect(one.fraction == decimal("0.5"))
        #expect(one.explanation?.contains("Q1 \"Insulate 300 homes by March 2028 across") == true)
        #expect(one.explanation?.contains("…\".") == true)
    }

    // MARK: determinism

    @Test func theSameSubmissionGivesTheSameOutcomeAThousandTimes() async throws {
        // Given
        let reference = PluginReference(
            name: "local-supply-chain", config: .map(["local_areas": localAreas, "target_share": .string("0.3")]))
        let submission = supplyChain([
            ["name": "A", "spend": "1234.56", "sme": true, "area": "Dudley"],
            ["name": "B", "spend": 10000, "vcse": true, "area": "Leeds"],
        ])
        let first = host.score(plugin: reference, submission: submission)
        // When
        let host = self.host
        let outcomes = try await offThePool {
            (0..<1000).map { _ in host.score(plugin: reference, submission: submission) }
        }
        // Then: 1234.56 / 11234.56 = 0.10988957… → 109889 millionths; / 0.3 → 0.366296 (truncated)
        #expect(first.fraction == decimal("0.366296"))
        #expect(first.run?.fuelUsed ?? 0 > 0)
        #expect(outcomes.allSatisfy { $0 == first })
    }
}
