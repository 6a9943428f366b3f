import Foundation
import TenderScoring
import Testing

struct MarksTests {
    @Test func weightedQuestionsCombineAsFractionsOfTheScale() {
        // Given weights 60/40 on a 0–5 scale, marks 4 and 3
        let criterion = Build.marks(
            "quality", 30, questions: [Build.question("Q1", weight: 60), Build.question("Q2", weight: 40)])
        // When
        let result = Build.evaluate(
            Build.methodology([Build.price(70), criterion]),
            [Build.submission("A", price: 100, marks: ["Q1": 4, "Q2": 3])])
        // Then f = (60 × 4/5 + 40 × 3/5) / 100 = 0.72 and points = 30 × 0.72 = 21.6
        let quality = result.tender("A")!.criteria[1]
        #expect(quality.fraction == Build.d("0.72"))
        #expect(quality.points == Build.d("21.6"))
    }

    @Test func scalesNeedNotStartAtZero() {
        // Scale 1–4: mark 3 → (3 − 1)/(4 − 1) = 2/3, carried at 20 places
        let scale = MarkScale(min: 1, max: 4, labels: [])
        let criterion = Build.marks("quality", 100, questions: [Build.question("Q1")], scale: scale)
        let result = Build.evaluate(Build.methodology([criterion]), [Build.submission("A", price: 1, marks: ["Q1": 3])])
        #expect(result.tender("A")?.criteria[0].fraction == Build.d("0.66666666666666666667"))
    }

    @Test func medianOfAnEvenNumberOfMarksIsTheMeanOfTheMiddleTwo() {
        // Marks 1, 2, 4, 5 → median (2 + 4)/2 = 3 → 3/5 = 0.6
        let criterion = Build.marks("quality", 100, questions: [Build.question("Q1")], moderation: .median)
        let submission = Build.submission(
            "A", price: 1, evaluatorMarks: ["Q1": [("E1", 1), ("E2", 2), ("E3", 4), ("E4", 5)]])
        let result = Build.evaluate(Build.methodology([criterion]), [submission])
        #expect(result.tender("A")?.criteria[0].parts[0].questions[0].mark == 3)
        #expect(result.tender("A")?.criteria[0].fraction == Build.d("0.6"))
    }

    @Test func meanModerationAveragesTheEvaluatorsLatestMarks() {
        // E1's later marks document (5) supersedes the embedded 2: marks 5 and 4 → mean 4.5 → 0.9
        let criterion = Build.marks("quality", 100, questions: [Build.question("Q1")], moderation: .mean)
        let submission = Build.submission("A", price: 1, evaluatorMarks: ["Q1": [("E1", 2), ("E2", 4)]])
        let later = MarksDocument(
            documentID: "m1", procurement: "ocds-test", lot: nil, tender: "A", evaluator: "E1",
            marks: ["Q1": AwardedMark(mark: 5, reason: "Section 4 now evidences the claim in full.")], location: nil)
        let result = Build.evaluate(Build.methodology([criterion]), [submission], marks: [later])
        #expect(result.tender("A")?.criteria[0].fraction == Build.d("0.9"))
    }

    @Test func consensusModerationWaitsForThePanel() {
        // Evaluators' marks alone do not make a consensus mark: the tender is incomplete and nothing is final.
        let criterion = Build.marks("quality", 100, questions: [Build.question("Q1")])
        let result = Build.evaluate(
            Build.methodology([criterion]), [Build.submission("A", price: 1, evaluatorMarks: ["Q1": [("E1", 4)]])])
        #expect(result.tender("A")?.status == .incomplete)
        #expect(result.isFinal == false)
        #expect(result.winner == nil)
        #expect(result.missingMarks == [MissingMark(tender: "A", question: "Q1", needed: "panel consensus mark")])
    }

    @Test func aMarkBelowTheMinimumDisregardsOrFlagsAsDeclared() {
        let disregard = Build.marks("quality", 100, questions: [Build.question("Q1", minimum: 2)])
        let flagged = Build.marks("quality", 100, questions: [Build.question("Q1", minimum: 2, onFail: .flag)])
        let tenders = [
            Build.submission("A", price: 1, marks: ["Q1": 1]), Build.submission("B", price: 1, marks: ["Q1": 2]),
        ]
        let first = Build.evaluate(Build.methodology([disregard]), tenders)
        #expect(first.tender("A")?.status == .disregarded)
        #expect(first.tender("B")?.status == .assessed)
        let second = Build.evaluate(Build.methodology([flagged]), tenders)
        #expect(second.tender("A")?.status == .assessed)
        #expect(second.flags.contains { $0.kind == "minimum" && $0.tender == "A" })
    }

