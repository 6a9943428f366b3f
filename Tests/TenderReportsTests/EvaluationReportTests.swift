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

    @Test func thePageAsBytesIsThePageAsText() throws {
        // Given the example's report, final and provisional (a note block), written as text and as bytes
        let provisional = ScoringEngine(methodology: Example.methodology).evaluate(
            submissions: Example.submissions, marks: [])
        for result in [Example.evaluate(), provisional] {
            let flags = RedFlags().evaluate(
                result: result, methodology: Example.methodology, submissions: Example.submissions)
            let report = EvaluationReport(
                result: result, methodology: Example.methodology, redFlags: flags, context: Example.context)
            // Then the bytes (made without a page-sized string) are the text's, a complete page
            let bytes = try report.htmlBytes()
            #expect(bytes == Array(try report.html().utf8))
            // And its pieces (as the daemon writes the file, section by section) are the same bytes one after another
            var pieces: [[UInt8]] = []
            try report.htmlFile().forEach { pieces.append($0) }
            #expect(Array(pieces.joined()) == bytes)
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
            #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("</main>\n</body>\n</html>\n"))
        }
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
            "<span class=\"fail\">failed</span>", "Removing any one other tender does not change",
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

    /// The scatter plot's x-axis labels (the prices), in order.
    func priceTicks(_ html: String) throws -> [Decimal] {
        let start = try #require(html.range(of: "aria-label=\"Price against quality points\""))
        let svg = html[start.upperBound...]
        let end = try #require(svg.range(of: "</svg>"))
        let marker = "text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">"
        return svg[..<end.lowerBound].components(separatedBy: marker).dropFirst().compactMap { part in
            let label = part.prefix { $0 != "<" }.replacingOccurrences(of: ",", with: "")
            return Decimal(string: label, locale: Locale(identifier: "en_US_POSIX"))
        }
    }

    func submissions(_ prices: [String: Decimal]) -> [Submission] {
        Example.tenders.map { tender in
            var tender = tender
            if let price = prices[tender.key] { tender.price = price }
            return Example.submission(tender)
        }
    }

    @Test func gatesSayWhatWasCheckedInWords() throws {
        // Given the example's report
        let html = try page()

        // Then each gate cell says what was checked, with money formatted, and the verdict in a word
        // (the old cells were "pass false" and "pass 1180000": the verdict and the raw observed value)
        for expected in [
            "declared no mandatory exclusion grounds: <span class=\"pass\">passed</span>",
            "declared mandatory exclusion grounds apply: <span class=\"fail\">failed</span>",
            "declared discretionary exclusion grounds apply: <span class=\"fail\">failed</span>",
            "price £1,180,000 within the maximum of £1,500,000: <span class=\"pass\">passed</span>",
        ] {
            #expect(html.contains(expected), "missing: \(expected)")
        }
        #expect(!html.contains("</span> false"))
        #expect(!html.contains("</span> 1180000"))
    }

    @Test func standstillListsOnlyTheHolidaysInsideIt() throws {
        // Given the example's report, notice on Monday 21 December 2026
        let html = try page()

        // Then it counts the period's days and lists the three holidays inside it, and no other holiday
        // (the old report printed every England and Wales bank holiday from 2025 to 2030)
        #expect(
            html.contains("15 calendar days, 8 of them working days; 4 weekend days and 3 bank holidays not counted."))
        for holiday in ["Christmas Day", "Boxing Day (substitute day)", "New Year’s Day"] {
            #expect(html.contains("<td>\(holiday)</td>"), "missing: \(holiday)")
        }
        for outside in ["Good Friday", "Easter Monday", "Early May bank holiday", "Summer bank holiday"] {
            #expect(!html.contains(outside), "lists \(outside)")
        }
        #expect(!html.contains("Monday 26 December 2028"))
    }

    @Test func standstillWithoutHolidaysSaysSo() throws {
        // Given a notice on Monday 1 June 2026, with no bank holiday in the next eight working days
        var context = Example.context
        context.noticeDate = CalendarDate(iso: "2026-06-01")

        // When the report is made
        let html = try page(context: context)

        // Then the period is counted and no holiday table is shown (the old report showed all 48 holidays)
        #expect(
            html.contains(
                "10 calendar days, 8 of them working days; 2 weekend days not counted, and no bank holiday falls "
                    + "inside it."))
        #expect(!html.contains("Bank holidays in the standstill period"))
        #expect(!html.contains("Christmas Day"))
    }

    @Test func priceAxisTicksAtRoundSteps() throws {
        // Given the example (ranked prices 905,000 to 1,180,000) and a closer set (1,000,000 to 1,024,000)
        let example = try priceTicks(try page())
        let close = Example.evaluate(submissions(["T-0002": 1_010_000, "T-0003": 1_000_000]))
        let closeTicks = try priceTicks(try page(close))

        // Then the example ticks every 100,000 across its prices (the old axis ticked at 877,500, 943,500, …:
        // fifths of the padded range)
        #expect(example == [800_000, 900_000, 1_000_000, 1_100_000, 1_200_000])

        // And any set ticks at a step of 1, 2, 2.5 or 5 × 10ⁿ, every tick a multiple of it, covering every price
        for (ticks, prices) in [(example, [905_000, 1_180_000]), (closeTicks, [1_000_000, 1_024_000])]
            as [([Decimal], [Decimal])]
        {
            try #require(ticks.count >= 3)
            let step = ticks[1] - ticks[0]
            #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $1 - $0 == step }, "uneven ticks \(ticks)")
            var unit = step
            while unit >= 10 { unit /= 10 }
            #expect([1, 2, Decimal(string: "2.5")!, 5].contains(unit), "step \(step) is not round")
            #expect(ticks.first! <= prices.min()! && ticks.last! >= prices.max()!, "\(ticks) misses \(prices)")
            #expect(ticks.allSatisfy { DecimalMath.rounded($0 / step, places: 0) == $0 / step }, "\(ticks) off-step")
        }
    }

    @Test func scatterLegendNamesTheWinnersMarker() throws {
        // Given the example's final report and a provisional one with no winner
        let final = try page()
        let provisional = try page(
            ScoringEngine(methodology: Example.methodology).evaluate(submissions: Example.submissions, marks: []))

        // Then the final chart's legend shows the winner's colour and name (the old chart had no legend at all)
        let winner = "style=\"background:\(EvaluationReport.winnerColour);border-radius:50%\"></span>"
        #expect(final.contains(winner + "Most advantageous tender (T-0003)"))
        #expect(
            final.contains("background:\(EvaluationReport.tenderColour);border-radius:50%\"></span>Other ranked tender")
        )
        // And a chart without a winner has no winner entry
        #expect(!provisional.contains(winner))
    }

    @Test func identicalPricesGiveOneAdvice() throws {
        // Given T-0002 bidding exactly T-0001's price: the identical-prices check flags both, and R028 fires
        let submissions = submissions(["T-0002": 1_024_000])
        let result = Example.evaluate(submissions)
        let flags = RedFlags().evaluate(result: result, methodology: Example.methodology, submissions: submissions)
        let action = try #require(result.flags.first { $0.kind == "identical-prices" }?.action)

        // When the report is made
        let html = try EvaluationReport(
            result: result, methodology: Example.methodology, redFlags: flags, context: Example.context
        ).html()

        // Then the buyer reads the finding and its advice once, in the R028 row (the old report had a row per tender
        // from the check with one advice and an R028 row with another)
        #expect(html.components(separatedBy: action).count - 1 == 1)
        #expect(html.contains("R028 Identical prices"))
    }
}
