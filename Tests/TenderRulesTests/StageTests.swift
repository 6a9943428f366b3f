import Foundation
import TenderRules
import TenderScoring
import Testing

/// Procedures with stages as the decoders and the pure core read them: the shortlist and its boundary ties, who a
/// later stage admits, refinements outside their bounds or after the deadline, the checks across stages (selection
/// questions not scored again at award), and the decoders' messages.
struct StageTests {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Rules")
        .standardized.path
    static let prefix = "wmca-heat-networks-cfp-2027"

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(rules)/\(prefix)-\(name).yaml", encoding: .utf8)
    }

    static func parse(_ text: String, id: String = "F") throws(DocumentError) -> ParsedDocument {
        try DocumentParser().parse(Array(text.utf8), file: id, documentID: id)
    }

    static func methodology(_ text: String) throws -> Methodology {
        guard case .methodology(let methodology, _) = try parse(text) else { throw Failure.notAMethodology }
        return methodology
    }

    static func errors(_ text: String) -> [String] {
        do throws(DocumentError) {
            _ = try parse(text)
            return ["parsed"]
        } catch {
            return error.diagnostics.filter { $0.severity == .error }.map(\.message)
        }
    }

    enum Failure: Error { case notAMethodology }

    /// The shipped stages, with the refinement replaced by `refined` (nil: none).
    static func procedure(refined: String?) throws -> (procedures: [StagedProcedure], problems: [String]) {
        var methodologies = try ["1-participation", "2-round-1", "3-final"].map { try methodology(text($0)) }
        if let refined { methodologies.append(try methodology(refined)) }
        let (procedures, problems) = StagedProcedure.resolve(methodologies)
        return (procedures, problems.map(\.message))
    }

    // MARK: Refinements (s.24)

    @Test func theShippedRefinementReplacesTheFinalStagesCriteria() throws {
        let (procedures, problems) = try Self.procedure(refined: Self.text("3-final-refined"))
        #expect(problems == [])
        let final = try #require(procedures.first?.stage("final"))
        #expect(final.id == "\(Self.prefix)-3-final-refined")
        #expect(final.refinement?.changesText == "price 40 → 35, quality 30 → 35")
        #expect(procedures.first?.replaced.map(\.id) == ["\(Self.prefix)-3-final"])
    }

    @Test func aRefinementOutsideItsDeclaredBoundsIsRejected() throws {
        // quality 30 → 45 is above the declared 25–40; price 40 → 25 below 30–45
        let refined = try Self.text("3-final-refined")
            .replacingOccurrences(of: "{id: price, weight: 35,", with: "{id: price, weight: 25,")
            .replacingOccurrences(
                of: "    weight: 35\n    category: quality", with: "    weight: 45\n    category: quality"
            )
            .replacingOccurrences(
                of: "{criterion: price, from: 40, to: 35}", with: "{criterion: price, from: 40, to: 25}"
            )
            .replacingOccurrences(
                of: "{criterion: quality, from: 30, to: 35}", with: "{criterion: quality, from: 30, to: 45}")
        let (procedures, problems) = try Self.procedure(refined: refined)
        #expect(procedures.isEmpty)
        #expect(
            problems == [
                "refinement \(Self.prefix)-3-final-refined of \(Self.prefix)-3-final sets the weight of 'price' to 25, "
                    + "outside the declared bounds 30–45",
                "refinement \(Self.prefix)-3-final-refined of \(Self.prefix)-3-final sets the weight of 'quality' to 45, "
                    + "outside the declared bounds 25–40",
            ])
    }

    @Test func aRefinementIssuedAtOrAfterTheRoundsDeadlineIsRejected() throws {
        let refined = try Self.text("3-final-refined")
            .replacingOccurrences(of: "issued: 2027-04-06T09:00:00Z", with: "issued: 2027-05-03T12:00:00Z")
        let (procedures, problems) = try Self.procedure(refined: refined)
        #expect(procedures.isEmpty)
        #expect(
            problems == [
                "refinement \(Self.prefix)-3-final-refined of \(Self.prefix)-3-final was issued 2027-05-03T12:00:00Z, not "
                    + "before stage 3 (final)'s tender deadline 2027-05-03T12:00:00Z: a refinement must be made before the "
                    + "round's tenders are due"
            ])
    }

    @Test func aRefinementMayChangeOnlyTheDeclaredWeightsAndMustSayWhichItChanged() throws {
        // Innovation is not refinable; the declared changes leave it out; and a gate is added
        let refined = try Self.text("3-final-refined")
            .replacingOccurrences(
                of: "    weight: 20\n    category: innovation", with: "    weight: 15\n    category: innovation"
            )
            .replacingOccurrences(of: "{id: price, weight: 35,", with: "{id: price, weight: 40,")
            .replacingOccurrences(of: "    - {criterion: price, from: 40, to: 35}\n", with: "")
            .replacingOccurrences(
                of: "criteria:\n",
                with:
                    "gates:\n  - {id: insurance, kind: required, field: declarations.insurance, on_fail: disregard}\ncriteria:\n"
            )
        let (_, problems) = try Self.procedure(refined: refined)
        #expect(problems.count == 3)
        #expect(problems[0].contains("changes more than criterion weights"))
        #expect(problems[1].contains("changes the weight of 'innovation' (20 → 15), which"))
        #expect(
            problems[2].hasSuffix(
                "refines.changes says [quality 30 → 35] but the criteria differ from \(Self.prefix)-3-final by "
                    + "[quality 30 → 35, innovation 20 → 15]; list exactly the weights changed"))
    }

    @Test func aStageThatDidNotProvideForRefinementCannotBeRefined() throws {
        let refined = try Self.text("2-round-1")
            .replacingOccurrences(of: "id: \(Self.prefix)-2-round-1", with: "id: round-1-refined")
            .replacingOccurrences(
                of: "stage:\n",
                with:
                    "refines: {methodology: \(Self.prefix)-2-round-1, issued: 2027-03-01T09:00:00Z, changes: []}\nstage:\n"
            )
        let (procedures, problems) = try Self.procedure(refined: refined)
        #expect(procedures.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("does not allow its award criteria to be refined (s.24") == true)
    }

    @Test func aRefinementOfARefinementIsCheckedAgainstTheLatestVersion() throws {
        let second = try Self.text("3-final-refined")
            .replacingOccurrences(
                of: "id: \(Self.prefix)-3-final-refined", with: "id: \(Self.prefix)-3-final-refined-2"
            )
            .replacingOccurrences(
                of: "methodology: \(Self.prefix)-3-final\n", with: "methodology: \(Self.prefix)-3-final-refined\n"
            )
            .replacingOccurrences(of: "issued: 2027-04-06T09:00:00Z", with: "issued: 2027-04-20T09:00:00Z")
            .replacingOccurrences(of: "{id: price, weight: 35,", with: "{id: price, weight: 40,")
            .replacingOccurrences(
                of: "    weight: 35\n    category: quality", with: "    weight: 30\n    category: quality"
            )
            .replacingOccurrences(
                of: "{criterion: price, from: 40, to: 35}", with: "{criterion: price, from: 35, to: 40}"
            )
            .replacingOccurrences(
                of: "{criterion: quality, from: 30, to: 35}", with: "{criterion: quality, from: 35, to: 30}")
        var stages = try ["1-participation", "2-round-1", "3-final", "3-final-refined"].map {
            try Self.methodology(Self.text($0))
        }
        stages.append(try Self.methodology(second))
        let (procedures, problems) = StagedProcedure.resolve(stages)
        #expect(problems.map(\.message) == [])
        #expect(procedures.first?.stage("final")?.id == "\(Self.prefix)-3-final-refined-2")
        #expect(procedures.first?.replaced.map(\.id) == ["\(Self.prefix)-3-final", "\(Self.prefix)-3-final-refined"])
    }

    // MARK: Stages together

    @Test func selectionQuestionsAreNotScoredAgainAtAward() throws {
        var stages = try ["1-participation", "2-round-1", "3-final"].map { try Self.methodology(Self.text($0)) }
        let selection = try #require(stages[0].criteria.first)
        stages[2].criteria.append(selection)
        let (_, problems) = StagedProcedure.resolve(stages)
        #expect(
            problems.map(\.message) == [
                "criterion 'capability' of stage 3 (final) is a condition of participation scored at stage 1: selection "
                    + "questions assess the supplier and are not scored again at award (s.22); assess the tender instead, "
                    + "under another id",
                "question 'SQ1' of stage 3 (final) is a selection question of stage 1: it is not scored again at award (s.22)",
                "question 'SQ2' of stage 3 (final) is a selection question of stage 1: it is not scored again at award (s.22)",
            ])
    }

    @Test func stagesMustBeNumberedInOrderAndOnlyTheLastHasNoProgression() throws {
        let round = try Self.text("2-round-1").replacingOccurrences(
            of: "  progression: {drop_lowest: 1, boundary_ties: tie-break}\n", with: "")
        let final = try Self.text("3-final").replacingOccurrences(of: "number: 3", with: "number: 4")
        let stages = try [Self.text("1-participation"), round, final].map(Self.methodology)
        let messages = StagedProcedure.resolve(stages).problems.map(\.message)
        #expect(
            messages == [
                "the stages of ocds-h6vhtk-09c7d8 are numbered 1, 2, 4; number them 1, 2, 3… in the order they run",
                "stage 2 (round-1) is not the last stage of ocds-h6vhtk-09c7d8 but says nothing about who goes forward: "
                    + "declare stage.progression (shortlist or drop_lowest)",
            ])
    }

    // MARK: Shortlists and admission

    /// Requests with the given SQ1/SQ2 marks, received a minute apart in order.
    static func requests(_ marks: [(Int, Int)]) throws -> [Submission] {
        try marks.enumerated().map { index, pair in
            let text = """
                kind: submission
                procurement: ocds-h6vhtk-09c7d8
                stage: participation
                tender_id: R-\(index + 1)
                received_at: 2027-01-2\(index)T10:00:00Z
                supplier: {name: Supplier \(index + 1), identifier: GB-COH-2\(index)}
                declarations: {mandatory_exclusion_grounds: false}
                marks:
                  SQ1: {mark: \(pair.0), reason: "Two occupied-block networks (section 2)."}
                  SQ2: {mark: \(pair.1), reason: "Team of 30 named in section 3."}
                """
            guard case .submission(let submission) = try parse(text, id: "R-\(index + 1)") else {
                throw Failure.notAMethodology
            }
            return submission
        }
    }

    /// Stage 1 with a shortlist of 2 and the given boundary rule, evaluated over `requests`.
    static func shortlist(_ ties: String, _ requests: [Submission]) throws -> StageOutcome? {
        let text = try Self.text("1-participation").replacingOccurrences(
            of: "{shortlist: 4, minimum: 3, boundary_ties: tie-break}", with: "{shortlist: 2, boundary_ties: \(ties)}")
        let stage1 = try methodology(text)
        let result = ScoringEngine(methodology: stage1).evaluate(submissions: requests, marks: [], decisions: [])
        let stage = try #require(stage1.stage)
        return StageProgression.outcome(of: stage, result: result)
    }

    @Test func aTieAtTheShortlistBoundaryFollowsThePublishedRule() throws {
        // tie exactly for second place (80 each); R-1 is first (92), R-4 last (60)
        let requests = try Self.requests([(5, 4), (4, 4), (4, 4), (3, 3)])
        // include-all: both go forward, three instead of two, and the note says so
        let all = try #require(try Self.shortlist("include-all", requests))
        #expect(all.progressed.map(\.tender) == ["R-1", "R-2", "R-3"])
        #expect(all.dropped.map(\.tender) == ["R-4"])
        #expect(
            all.notes == ["R-2, R-3 tie exactly at the boundary: by the published rule all go forward (3 instead of 2)"]
        )
        #expect(all.dropped.first?.reason == "not shortlisted at stage 1 (participation): rank 4 of 4, shortlist 2")
        // tie-break: the declared order (capability, then earliest received) puts R-2 first; R-3 is not shortlisted
        let broken = try #require(try Self.shortlist("tie-break", requests))
        #expect(broken.progressed.map(\.tender) == ["R-1", "R-2"])
        #expect(broken.dropped.map(\.tender) == ["R-3", "R-4"])
        #expect(broken.dropped.first?.reason == "not shortlisted at stage 1 (participation): rank 3 of 4, shortlist 2")
        #expect(broken.notes == [])
    }

    @Test func aSupplierTakenForwardIsNotAlsoDroppedForItsLateTender() throws {
        var requests = try Self.requests([(5, 4), (4, 4), (3, 3)])
        var late = requests[0]
        late.documentID = "R-1-late"
        late.tenderID = "R-1b"
        late.receivedAt = Timestamp(rfc3339: "2027-02-02T10:00:00Z")
        requests.append(late)
        let outcome = try #require(try Self.shortlist("tie-break", requests))
        #expect(outcome.progressed.map(\.tender) == ["R-1", "R-2"])
        #expect(outcome.dropped.map(\.tender) == ["R-3"])
    }

    @Test func fewerThanTheMinimumQualifyingAllGoForwardWithANote() throws {
        let text = try Self.text("1-participation")
        let stage1 = try Self.methodology(text)
        // SQ1 below its minimum 2 disregards: only two of four qualify, below the minimum 3
        let requests = try Self.requests([(5, 4), (1, 4), (4, 4), (1, 1)])
        let result = ScoringEngine(methodology: stage1).evaluate(submissions: requests, marks: [], decisions: [])
        let stage = try #require(stage1.stage)
        let outcome = try #require(StageProgression.outcome(of: stage, result: result))
        #expect(outcome.progressed.map(\.tender) == ["R-1", "R-3"])
        #expect(
            outcome.notes == [
                "only 2 of the 4 suppliers qualified, fewer than the minimum 3 the shortlist aims for: all 2 go forward"
            ])
        #expect(outcome.dropped.allSatisfy { $0.reason?.hasPrefix("not taken forward from stage 1") == true })
    }

    @Test func aLaterStageAdmitsOnlyWhoEveryEarlierStageTookForward() throws {
        let stages = try ["1-participation", "2-round-1", "3-final"].map { try Self.methodology(Self.text($0)) }
        let declared = stages.compactMap(\.stage)
        let requests = try Self.requests([(5, 4), (4, 4), (3, 3), (4, 3), (3, 4)])
        let result = ScoringEngine(methodology: stages[0]).evaluate(submissions: requests, marks: [], decisions: [])
        let first = try #require(StageProgression.outcome(of: declared[0], result: result))
        func refusal(_ identity: String, at stage: Int, _ outcomes: [String: StageOutcome]) -> String? {
            StageAdmission.refusal(
                identity: identity, name: identity, stage: declared[stage], earlier: declared, outcomes: outcomes)
        }
        // Stage 2: the shortlisted are admitted; rank 5 is not; a stranger never requested to participate
        #expect(refusal("GB-COH-20", at: 1, ["participation": first]) == nil)
        #expect(
            refusal("GB-COH-22", at: 1, ["participation": first])
                == "GB-COH-22 was not shortlisted at stage 1 (participation): rank 5 of 5, shortlist 4; a supplier not "
                + "taken forward is not readmitted (s.20)")
        #expect(
            refusal("GB-COH-99", at: 1, ["participation": first])?.contains("never requested to participate") == true)
        // Stage 3 before stage 2 has concluded; then a shortlisted supplier that did not tender at stage 2
        #expect(
            refusal("GB-COH-20", at: 2, ["participation": first])?.contains("stage 2 (round-1) has not concluded")
                == true)
        let second = StageOutcome(
            procurement: "ocds-h6vhtk-09c7d8", lot: nil, stage: declared[1], ranked: 1,
            progressed: [
                .init(tender: "T", identity: "GB-COH-20", name: "S", status: .assessed, rank: 1, total: 90, reason: nil)
            ],
            dropped: [], notes: [])
        let outcomes = ["participation": first, "round-1": second]
        #expect(refusal("GB-COH-20", at: 2, outcomes) == nil)
        #expect(
            refusal("GB-COH-21", at: 2, outcomes)
                == "GB-COH-21 did not tender at stage 2 (round-1), so it cannot take part in stage 3 (final) (s.20: no "
                + "readmission)")
    }

    // MARK: Decoders

    @Test func theDecodersSayWhatIsWrongWithAStage() throws {
        let open = try Self.text("1-participation").replacingOccurrences(
            of: "procedure: competitive-flexible", with: "procedure: open")
        #expect(
            Self.errors(open).contains { $0.hasPrefix("a procedure with stages is a competitive flexible procedure") })
        let both = try Self.text("1-participation").replacingOccurrences(
            of: "{shortlist: 4, minimum: 3, boundary_ties: tie-break}",
            with: "{shortlist: 4, drop_lowest: 1, boundary_ties: tie-break}")
        #expect(Self.errors(both).contains { $0.hasPrefix("stage.progression takes one rule") })
        let bounds = try Self.text("3-final").replacingOccurrences(
            of: "{criterion: quality, weight: [25, 40]}", with: "{criterion: quality, weight: [35, 40]}")
        #expect(
            Self.errors(bounds) == [
                "stage.refinable.weight [35, 40] must lie within 0–100 and include the weight criterion 'quality' has now (30)"
            ])
        // A tender for a tender round must give a price; a request to participate need not
        let stage2 = try Self.methodology(Self.text("2-round-1"))
        let request = try Self.requests([(5, 4)])[0]
        var unpriced = request
        unpriced.stage = "round-1"
        let problems = ProcurementMatcher(methodology: stage2).problems(.submission(unpriced))
        #expect(problems.first?.hasPrefix("the submission gives no price; only a request to participate") == true)
        let stage1 = try Self.methodology(Self.text("1-participation"))
        #expect(ProcurementMatcher(methodology: stage1).problems(.submission(request)) == [])
        // A document for a procurement with stages must name its stage
        var unnamed = request
        unnamed.stage = nil
        #expect(
            ProcurementMatcher(methodology: stage2).problems(.submission(unnamed)).contains {
                $0.contains("is evaluated in stages: the submission document must say which stage it is for")
            })
    }
}
