public import Foundation

/// Human-readable amounts for explanations: `GBP 1,024,000` or `GBP 1,024,000.50`.
public enum Money {
    public static func text(_ amount: Decimal, _ currency: String) -> String {
        "\(currency) \(grouped(amount))"
    }

    /// The exact amount with thousands separators.
    public static func grouped(_ amount: Decimal) -> String {
        let exact = DecimalText.exact(amount)
        let negative = exact.hasPrefix("-")
        let unsigned = negative ? String(exact.dropFirst()) : exact
        let parts = unsigned.split(separator: ".", maxSplits: 1).map(String.init)
        var integer = parts[0]
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + groups.joined(separator: ",") + fraction
    }

    /// A fraction for explanations, to six places.
    public static func fraction(_ value: Decimal) -> String {
        DecimalText.exact(DecimalMath.rounded(value, places: 6))
    }
}
