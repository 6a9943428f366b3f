extension EvaluationReport {
    /// The standstill end, how many working days the period has, and the bank holidays that fall inside it, with
    /// the source of the holiday table.
    func standstillSection() throws(ReportError) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(2, "Standstill")]
        guard let notice = context.noticeDate else {
            blocks.append(
                .paragraph(
                    "No contract details notice date was given: the standstill end is counted when the "
                        + "notice is published (8 working days, s.51)."))
            return blocks
        }
        let days = try context.calendar.days(after: notice)
        let end = days.last { $0.counted }?.date ?? notice
        let working = days.filter(\.counted).count
        let weekend = days.filter { $0.date.weekday.isWeekend }.count
        let holidays = days.filter { !$0.counted && !$0.date.weekday.isWeekend }.compactMap {
            context.calendar.holiday(on: $0.date)
        }
        blocks.append(
            .paragraph(
                "Contract details notice: \(notice.longText). The mandatory standstill (s.51: 8 working days, "
                    + "not counting weekends or bank holidays in England and Wales) ends at midnight at the end "
                    + "of \(end.longText). Do not enter into the contract before then."))
        var period =
            "The standstill runs from \(days.first?.date.longText ?? notice.longText) to \(end.longText): "
            + "\(Self.count(days.count, "calendar day")), \(working) of them working days; "
        period +=
            holidays.isEmpty
            ? "\(Self.count(weekend, "weekend day")) not counted, and no bank holiday falls inside it."
            : "\(Self.count(weekend, "weekend day")) and \(Self.count(holidays.count, "bank holiday")) not counted."
        blocks.append(.paragraph(period))
        if !holidays.isEmpty {
            blocks.append(.heading(3, "Bank holidays in the standstill period"))
            blocks.append(
                .table(
                    header: ["Date", "Holiday"],
                    rows: holidays.map { [$0.date.longText, $0.displayName] }))
        }
        blocks.append(.paragraph("Bank holidays in England and Wales: " + EnglandWalesBankHolidays.source))
        return blocks
    }

    /// `1 working day`, `8 working days`.
    private static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }
}
