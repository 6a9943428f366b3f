public import Foundation

/// Deterministic `Decimal` arithmetic the scoring formulas need beyond `+ − × ÷`.
public enum DecimalMath {
    /// Decimal places at which exact scores (fractions, points, price per point) are carried. Division is done
    /// at full `Decimal` precision (38 digits) and the result rounded here, so that 30 × 100/120 is exactly 25
    /// and not 24.99…98: exact ties stay ties.
    public static let exactPlaces = 20

    /// `value` rounded half-even to ``exactPlaces``.
    public static func exact(_ value: Decimal) -> Decimal {
        rounded(value, places: exactPlaces)
    }

    /// Whether two values are stored alike, byte for byte: the same value written the same way. Equal values can be
    /// stored differently (a significand and exponent not reduced, 50 × 10⁻² for 0.5), and ``DecimalText`` writes
    /// what is stored.
    package static func isStoredAlike(_ a: Decimal, _ b: Decimal) -> Bool {
        withUnsafeBytes(of: a) { first in withUnsafeBytes(of: b) { second in first.elementsEqual(second) } }
    }

    /// `value` rounded half-even ("banker's rounding") to `places` decimal places.
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .bankers)
        return output
    }

    /// `value` limited to `[lower, upper]`.
    public static func clamp(_ value: Decimal, _ lower: Decimal = 0, _ upper: Decimal = 1) -> Decimal {
        min(max(value, lower), upper)
    }

    /// The median; for an even count, the mean of the middle two. `nil` for no values.
    public static func median(_ values: [Decimal]) -> Decimal? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The arithmetic mean. `nil` for no values.
    public static func mean(_ values: [Decimal]) -> Decimal? {
        guard !values.isEmpty else { return nil }
        return values.reduce(0, +) / Decimal(values.count)
    }

    private static let ln2: Decimal = lnNearOne(2)

    /// The natural logarithm of a positive value, to about 34 significant digits, computed only with
    /// `Decimal` operations so that every platform gets the same digits.
    ///
    /// The value is scaled by powers of two into [1, 2], then `ln x = 2·atanh((x−1)/(x+1))` is summed.
    public static func ln(_ value: Decimal) -> Decimal? {
        guard value > 0 else { return nil }
        var x = value
        var exponent = 0
        while x > 2 {
            x /= 2
            exponent += 1
        }
        while x < 1 {
            x *= 2
            exponent -= 1
        }
        let result = lnNearOne(x) + Decimal(exponent) * ln2
        return rounded(result, places: 34)
    }

    /// `ln x` for x in [1, 2] by the atanh series; terms shrink by at least a factor of 9.
    private static func lnNearOne(_ x: Decimal) -> Decimal {
        let y = (x - 1) / (x + 1)
        let ySquared = y * y
        var power = y
        var sum = Decimal(0)
        var denominator = Decimal(1)
        let epsilon = Decimal(sign: .plus, exponent: -40, significand: 1)
        for _ in 0..<200 {
            let term = power / denominator
            if term < epsilon { break }
            sum += term
            power *= ySquared
            denominator += 2
        }
        return 2 * sum
    }
}
