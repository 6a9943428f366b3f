public import Foundation
import Synchronization

/// Remembers `Decimal` quotients by the exact representation of both operands.
///
/// Foundation's decimal division is long division over 38 digits, and scoring divides the same few values
/// again and again (a mark less the scale's minimum by the scale's width, marks sums by question weights). A
/// quotient found here is the one `/` computed for bit-identical operands, so results are unchanged to the
/// last digit; the cache only skips repeating the work. It holds at most ``capacity`` quotients and starts
/// afresh when full.
public enum QuotientCache {
    /// Quotients kept before the cache starts afresh.
    public static let capacity = 4_096

    private struct Key: Hashable {
        var dividend: Words
        var divisor: Words
    }

    /// A `Decimal`'s whole representation (exponent, length, flags and the eight mantissa words), byte for byte.
    private struct Words: Hashable {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0

        init(_ value: Decimal) {
            withUnsafeMutableBytes(of: &self) { words in
                withUnsafeBytes(of: value) { words.copyMemory(from: $0) }
            }
        }
    }

    /// Whether a `Decimal` fits ``Words`` (20 bytes on every platform Foundation has today).
    private static let fits = MemoryLayout<Decimal>.size <= MemoryLayout<Words>.size

    private static let quotients = Mutex<[Key: Decimal]>([:])

    /// `dividend / divisor`, exactly as `/` gives it.
    public static func divide(_ dividend: Decimal, by divisor: Decimal) -> Decimal {
        guard fits else { return dividend / divisor }
        let key = Key(dividend: Words(dividend), divisor: Words(divisor))
        if let known = quotients.withLock({ $0[key] }) { return known }
        let quotient = dividend / divisor
        quotients.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = quotient
        }
        return quotient
    }
}
