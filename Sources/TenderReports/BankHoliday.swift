/// One bank holiday: the day it falls on, its name and whether it is a substitute day.
public struct BankHoliday: Sendable, Hashable {
    public var date: CalendarDate
    public var name: String
    /// `true` when the holiday moved to a weekday because its usual date fell at a weekend.
    public var isSubstitute: Bool

    public init(date: CalendarDate, name: String, isSubstitute: Bool) {
        self.date = date
        self.name = name
        self.isSubstitute = isSubstitute
    }

    /// The name as GOV.UK writes it, with "(substitute day)" where it applies.
    public var displayName: String { isSubstitute ? "\(name) (substitute day)" : name }
}

/// Bank holidays in England and Wales, 2025–2030, used to count standstill working days (s.51).
public enum EnglandWalesBankHolidays {
    /// The first year the table covers.
    public static let firstYear = 2025
    /// The last year the table covers.
    public static let lastYear = 2030

    /// Where the dates come from.
    public static let source =
        "GOV.UK, \"UK bank holidays\", England and Wales (https://www.gov.uk/bank-holidays; "
        + "https://www.gov.uk/bank-holidays.json). 2025–2027 as published there; 2028–2030 follow the usual "
        + "pattern under the Banking and Financial Dealings Act 1971 (with substitute days) and must be checked "
        + "against GOV.UK once published, since a royal proclamation can add or move a holiday."

    /// Every holiday in date order.
    public static let all: [BankHoliday] = table.map { row in
        BankHoliday(date: CalendarDate(iso: row.0)!, name: row.1, isSubstitute: row.2)
    }

    private static let newYear = "New Year’s Day"
    private static let table: [(String, String, Bool)] = [
        ("2025-01-01", newYear, false), ("2025-04-18", "Good Friday", false),
        ("2025-04-21", "Easter Monday", false), ("2025-05-05", "Early May bank holiday", false),
        ("2025-05-26", "Spring bank holiday", false), ("2025-08-25", "Summer bank holiday", false),
        ("2025-12-25", "Christmas Day", false), ("2025-12-26", "Boxing Day", false),
        ("2026-01-01", newYear, false), ("2026-04-03", "Good Friday", false),
        ("2026-04-06", "Easter Monday", false), ("2026-05-04", "Early May bank holiday", false),
        ("2026-05-25", "Spring bank holiday", false), ("2026-08-31", "Summer bank holiday", false),
        ("2026-12-25", "Christmas Day", false), ("2026-12-28", "Boxing Day", true),
        ("2027-01-01", newYear, false), ("2027-03-26", "Good Friday", false),
        ("2027-03-29", "Easter Monday", false), ("2027-05-03", "Early May bank holiday", false),
        ("2027-05-31", "Spring bank holiday", false), ("2027-08-30", "Summer bank holiday", false),
        ("2027-12-27", "Christmas Day", true), ("2027-12-28", "Boxing Day", true),
        ("2028-01-03", newYear, true), ("2028-04-14", "Good Friday", false),
        ("2028-04-17", "Easter Monday", false), ("2028-05-01", "Early May bank holiday", false),
        ("2028-05-29", "Spring bank holiday", false), ("2028-08-28", "Summer bank holiday", false),
        ("2028-12-25", "Christmas Day", false), ("2028-12-26", "Boxing Day", false),
        ("2029-01-01", newYear, false), ("2029-03-30", "Good Friday", false),
        ("2029-04-02", "Easter Monday", false), ("2029-05-07", "Early May bank holiday", false),
        ("2029-05-28", "Spring bank holiday", false), ("2029-08-27", "Summer bank holiday", false),
        ("2029-12-25", "Christmas Day", false), ("2029-12-26", "Boxing Day", false),
        ("2030-01-01", newYear, false), ("2030-04-19", "Good Friday", false),
        ("2030-04-22", "Easter Monday", false), ("2030-05-06", "Early May bank holiday", false),
        ("2030-05-27", "Spring bank holiday", false), ("2030-08-26", "Summer bank holiday", false),
        ("2030-12-25", "Christmas Day", false), ("2030-12-26", "Boxing Day", false),
    ]
}
