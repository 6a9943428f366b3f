public import Foundation

/// Human-readable amounts for explanations: `GBP 1,024,000` or `GBP 1,024,000.50`.
public enum Money {
    public static func text(_ amount: Decimal, _ currency: String) -> String {
        "\(currency) \(grouped(amount))"
    }

    /// The exact amount with thousands separators (commas between groups of three digits before the point).
    public static func grouped(_ amount: Decimal) -> String {
        var exact: [UInt8] = []
        exact.reserveCapacity(24)
        DecimalText.writeExact(amount, into: &exact)
        let digitsStart = exact.first == UInt8(ascii: "-") ? 1 : 0
        let point = exact.firstIndex(of: UInt8(ascii: ".")) ?? exact.count
        let digits = point - digitsStart
        guard digits > 3 else { return String(decoding: exact, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(exact.count + digits / 3)
        out.append(contentsOf: exact[..<digitsStart])
        for index in digitsStart..<point {
            let position = index - digitsStart
            if position > 0, (digits - position) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(exact[index])
        }
        out.append(contentsOf: exact[point...])
        return String(decoding: out, as: UTF8.self)
    }

    /// A fraction for explanations, to six places.
    public static func fraction(_ value: Decimal) -> String {
        DecimalText.exact(DecimalMath.rounded(value, places: 6))
    }
}
