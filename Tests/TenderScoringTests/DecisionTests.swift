import Foundation
import TenderScoring
import Testing

/// The buyer's decisions in the pure engine: what each kind does to the evaluation, holds, supersession and the
/// recorded effect. Expected figures are computed from the published formulas, not copied from output.
struct DecisionTests {
    typealias D = Build

    /// Price 40 (lowest over bid) and quality 60 (one question marked 0–5), with the abnormally-low check at 25%
    /// below the median and a flag gate on a declaration.
    static let methodology = Build.methodology(
        [Build.price(40), Build.marks("quality", 60, questions: [Build.question("Q1")])],
        gates: [
            Gate(
                id: "discretionary-exclusion", title: nil,
                kind: .declaration(field: "declarations.discretionary", equals: .bool(false)), onFail: .flag)
        ],
        checks: [Check(id: "alt", kind: .abnormallyLow(belowMedianBy: D.d("0.25")))])

    /// A is cheap (abnormally low) and good; B, C and E are dearer; E failed the flag gate.
    static func tenders(eFailsGate: Bool = false) -> [Submission] {
        let clean: [String: DocumentValue] = ["declarations": .map(["discretionary": .bool(false)])]
        let flagged: [String: DocumentValue] = ["declarations": .map(["discretionary": .bool(true)])]
        return [
            D.submission("A", price: 500_000, marks: ["Q1": 4], fields: clean),
            D.submission("B", price: 900_000, marks: ["Q1": 5], fields: clean),
            D.submission("C", price: 1_000_000, marks: ["Q1": 3], fields: clean),
            D.submission("E", price: 950_000, marks: ["Q1": 2], fields: eFailsGate ? flagged : clean),
        ]
    }

    static func decision(
        _ tender: String, _ kind: DecisionKind, id: String? = nil, at: String = "2026-12-04T10:00:00Z"
    ) -> Decision {
        Decision(
            documentID: id ?? "decision-\(tender)-\(kind.name)-\(kind.outcome)", procurement: "ocds-test", lot: nil,
            tender: tender, kind: kind, decidedBy: DecisionMaker(id: "j.okafor", role: "Head of Commercial"),
            decidedAt: Timestamp(rfc3339: at)!, basis: "Procurement Act 2023 s.19",
            reasons: "The supplier's response shows labour priced below the contract's wage floor.", location: nil)
    }

    static func abnormallyLow(_ outcome: AbnormallyLowOutcome, response: String? = "answer.yaml") -> DecisionKind {
        .abnormallyLow(
            AbnormallyLowProcedure(
                notifiedOn: "2026-12-01", responseDeadline: "2026-12-03",
                response: outcome == .notified ? nil : response, outcome: outcome))
    }

    static func evaluate(_ submissions: [Submission], _ decisions: [Decision], marks: [MarksDocument] = [])
        -> EvaluationResult
    {
        ScoringEngine(methodology: methodology).evaluate(submissions: submissions, marks: marks, decisions: decisions)
    }

    /// 40 × P_min / P + 60 × mark / 5: the published formulas, exactly.
    static func expectedTotal(price: Decimal, lowest: Decimal, mark: Decimal) -> Decimal {
        40 * lowest / price + 60 * mark / 5
    }

    @Test func anAbnormallyLowFlagHoldsTheAwardUntilItIsDecided() throws {
        // Given A, abnormally low, and no decision
        let open = Self.evaluate(Self.tenders(), [])
        // Then the evaluation is not final and names no most advantageous tender, and the hold says what is open
        #expect(open.flags.contains { $0.kind == "abnormally-low" && $0.tender == "A" })
        #expect(!open.isFinal && open.winner == nil)
        let hold = try #require(open.holds.first)
        #expect(open.holds.count == 1)
        #expect(hold.tender == "A" && hold.kind == .abnormallyLow && hold.check == "alt" && hold.deadline == nil)

        // When the supplier is told, the hold stays, with the date it was told and the deadline
        let notified = Self.evaluate(Self.tenders(), [Self.decision("A", Self.abnormallyLow(.notified))])
        #expect(!notified.isFinal && notified.winner == nil)
        #expect(notified.holds.map(\.since) == ["2026-12-01"] && notified.holds.map(\.deadline) == ["2026-12-03"])

        // When it is accepted (s.19(5)), the evaluation is final and A, still the cheapest, wins
        let accepted = Self.evaluate(
            Self.tenders(),
            [
                Self.decision("A", Self.abnormallyLow(.notified)),
                Self.decision("A", Self.abnormallyLow(.accepted), at: "2026-12-03T12:00:00Z"),
            ])
        #expect(accepted.isFinal && accepted.winner == "A" && accepted.holds.isEmpty)
        let flag = try #require(accepted.flags.first { $0.kind == "abnormally-low" })
        #expect(flag.action == nil && flag.message.contains("decided: accepted"))
    }

