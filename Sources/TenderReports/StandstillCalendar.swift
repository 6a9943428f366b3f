/// Counts the mandatory standstill period (Procurement Act 2023 s.51): eight working days after the day the
/// contract details notice is published, where working days exclude weekends and bank holidays.
///
/// ```swift
/// let calendar = StandstillCalendar()
/// let end = try calendar.standstillEnd(noticeDate: CalendarDate(iso: "2026-12-21")!)  // 2027-01-05
/// ```
public struct StandstillCalendar: Sendable, Hashable {
    /// Working days in the mandatory standstill period (s.51(2)).
    public static let mandatoryWorkingDays = 8

    /// The bank holidays that are not working days.
    public let holidays: [BankHoliday]
    /// The first and last year the holidays cover: counting outside them is an error, not a guess.
    public let coveredYears: ClosedRange<Int>

    /// A calendar over England and Wales bank holidays, or over the holidays given.
    public init(
        holidays: [BankHoliday] = EnglandWalesBankHolidays.all,
        coveredYears: ClosedRange<Int> = EnglandWalesBankHolidays.firstYear...EnglandWalesBankHolidays.lastYear
    ) {
        self.holidays = holidays
        self.coveredYears = coveredYears
    }

    /// The holiday on a date, if any.
    public func holiday(on date: CalendarDate) -> BankHoliday? {
        holidays.first { $0.date == date }
    }

    /// Whether a date is a working day: a weekday that is not a bank holiday.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        !date.weekday.isWeekend && holiday(on: date) == nil
    }

    /// The last day of the standstill: the `workingDays`-th working day after the notice date. The standstill
    /// ends at midnight at the end of that day.
    ///
    /// - Throws: ``ReportError/outsideHolidayTable(_:first:last:)`` when the count leaves the covered years.
    public func standstillEnd(noticeDate: CalendarDate, workingDays: Int = mandatoryWorkingDays)
        throws(ReportError) -> CalendarDate
    {
        try days(after: noticeDate, workingDays: workingDays).last { $0.counted }?.date ?? noticeDate
    }

    /// Every day from the day after the notice up to the end of the standstill, with whether it counted and,
    /// when it did not, why (weekend or the holiday's name).
    public func days(after noticeDate: CalendarDate, workingDays: Int = mandatoryWorkingDays)
        throws(ReportError) -> [StandstillDay]
    {
        var result: [StandstillDay] = []
        var counted = 0
        var date = noticeDate
        guard coveredYears.contains(date.year) else {
            throw .outsideHolidayTable(date, first: coveredYears.lowerBound, last: coveredYears.upperBound)
        }
        while counted < workingDays {
            date = date.adding(days: 1)
            guard coveredYears.contains(date.year) else {
                throw .outsideHolidayTable(date, first: coveredYears.lowerBound, last: coveredYears.upperBound)
            }
            if date.weekday.isWeekend {
                result.append(StandstillDay(date: date, counted: false, note: date.weekday.name))
            } else if let holiday = holiday(on: date) {
                result.append(StandstillDay(date: date, counted: false, note: holiday.displayName))
            } else {
                counted += 1
                result.append(StandstillDay(date: date, counted: true, note: "working day \(counted)"))
            }
        }
        return result
    }
}

/// One day of a standstill count.
public struct StandstillDay: Sendable, Hashable {
    public var date: CalendarDate
    /// Whether the day counted as a working day.
    public var counted: Bool
    /// `working day 3`, `Saturday`, or the bank holiday's name.
    public var note: String
}
