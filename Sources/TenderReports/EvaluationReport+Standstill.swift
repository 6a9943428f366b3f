extension EvaluationReport {
    /// The standstill end with the days it skipped, and the bank-holiday table with its source.
    func standstillSection() throws(ReportError) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(2, "Standstill")]
        let calendar = context.calendar
        if let notice = context.noticeDate {
            let days = try calendar.days(after: notice)
            let end = days.last { $0.counted }?.date ?? notice
            blocks.append(
                .paragraph(
                    "Contract details notice: \(notice.longText). The mandatory standstill (s.51: 8 working days, "
                        + "not counting weekends or bank holidays in England and Wales) ends at midnight at the end "
                        + "of \(end.longText). Do not enter into the contract before then."))
            let skipped = days.filter { !$0.counted }
            if !skipped.isEmpty {
                blocks.append(
                    .table(
                        header: ["Day not counted", "Why"],
                        rows: skipped.map { [$0.date.longText, $0.note] }))
            }
        } else {
            blocks.append(
                .paragraph(
                    "No contract details notice date was given: the standstill end is counted when the "
                        + "notice is published (8 working days, s.51)."))
        }
        blocks.append(.heading(3, "Bank holidays in England and Wales"))
        blocks.append(
            .table(
                header: ["Date", "Holiday"],
                rows: calendar.holidays.map { [$0.date.longText, $0.displayName] }))
        blocks.append(.paragraph("Source: " + EnglandWalesBankHolidays.source))
        return blocks
    }
}