    @Test func disregardingTheCheapestRecomputesTheOthersExactlyAndCanChangeTheWinner() throws {
        // Given A would win while in the running (accepted)
        let kept = Self.evaluate(Self.tenders(), [Self.decision("A", Self.abnormallyLow(.accepted))])
        #expect(kept.winner == "A" && kept.lowestPrice == 500_000)
        // When A is disregarded as abnormally low after the s.19(4) procedure
        let result = Self.evaluate(Self.tenders(), [Self.decision("A", Self.abnormallyLow(.disregarded))])
        // Then A is out of every reference set: the lowest price is B's, and every total is recomputed from it
        #expect(result.tender("A")?.status == .disregarded && result.tender("A")?.rank == nil)
        #expect(result.lowestPrice == 900_000)
        for (key, price, mark) in [("B", D.d("900000"), D.d("5")), ("C", D.d("1000000"), 3), ("E", D.d("950000"), 2)] {
            let total = try #require(result.tender(key)?.total)
            let expected = Self.expectedTotal(price: price, lowest: 900_000, mark: mark)
            #expect(abs(total - expected) < D.d("0.000000000000000001"), "\(key): \(total) vs \(expected)")
            #expect(total != kept.tender(key)?.total)
        }
        // And the winner changes to B, the evaluation is final, and the decision's record says what changed
        #expect(result.isFinal && result.winner == "B")
        let record = try #require(result.decisions.first)
        #expect(record.status == .inForce && record.tender == "A")
        let effect = try #require(record.effect)
        #expect(effect.lowestPriceBefore == 500_000 && effect.lowestPriceAfter == 900_000)
        #expect(effect.leaderBefore == "A" && effect.leaderAfter == "B")
        #expect(Set(effect.changes.map(\.tender)) == ["B", "C", "E"])
        #expect(effect.changes.first { $0.tender == "B" }?.before == kept.tender("B")?.total)
        // And the tender's reasons cite the decision, its basis and its reasons
        let reasons = try #require(result.tender("A")?.reasons.joined())
        #expect(reasons.contains("s.19(3)(c)") && reasons.contains("j.okafor") && reasons.contains("wage floor"))
    }

    @Test func eachDecisionsEffectIsTheEvaluationWithoutIt() throws {
        // Given three decisions in force that each take a tender out (an abnormally low price disregarded, a
        // mandatory exclusion, a failed flag gate disregarded), recorded together
        let decisions = [
            Self.decision("A", Self.abnormallyLow(.disregarded)),
            Self.decision("B", .exclusion(ground: .mandatory, outcome: .excluded)),
            Self.decision("E", .flagGate(gate: "discretionary-exclusion", outcome: .disregarded)),
        ]
        let tenders = Self.tenders(eFailsGate: true)
        let result = Self.evaluate(tenders, decisions)
        #expect(result.decisions.count == 3)
        for record in result.decisions {
            // Then each recorded effect is exactly the difference from a whole evaluation made without that decision
            let effect = try #require(record.effect, "\(record.decision.documentID) has no effect")
            let without = Self.evaluate(tenders, decisions.filter { $0.documentID != record.decision.documentID })
            #expect(effect.lowestPriceBefore == without.lowestPrice && effect.lowestPriceAfter == result.lowestPrice)
            #expect(effect.leaderBefore == without.tenders.first { $0.rank == 1 }?.key)
            #expect(effect.leaderAfter == result.tenders.first { $0.rank == 1 }?.key)
            func text(_ total: Decimal?) -> String { total.map { "\($0)" } ?? "none" }
            let expected = result.tenders.compactMap { tender -> String? in
                guard tender.key != record.tender, let old = without.tender(tender.key), old.total != tender.total
                else { return nil }
                return "\(tender.key) \(text(old.total)) → \(text(tender.total))"
            }
            #expect(effect.changes.map { "\($0.tender) \(text($0.before)) → \(text($0.after))" } == expected)
        }
        // And removing the cheapest changes the others' totals (the comparison is not of empty lists)
        #expect(result.decisions.contains { !($0.effect?.changes.isEmpty ?? true) })
    }

