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
                // Then no other bidder's name or price appears, nor the winner's price or narrative
                for secret in [
                    "Cladco", "ShellGuard", "QuickFix", "Latecomer", "905,000", "905000", "1,180,000", "1180000",
                    "760,000", "870,000", "Appendix B", "digital twin", "Brightwall",
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
        #expect(minimum.contains("Q1 moderated mark 1 is below the minimum 2"))
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
}
