import Foundation
import TenderReports
import TenderScoring
import Testing

struct AssessmentSummaryTests {
    func summaries(_ result: EvaluationResult = Example.evaluate()) throws -> [String: AssessmentSummary] {
        let all = try AssessmentSummary.all(
            result: result, methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)
        return Dictionary(uniqueKeysWithValues: all.map { ($0.tender, $0) })
    }

    @Test func kindsFollowSection50() throws {
        // Given the example / When summaries are made
        let kinds = try summaries().mapValues(\.kind)

        // Then assessed tenders get summaries; disregarded and late ones get notices
        #expect(
            kinds == [
                "T-0001": .unsuccessful, "T-0002": .unsuccessful, "T-0003": .successful,
                "T-0004": .disqualificationNotice, "T-0005": .disqualificationNotice, "T-0006": .lateNotice,
            ])
    }

    @Test func unsuccessfulSummaryExplainsScoresAndWhy() throws {
        // Given T-0001's summary
        let text = try #require(try summaries()["T-0001"]).markdown

        // Then it has its own scores with the evaluators' reasons, the methodology, totals and the reasons
        for expected in [
            "Brightwall Insulation Ltd", "GB-COH-09876543", "Tamworth B77 5BY", "Quality of delivery (weight 30%)",
            "Section 2.3 gives a week-by-week programme", "Q1 Delivery programme", "4 of 5 (Good); minimum 2",
            "Total: 81.55 of 100 points", "Why your tender was not successful", "Midlands Thermal Solutions Ltd",
            "86.28", "Tuesday 5 January 2027", "lowest price of the tenders not disregarded ÷ tender price",
            // and, as Reg 31(3) provides, the most advantageous tender's score on each criterion with its reasons
            "How the most advantageous tender was scored", "Quality of delivery (weight 30%): 27.60 of 30 points.",
            "Q1 Delivery programme: 5 of 5 (Excellent) — Appendix B is resource-loaded",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
    }

    @Test func unsuccessfulSummaryRevealsNoOtherBidderDetails() throws {
        // Given every assessed loser's summary, in both formats
        let all = try summaries()
        let ownDetails = ["T-0001": ["Brightwall"], "T-0002": ["Cladco", "905,000", "905000"]]
        for key in ["T-0001", "T-0002"] {
            let summary = try #require(all[key])
            for text in [summary.markdown, summary.html] {
                // Then no other bidder's name or price appears, nor the winner's price or its answers (only the
                // evaluators' reasons for its marks, which Reg 31(3) provides for)
                for secret in [
                    "Cladco", "ShellGuard", "QuickFix", "Latecomer", "905,000", "905000", "1,180,000", "1180000",
                    "760,000", "870,000", "Punjabi", "Dudley", "laser scans", "Brightwall",
                ] where !ownDetails[key]!.contains(secret) {
                    #expect(!text.contains(secret), "\(key) reveals \(secret)")
                }
            }
        }
    }

    @Test func successfulSummaryHasNoComparison() throws {
        // Given the winner's summary
        let text = try #require(try summaries()["T-0003"]).markdown

        // Then it says it is the most advantageous tender and shows its own content-based reasons
        #expect(text.contains("Your tender is the most advantageous tender"))
        #expect(text.contains("Appendix B is resource-loaded"))
        #expect(text.contains("Total: 86.28 of 100 points"))
        #expect(!text.contains("Why your tender was not successful"))
        #expect(!text.contains("Brightwall"))
    }

    @Test func disqualificationNoticeGivesTheFailedConditions() throws {
        // Given the two disregarded tenders' notices
        let all = try summaries()
        let gate = try #require(all["T-0004"]).markdown
        let minimum = try #require(all["T-0005"]).markdown

        // Then each names its own reason
        #expect(gate.contains("mandatory-exclusion"))
        #expect(minimum.contains("Your answer to Q1 Delivery programme was marked 1, below the minimum mark of 2"))
        #expect(minimum.contains("A 20-week claim for 212 homes"))
        #expect(!minimum.contains("Midlands Thermal"))
    }

    @Test func draftWhenTheEvaluationIsNotFinal() throws {
        // Given an evaluation without the panel's mark for T-0003's Q2
        let result = ScoringEngine(methodology: Example.methodology).evaluate(
            submissions: Example.submissions, marks: [])

        // When summaries are made
        let all = try summaries(result)

        // Then every summary is marked as a draft not to be sent
        #expect(!result.isFinal)
        #expect(all.values.allSatisfy { $0.isDraft })
        #expect(try #require(all["T-0001"]).markdown.contains("DRAFT"))
    }

    @Test func htmlIsSelfContainedAndEscaped() throws {
        // Given T-0001's summary as HTML
        let html = try #require(try summaries()["T-0001"]).html

        // Then it is a full page with no external resources, and text is escaped
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(html.contains("<table>"))
    }

    @Test func disqualificationNoticeIsWrittenForTheSupplier() throws {
        // Given the notices of T-0004 (declared mandatory exclusion grounds) and T-0005 (a mark below a minimum, and
        // declared discretionary exclusion grounds, a gate whose declared consequence is a flag)
        let all = try summaries()
        let gate = try #require(all["T-0004"]).markdown
        let minimum = try #require(all["T-0005"]).markdown

        // Then each reason is a sentence to the supplier with its consequence, not the engine's field path
        // (the old notice said "declarations.mandatory_exclusion_grounds is true; the methodology requires false")
        #expect(
            gate.contains(
                "You declared that mandatory exclusion grounds apply (Procurement Act 2023, s.57 and Schedule 6), "
                    + "so your tender was disregarded under condition “mandatory-exclusion” of the tender documents."))
        #expect(
            minimum.contains(
                "You declared that discretionary exclusion grounds apply (Procurement Act 2023, s.57 and Schedule 7). "
                    + "Under condition “discretionary-exclusion” of the tender documents this does not by itself "
                    + "disregard a tender"))
        for text in [gate, minimum] {
            #expect(!text.contains("declarations"))
            #expect(!text.contains("the methodology requires"))
            #expect(!text.contains("declared consequence"))
        }
    }

    @Test func anyGateFailureIsToldInPlainWords() throws {
        // Given a methodology whose gates read fields with no wording of their own (one a true/false declaration
        // answered with the text "yes", as YAML 1.2 reads an unquoted yes) and turnover, and a tender failing them all
        var methodology = Example.methodology
        methodology.gates = [
            Gate(
                id: "modern-slavery", title: "Modern slavery",
                kind: .declaration(field: "declarations.modern_slavery_breach", equals: .bool(false)),
                onFail: .disregard),
            Gate(
                id: "safeguarding", title: nil, kind: .required(field: "answers.safeguarding_policy"),
                onFail: .disregard),
            Gate(
                id: "turnover", title: nil, kind: .minimum(field: "supplier.turnover", min: 500_000), onFail: .disregard
            ),
            Gate(id: "staff", title: nil, kind: .minimum(field: "supplier.staff_count", min: 5), onFail: .disregard),
            Gate(
                id: "vcse", title: nil, kind: .declaration(field: "supplier.vcse_status", equals: .bool(true)),
                onFail: .disregard),
        ]
        var tender = Example.tenders.first { $0.key == "T-0001" }!
        tender.extraSupplier = [
            "turnover": .number(400_000), "staff_count": .number(4), "vcse_status": .string("yes"),
        ]
        let submissions = [Example.submission(tender)]
        let result = Example.evaluate(submissions, methodology: methodology)

        // When its notice is made
        let notice = try #require(
            try AssessmentSummary.all(
                result: result, methodology: methodology, submissions: submissions, context: Example.context
            ).first
        ).markdown

        // Then every failure is a plain sentence naming the field in words, with money as money (the old notice gave
        // "declarations.modern_slavery_breach is missing; the methodology requires false" and the like)
        for expected in [
            "Your tender did not answer “modern slavery breach”, where the tender documents require “no”, so your "
                + "tender was disregarded under condition “Modern slavery” of the tender documents.",
            "Your tender did not include “safeguarding policy”, which the tender documents require, so your tender "
                + "was disregarded",
            "Your annual turnover of £400,000 is below the minimum of £500,000 in the tender documents, so your "
                + "tender was disregarded",
            "Your tender gave 4 for “staff count”, below the minimum of 5 in the tender documents, so your tender was "
                + "disregarded",
            "Your tender answered “vcse status” with the text “yes” rather than true or false; the tender documents "
                + "require true (yes), so your tender was disregarded",
        ] {
            #expect(notice.contains(expected), "missing: \(expected)")
        }
        for path in ["declarations.", "answers.", "supplier.", "the methodology requires"] {
            #expect(!notice.contains(path), "shows \(path)")
        }
    }

    @Test func partsAreLabelledByWhatTheyScore() throws {
        // Given T-0001's summary (innovation has two marks parts, IN1 at 70 and IN2 at 30)
        let text = try #require(try summaries()["T-0001"]).markdown

        // Then each part is named by its question (the old table labelled both parts "marks")
        #expect(text.contains("| IN1 Improvement over current practice | 70 | 0.6 |"))
        #expect(text.contains("| IN2 Evidence from pilots | 30 | 0.8 |"))
        #expect(!text.contains("| marks |"))
    }
}