    /// One question Q1 marked by the mean of evaluators' marks; evaluators E1 (conflicted with supplier GB-A) and E2
    /// listed.
    static func listingE1AndE2() -> Methodology {
        Build.methodology(
            [Build.marks("quality", 100, questions: [Build.question("Q1")], moderation: .mean)],
            evaluators: [
                EvaluatorDeclaration(id: "E1", conflicts: ["GB-A"]), EvaluatorDeclaration(id: "E2", conflicts: []),
            ])
    }

    @Test func marksFromUnlistedOrConflictedEvaluatorsAreRejected() {
        // Given E1 conflicted with supplier GB-A, and E9 not listed
        let methodology = Self.listingE1AndE2()
        let submission = Build.submission("A", price: 1, evaluatorMarks: ["Q1": [("E2", 4)]])
        let documents = ["E1", "E9"].map {
            MarksDocument(
                documentID: "m-\($0)", procurement: "ocds-test", lot: nil, tender: "A", evaluator: $0,
                marks: ["Q1": AwardedMark(mark: 0, reason: "x")], location: nil)
        }
        // When
        let result = Build.evaluate(methodology, [submission], marks: documents)
        // Then only E2's 4 counts
        #expect(result.rejectedMarks.count == 2)
        #expect(result.rejectedMarks[0].reason.contains("conflict of interest"))
        #expect(result.rejectedMarks[1].reason.contains("not listed"))
        #expect(result.tender("A")?.criteria[0].fraction == Build.d("0.8"))
    }

