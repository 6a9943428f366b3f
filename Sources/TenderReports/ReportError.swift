/// Why a report could not be produced, in words that say what to do.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message for the user.
    public let description: String

    private init(_ description: String) {
        self.description = description
    }

    /// The standstill count reached a year the bank-holiday table does not cover.
    public static func outsideHolidayTable(_ date: CalendarDate, first: Int, last: Int) -> ReportError {
        ReportError(
            "The standstill count reaches \(date), outside the bank-holiday table (\(first)–\(last)): extend "
                + "EnglandWalesBankHolidays from https://www.gov.uk/bank-holidays, or pass the holidays in ReportContext."
        )
    }

    /// The result was produced for a different procurement than the methodology describes.
    public static func mismatchedProcurement(result: String, methodology: String) -> ReportError {
        ReportError(
            "The evaluation result is for procurement \(result) but the methodology is for \(methodology): "
                + "re-run the evaluation with the methodology it was recorded against.")
    }
}
