import TenderReports
import Testing

struct StandstillCalendarTests {
    let calendar = StandstillCalendar()

    func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func christmasNoticeSkipsHolidaysAndSubstituteDays() throws {
        // Given a notice on Monday 21 December 2026 (Boxing Day is a Saturday: substitute Monday 28)
        let notice = date("2026-12-21")

        // When the standstill is counted
        let end = try calendar.standstillEnd(noticeDate: notice)
        let skipped = try calendar.days(after: notice).filter { !$0.counted }.map(\.date.description)

        // Then it ends on Tuesday 5 January 2027, skipping the holidays and weekends
        #expect(end == date("2027-01-05"))
        #expect(
            skipped == [
                "2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2027-01-01", "2027-01-02", "2027-01-03",
            ])
    }

    @Test func ordinaryWeekCountsEightWorkingDays() throws {
        // Given a notice on Monday 1 June 2026 (no holidays nearby)
        // When the standstill is counted
        let end = try calendar.standstillEnd(noticeDate: date("2026-06-01"))

        // Then it ends on Thursday 11 June 2026
        #expect(end == date("2026-06-11"))
        #expect(end.weekday == .thursday)
    }

    @Test func easterIsSkipped() throws {
        // Given a notice on Wednesday 1 April 2026 (Good Friday 3 April, Easter Monday 6 April)
        // When the standstill is counted
        let end = try calendar.standstillEnd(noticeDate: date("2026-04-01"))

        // Then it ends on Wednesday 15 April 2026
        #expect(end == date("2026-04-15"))
    }

    @Test func noticeOnASaturdayCountsFromMonday() throws {
        // Given a notice published on Saturday 6 June 2026
        // When the standstill is counted
        let end = try calendar.standstillEnd(noticeDate: date("2026-06-06"))

        // Then Monday 8 June is the first working day and Wednesday 17 June the eighth
        #expect(end == date("2026-06-17"))
    }

    @Test func countingBeyondTheTableIsAnError() {
        // Given a notice late in 2030, whose standstill runs into 2031
        // When / Then the calendar refuses to guess 2031's holidays
        #expect {
            try calendar.standstillEnd(noticeDate: date("2030-12-24"))
        } throws: { error in
            (error as? ReportError)?.description.contains("2031-01-01") == true
        }
    }

    @Test func tableMatchesTheStatutoryPattern() {
        // Given the rules: New Year, Good Friday, Easter Monday, first and last Monday in May, last Monday in
        // August, Christmas and Boxing Day, each moved to the next free weekday when at a weekend
        var expected: [String] = []
        for year in 2025...2030 {
            let easter = Self.easter(year)
            var days = [substitute(date("\(year)-01-01"), taken: [])]
            days += [easter.adding(days: -2), easter.adding(days: 1)]
            days += [monday(year, 5, last: false), monday(year, 5, last: true), monday(year, 8, last: true)]
            let christmas = substitute(date("\(year)-12-25"), taken: [])
            days += [christmas, substitute(date("\(year)-12-26"), taken: [christmas])]
            expected += days.map(\.description)
        }

        // When the table is read
        let table = EnglandWalesBankHolidays.all.map(\.date.description)

        // Then every date agrees, and substitute days are marked as such
        #expect(table == expected)
        #expect(EnglandWalesBankHolidays.all.allSatisfy { !$0.date.weekday.isWeekend })
        let substitutes = EnglandWalesBankHolidays.all.filter(\.isSubstitute).map(\.date.description)
        #expect(substitutes == ["2026-12-28", "2027-12-27", "2027-12-28", "2028-01-03"])
    }

    func substitute(_ day: CalendarDate, taken: [CalendarDate]) -> CalendarDate {
        var day = day
        while day.weekday.isWeekend || taken.contains(day) { day = day.adding(days: 1) }
        return day
    }

    func monday(_ year: Int, _ month: Int, last: Bool) -> CalendarDate {
        var day =
            last ? CalendarDate(year: year, month: month + 1, day: 1)!.adding(days: -1) : date("\(year)-0\(month)-01")
        while day.weekday != .monday { day = day.adding(days: last ? -1 : 1) }
        return day
    }

    /// Easter Sunday (anonymous Gregorian algorithm).
    static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let h = (19 * a + b - b / 4 - (8 * b + 13) / 25 + 15) % 30
        let l = (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }
}