    @Test func aSubmissionsOwnMarksAreRefusedAsAMarksDocumentsWouldBe() {
        // Given E1 conflicted with supplier GB-A and E9 not listed: A's submission carries E1's, E2's and E9's marks
        // for Q1 (in order), B's a consensus mark of 7 on a 0–5 scale, C's a mark for Q9, which is not asked
        let methodology = Self.listingE1AndE2()
        let submissions = [
            Build.submission("A", price: 1, evaluatorMarks: ["Q1": [("E1", 0), ("E2", 4), ("E9", 0)]]),
            Build.submission("B", price: 1, marks: ["Q1": 7], evaluatorMarks: ["Q1": [("E2", 3)]]),
            Build.submission("C", price: 1, marks: ["Q9": 3], evaluatorMarks: ["Q1": [("E2", 2)]]),
        ]
        // When they are evaluated
        let result = Build.evaluate(methodology, submissions)
        // Then each refused group is recorded with its reason, in the order of the submissions, and only the rest
        // counts
        #expect(
            result.rejectedMarks.map { "\($0.tender) \($0.evaluator)" } == [
                "A E1", "A E9", "B panel", "C panel",
            ])
        #expect(result.rejectedMarks[0].reason.contains("conflict of interest"))
        #expect(result.rejectedMarks[1].reason.contains("not listed"))
        #expect(result.rejectedMarks[2].reason.contains("outside the scale 0–5"))
        #expect(result.rejectedMarks[3].reason.contains("'Q9' is not in methodology"))
        #expect(result.tender("A")?.criteria[0].fraction == Build.d("0.8"))
        #expect(result.tender("B")?.criteria[0].fraction == Build.d("0.6"))
        #expect(result.tender("C")?.criteria[0].fraction == Build.d("0.4"))
    }

    @Test func marksOffTheScaleOrForUnknownQuestionsAreRejected() {
        let criterion = Build.marks("quality", 100, questions: [Build.question("Q1")])
        let documents = [("Q1", Decimal(7)), ("Q9", Decimal(3))].map { question, mark in
            MarksDocument(
                documentID: "m-\(question)", procurement: "ocds-test", lot: nil, tender: "A", evaluator: "panel",
                marks: [question: AwardedMark(mark: mark, reason: "x")], location: nil)
        }
        let result = Build.evaluate(
            Build.methodology([criterion]), [Build.submission("A", price: 1, marks: ["Q1": 3])], marks: documents)
        #expect(result.rejectedMarks.map(\.reason).contains { $0.contains("outside the scale 0–5") })
        #expect(result.rejectedMarks.map(\.reason).contains { $0.contains("'Q9' is not in methodology") })
        #expect(result.tender("A")?.criteria[0].fraction == Build.d("0.6"))
    }

    @Test func partsCombineByTheirWeights() {
        // Parts 70 (marks 3/5 = 0.6) and 30 (marks 4/5 = 0.8): (70 × 0.6 + 30 × 0.8)/100 = 0.66 → 10 × 0.66 = 6.6
        let rule = { (id: String) in
            MarksRule(scale: Build.scale, moderation: .consensus, questions: [Build.question(id)])
        }
        let innovation = Criterion(
            id: "innovation", title: nil, weight: 10, category: nil,
            parts: [
                CriterionPart(weight: 70, kind: .marks(rule("IN1"))),
                CriterionPart(weight: 30, kind: .marks(rule("IN2"))),
            ],
            isSplit: true)
        let result = Build.evaluate(
            Build.methodology([Build.price(90), innovation]),
            [Build.submission("A", price: 1, marks: ["IN1": 3, "IN2": 4])])
        #expect(result.tender("A")?.points("innovation") == Build.d("6.6"))
    }

    @Test func submissionsSharingATenderKeyAreMarkedInTheOrderTheyArrived() {
        // X and Y are different tenders; the third submission uses X's tender id from another supplier, so its marks
        // land on X's after the first's. The tenders are marked on every core: the changes and rejections must still
        // read in the order of the submissions.
        let criterion = Build.marks("quality", 100, questions: [Build.question("Q1"), Build.question("Q2")])
        var first = Build.submission("X", price: 100, marks: ["Q1": 2, "Q2": 9])
        var second = Build.submission("Y", price: 110, marks: ["Q1": 3, "Q2": 8])
        var third = Build.submission("X", price: 120, marks: ["Q1": 4, "Q2": 7], supplier: "GB-OTHER")
        (first.documentID, second.documentID, third.documentID) = ("doc-1", "doc-2", "doc-3")
        let result = Build.evaluate(Build.methodology([criterion]), [first, second, third])
        #expect(result.rejectedMarks.map(\.documentID) == ["doc-1", "doc-2", "doc-3"])
        #expect(result.rejectedMarks.allSatisfy { $0.reason.contains("outside the scale 0–5") })
        #expect(
            result.markChanges.map { "\($0.tender) \($0.question) \($0.from)→\($0.to) \($0.document)" } == [
                "X Q1 2→4 doc-3"
            ])
    }

    @Test func aSubmissionsOwnMarksCountAsIfRecordedOneAfterAnother() throws {
        // Given evaluators' marks as a submission carries them: in order (A), out of order with E1 marking twice (B),
        // and a mark listed under evaluators by the panel (C), which stands as the consensus
        let mean = Build.marks("quality", 100, questions: [Build.question("Q1")], moderation: .mean)
        let outOfOrder = Build.submission("B", price: 100, evaluatorMarks: ["Q1": [("E2", 4), ("E1", 2), ("E1", 3)]])
        let tenders = [Build.submission("A", price: 100, evaluatorMarks: ["Q1": [("E1", 2), ("E2", 4)]]), outOfOrder]
        // When they are evaluated
        let result = Build.evaluate(Build.methodology([mean]), tenders)
        // Then each tender's marks are its evaluators' latest, in order of their ids, with the reasons after them
        let a = try #require(result.tender("A")?.criteria[0].parts[0].questions.first)
        let b = try #require(result.tender("B")?.criteria[0].parts[0].questions.first)
        #expect(a.evaluatorMarks.map(\.evaluator) == ["E1", "E2"] && a.mark == 3)
        #expect(
            b.evaluatorMarks.map { "\($0.evaluator) \($0.mark.mark)" } == ["E1 3", "E2 4"] && b.mark == Build.d("3.5"))
        #expect(b.reasons == ["E1: Refers to section 3 of the response.", "E2: Refers to section 3 of the response."])
        // And E1's second mark is a change of mark, recorded with the submission
        #expect(
            result.markChanges.map { "\($0.tender) \($0.evaluator) \($0.from)→\($0.to) \($0.document)" } == [
                "B E1 2→3 doc-B"
            ])
        // And the panel's mark listed among the evaluators' is the consensus a consensus-moderated question needs
        let consensus = Build.marks("quality", 100, questions: [Build.question("Q1")])
        let panel = Build.submission("C", price: 100, evaluatorMarks: ["Q1": [("E1", 4), ("panel", 5)]])
        let panelResult = Build.evaluate(Build.methodology([consensus]), [panel])
        #expect(panelResult.tender("C")?.status == .assessed)
        #expect(panelResult.tender("C")?.criteria[0].parts[0].questions.first?.mark == 5)
        #expect(
            panelResult.tender("C")?.criteria[0].parts[0].questions.first?.evaluatorMarks.map(\.evaluator) == ["E1"])
    }
}