    @Test func aFailedFlagGateHoldsUntilKeptOrDisregarded() throws {
        // Given E failed a gate declared on_fail: flag (and A's price is accepted, so only E's gate is open)
        let accepted = Self.decision("A", Self.abnormallyLow(.accepted))
        let open = Self.evaluate(Self.tenders(eFailsGate: true), [accepted])
        #expect(!open.isFinal && open.holds.map(\.kind) == [.flagGate] && open.holds.map(\.tender) == ["E"])
        // When the buyer keeps it, the evaluation is final with E ranked
        let keep = Self.decision("E", .flagGate(gate: "discretionary-exclusion", outcome: .kept))
        let kept = Self.evaluate(Self.tenders(eFailsGate: true), [accepted, keep])
        #expect(kept.isFinal && kept.tender("E")?.rank != nil)
        // When the buyer disregards it, E is out and the rest are final
        let drop = Self.decision("E", .flagGate(gate: "discretionary-exclusion", outcome: .disregarded))
        let dropped = Self.evaluate(Self.tenders(eFailsGate: true), [accepted, drop])
        #expect(dropped.isFinal && dropped.tender("E")?.status == .disregarded && dropped.tender("E")?.rank == nil)
        // And a flag-gate decision on a gate the tender passed is not used, with the reason
        let passed = Self.evaluate(Self.tenders(), [accepted, drop])
        #expect(passed.tender("E")?.status == .assessed)
        let record = try #require(passed.decisions.last)
        #expect(record.status == .notUsed && record.problem?.contains("passed gate 'discretionary-exclusion'") == true)
    }

    @Test func withdrawalAndExclusionTakeTheTenderOut() throws {
        let accepted = Self.decision("A", Self.abnormallyLow(.accepted))
        // When A withdraws, it is withdrawn, not ranked, and out of the reference price
        let withdrawn = Self.evaluate(
            Self.tenders(),
            [accepted, Self.decision("A", .withdrawal(withdrawnOn: "2026-12-02", evidence: "letter of 2 December"))])
        #expect(withdrawn.tender("A")?.status == .withdrawn && withdrawn.lowestPrice == 900_000)
        #expect(withdrawn.tender("A")?.reasons.last?.contains("letter of 2 December") == true)
        // When B is excluded on a mandatory ground, it is excluded and A still wins
        let excluded = Self.evaluate(
            Self.tenders(), [accepted, Self.decision("B", .exclusion(ground: .mandatory, outcome: .excluded))])
        #expect(excluded.tender("B")?.status == .excluded && excluded.winner == "A")
        #expect(excluded.tender("B")?.reasons.last?.contains("Schedule 6") == true)
        // When a later decision finds it not excluded (representations, s.58), B is back in
        let readmitted = Self.evaluate(
            Self.tenders(),
            [
                accepted, Self.decision("B", .exclusion(ground: .mandatory, outcome: .excluded)),
                Self.decision(
                    "B", .exclusion(ground: .mandatory, outcome: .notExcluded), at: "2026-12-05T10:00:00Z"),
            ])
        #expect(readmitted.tender("B")?.status == .assessed)
        #expect(readmitted.decisions.map(\.status) == [.inForce, .superseded, .inForce])
    }

    @Test func aLaterDecisionSupersedesAnEarlierOneAndBothAreRecorded() throws {
        let first = Self.decision("A", Self.abnormallyLow(.notified), id: "first")
        let second = Self.decision("A", Self.abnormallyLow(.disregarded), id: "second")
        let result = Self.evaluate(Self.tenders(), [first, second])
        #expect(result.decisions.map(\.decision.documentID) == ["first", "second"])
        #expect(result.decisions.map(\.status) == [.superseded, .inForce])
        #expect(result.decisions[0].supersededBy == "second")
        #expect(result.tender("A")?.status == .disregarded)
        // And in the other order the notice stands (the later in arrival order is in force): A is on hold again
        let reversed = Self.evaluate(Self.tenders(), [second, first])
        #expect(reversed.tender("A")?.status == .assessed && !reversed.isFinal)
    }

