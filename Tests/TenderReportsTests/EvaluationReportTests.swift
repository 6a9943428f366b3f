import Foundation
import TenderReports
import TenderScoring
import Testing

struct EvaluationReportTests {
    func page(_ result: EvaluationResult = Example.evaluate(), context: ReportContext = Example.context) throws
        -> String
    {
        let flags = RedFlags().evaluate(
            result: result, methodology: Example.methodology, submissions: Example.submissions)
        return try EvaluationReport(
            result: result, methodology: Example.methodology, redFlags: flags, context: context
        ).html()
    }

    @Test func rankingTableListsTendersInRankOrder() throws {
        // Given the example's report
        let html = try page()

        // Then the ranked tenders appear in order with their totals, the winner highlighted
        let positions = ["T-0003", "T-0001", "T-0002"].map { html.range(of: "<td>\($0)</td>")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(html.contains("<tr class=\"winner\"><td class=\"num\">1</td><td>T-0003</td>"))
        for total in ["86.28", "81.55", "72.67"] { #expect(html.contains(total)) }
    }

    @Test func chartsUseTheCriterionColours() throws {
        // Given the example's report
        let html = try page()

        // Then both charts are inline SVG and each criterion's colour fills a bar
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        for colour in EvaluationReport.criterionColours.prefix(5) {
            #expect(html.contains("fill=\"\(colour)\""), "no bar in \(colour)")
        }
        #expect(html.contains("fill=\"\(EvaluationReport.winnerColour)\""))
    }

    @Test func flagsGatesStandstillAndRecords() throws {
        // Given the example's report
        let html = try page()

        // Then it shows the flags with next steps, the gates, sensitivity, standstill and ledger references
        for expected in [
            "R036 Lowest-priced tender disqualified", "mark-reasons", "discretionary-exclusion",
            "<span class=\"fail\">fail</span>", "Removing any one other tender does not change",
            "Tuesday 5 January 2027", "Boxing Day (substitute day)", "https://www.gov.uk/bank-holidays",
            "sequence 42", Example.context.rulesetDigest!, "T-0006", "late",
        ] {
            #expect(html.contains(expected), "missing: \(expected)")
        }
    }

    @Test func worksOfflineWithoutScripts() throws {
        // Given the example's report
        let html = try page()

        // Then nothing is loaded from elsewhere
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
    }

    @Test func provisionalWhenNotFinalAndNoNoticeDate() throws {
        // Given an evaluation still missing a mark, and no notice date yet
        let result = ScoringEngine(methodology: Example.methodology).evaluate(
            submissions: Example.submissions, marks: [])
        let context = ReportContext(noticeDate: nil, publishedAt: Example.context.publishedAt)

        // When the report is made
        let html = try page(result, context: context)

        // Then it is marked provisional, lists the missing mark, and leaves the standstill end open
        #expect(html.contains("PROVISIONAL"))
        #expect(html.contains("<td>T-0003</td><td>Q2</td>"))
        #expect(html.contains("No contract details notice date was given"))
    }
}
