public import Foundation

/// Exact and published text forms of `Decimal` values, independent of locale.
public enum DecimalText {
    /// The exact value, as Foundation writes it (`"0.75"`, `"-12"`), never in exponent form.
    public static func exact(_ value: Decimal) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        writeExact(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``exact(_:)`` of `value` to `out` as UTF-8.
    static func writeExact(_ value: Decimal, into out: inout [UInt8]) {
        if let parts = DecimalDigits.parts(value) {
            DecimalDigits.write(parts, into: &out)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }

    /// The value rounded half-even to `places` decimal places and written with exactly that many places.
    public static func published(_ value: Decimal, places: Int) -> String {
        if places >= 0, let parts = DecimalDigits.parts(value),
            let bytes = DecimalDigits.published(parts, places: places)
        {
            return String(decoding: bytes, as: UTF8.self)
        }
        return foundationPublished(value, places: places)
    }

    /// ``published(_:places:)`` through Foundation's rounding (`NSDecimalRound`, bankers) and text: the path for
    /// zero, NaN and values whose rounding would drop more digits than 128 bits hold, and what tests compare the fast
    /// path with.
    static func foundationPublished(_ value: Decimal, places: Int) -> String {
        let rounded = DecimalMath.rounded(value, places: places)
        var text = exact(rounded)
        guard places > 0 else { return text }
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: text.index(after: dot), to: text.endIndex)
            if have < places { text += String(repeating: "0", count: places - have) }
        } else {
            text += "." + String(repeating: "0", count: places)
        }
        return text
    }

    /// Parses a plain decimal literal (`12`, `-0.5`, `1200000.00`). Rejects exponents, separators and
    /// anything else, so that what the user wrote is exactly what is computed with.
    public static func parse(_ text: String) -> Decimal? {
        var text = text
        switch text.withUTF8(DecimalDigits.literal) {
        case .invalid: return nil
        case .value(let value): return value
        case .foundation: return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        }
    }
}