    @Test func decisionsOnUnknownLateOrSupersededTendersAreRefused() throws {
        let engine = ScoringEngine(methodology: Build.methodology([Build.price(100)], deadline: "2026-12-01T12:00:00Z"))
        let submissions = [
            D.submission("A", price: 100, received: "2026-11-30T10:00:00Z"),
            D.submission("L", price: 90, received: "2026-12-01T12:30:00Z"),
            D.submission("S1", price: 95, received: "2026-11-29T10:00:00Z", supplier: "GB-S"),
            D.submission("S2", price: 96, received: "2026-11-30T10:00:00Z", supplier: "GB-S"),
        ]
        let withdrawal = DecisionKind.withdrawal(withdrawnOn: "2026-12-02", evidence: "email")
        func problem(_ tender: String, _ kind: DecisionKind = withdrawal, known: [KnownDocument] = []) -> String? {
            do {
                _ = try engine.decisionTender(
                    Self.decision(tender, kind), submissions: submissions, known: known)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(problem("nobody")?.contains("no submission with tender_id or supplier identifier 'nobody'") == true)
        #expect(problem("L")?.contains("late tender") == true)
        #expect(problem("S1")?.contains("superseded") == true)
        #expect(problem("GB-S") == nil)  // the supplier's identifier names the tender that stands
        #expect(problem("A") == nil)
        // A disregard naming a response that is not recorded is refused; one that is recorded is accepted
        let disregard = Self.abnormallyLow(.disregarded, response: "reply.yaml")
        #expect(problem("A", disregard)?.contains("response 'reply.yaml' is not a document recorded") == true)
        #expect(
            problem("A", disregard, known: [KnownDocument(name: "reply.yaml", sha256: "f00", kind: "decision")]) == nil)
    }

    @Test func marksChangedAfterAClarificationAreListedWithIt() throws {
        // Given B's Q1 marked 5 in its submission, then 3 by a marks document after a clarification
        let later = MarksDocument(
            documentID: "marks-2", procurement: "ocds-test", lot: nil, tender: "B", evaluator: MarksDocument.panel,
            marks: ["Q1": AwardedMark(mark: 3, reason: "The answer of 3 December withdraws the pilot evidence.")],
            clarification: "clarification-B.yaml", location: nil)
        let result = Self.evaluate(
            Self.tenders(), [Self.decision("A", Self.abnormallyLow(.accepted))], marks: [later])
        // Then the change is listed with the clarification, and the mark used is the later one
        let change = try #require(result.markChanges.first)
        #expect(result.markChanges.count == 1)
        #expect(change.tender == "B" && change.question == "Q1" && change.from == 5 && change.to == 3)
        #expect(change.clarification == "clarification-B.yaml" && change.document == "marks-2")
        #expect(result.tender("B")?.criteria.last?.parts.first?.questions.first?.mark == 3)
        // And a clarification decision itself changes no status and holds nothing
        let clarification = Self.decision(
            "B",
            .clarification(
                Clarification(
                    question: "Is the pilot in section 4 yours?", askedOn: "2026-12-02",
                    answer: "No, it was a partner's.", answeredOn: "2026-12-03")))
        let asked = Self.evaluate(Self.tenders(), [Self.decision("A", Self.abnormallyLow(.accepted)), clarification])
        #expect(asked.isFinal && asked.tender("B")?.status == .assessed && asked.decisions.last?.effect == nil)
    }

    @Test func theFirstEngineVersionIgnoresDecisionsAndHoldsAndWritesNoNewMembers() throws {
        // Given the engine following tender-scoring/0.1.0, as replay does for evaluations it recorded
        let engine = ScoringEngine(methodology: Self.methodology, semantics: ScoringEngine.firstVersion)
        let result = engine.evaluate(
            submissions: Self.tenders(), marks: [], decisions: [Self.decision("A", Self.abnormallyLow(.disregarded))])
        // Then the abnormally-low flag holds nothing, the decision is not applied, and the JSON is the old layout
        #expect(result.isFinal && result.winner == "A" && result.holds.isEmpty && result.decisions.isEmpty)
        let json = result.json
        #expect(json["engine"] == .string(ScoringEngine.firstVersion))
        #expect(json["holds"] == nil && json["decisions"] == nil && json["mark_changes"] == nil)
        // And the current engine writes them
        let current = Self.evaluate(Self.tenders(), [])
        #expect(current.json["engine"] == .string(ScoringEngine.version) && current.json["holds"] != nil)
    }

    @Test func holdsCanBeSwitchedOffByTheMethodology() throws {
        var methodology = Self.methodology
        methodology.evaluation.holds = []
        let result = ScoringEngine(methodology: methodology).evaluate(submissions: Self.tenders(), marks: [])
        #expect(result.isFinal && result.winner == "A" && result.holds.isEmpty)
    }

    @Test func reasonsThatOnlyRestateTheOutcomeAreRefused() {
        #expect(DecisionReasons.problem("", outcome: "disregarded")?.contains("empty") == true)
        #expect(DecisionReasons.problem("Disregarded as abnormally low.", outcome: "disregarded") != nil)
        #expect(DecisionReasons.problem("The tender is excluded.", outcome: "excluded") != nil)
        #expect(
            DecisionReasons.problem(
                "Labour is priced below the Real Living Wage in section 7.2.", outcome: "disregarded") == nil)
    }
}
