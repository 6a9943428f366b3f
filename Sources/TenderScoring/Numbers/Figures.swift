public import Foundation

/// The one way figures are written for people, in every report and in the `score` table: points and totals at
/// the evaluation's rounding, weights, money, and names cut to fit a column.
///
/// Explanations recorded in the ledger keep their own forms (``Money/text(_:_:)``, ``DecimalText``) so that
/// recorded results replay byte for byte.
///
/// ```swift
/// Figures.points(tender.total, places: result.rounding, in: .document)  // "86.28", or "—" when not scored
/// Figures.weight(criterion.weight)                                     // "40", "12.5"
/// Figures.money(1_180_000, currency: "GBP")                            // "£1,180,000"
/// ```
public enum Figures {
    /// Where a figure is shown: it decides what stands in for a missing one.
    public enum Medium: Sendable, Hashable, CaseIterable {
        /// CSV for spreadsheets: an empty cell, which a spreadsheet reads as no value.
        case spreadsheet
        /// Markdown and HTML for people: an em dash.
        case document
        /// The terminal's plain-text table: a hyphen.
        case terminal

        /// The text written where a figure is missing.
        public var missing: String {
            switch self {
            case .spreadsheet: return ""
            case .document: return "—"
            case .terminal: return "-"
            }
        }
    }

    /// Points, totals and other scores as published: rounded half-even to `places` (the methodology's
    /// `evaluation.rounding`) and written with exactly that many places; the medium's placeholder when `nil`.
    public static func points(_ value: Decimal?, places: Int, in medium: Medium) -> String {
        value.map { DecimalText.published($0, places: places) } ?? medium.missing
    }

    /// A criterion, part or question weight, exactly as the methodology gives it: `40`, `12.5`.
    public static func weight(_ value: Decimal) -> String {
        DecimalText.exact(value)
    }

    /// An amount of money, exact, with thousands separators: `£1,180,000`, `€905,000.50`, `USD 1,000`;
    /// without a currency, the grouped amount alone (`1,180,000`) for columns whose header names the currency.
    public static func money(_ amount: Decimal, currency: String?) -> String {
        let grouped = Money.grouped(amount)
        guard let currency else { return grouped }
        let negative = grouped.hasPrefix("-")
        let unsigned = negative ? String(grouped.dropFirst()) : grouped
        switch currency.uppercased() {
        case "GBP": return (negative ? "-" : "") + "£" + unsigned
        case "EUR": return (negative ? "-" : "") + "€" + unsigned
        default: return "\(currency) \(grouped)"
        }
    }

    /// A name or label cut to at most `width` characters for a column: at the last word boundary that keeps
    /// more than half of it, else mid-word, and ended with "…". Text that fits is returned unchanged.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(width, 0))) }
        // A space just after the kept part is a word boundary too, so look one character further.
        let window = text.prefix(width)
        var cut = text.prefix(width - 1)
        if let space = window.lastIndex(where: \.isWhitespace),
            window.distance(from: window.startIndex, to: space) > width / 2
        {
            cut = window[..<space]
        }
        while let last = cut.last, last.isWhitespace || ",;:-–—(".contains(last) { cut = cut.dropLast() }
        return (cut.isEmpty ? text.prefix(width - 1) : cut) + "…"
    }
}
