import Foundation
import TenderTestSupport
import Testing

@testable import TenderScoring

/// DecimalText's fast paths give exactly what Foundation gives: the same `Decimal` (bit for bit) from a
/// literal, and the same text from a value.
struct DecimalTextTests {
    static func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    static func foundation(_ text: String) -> Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Literals with signs, leading and trailing zeros, 1 to 24 digits, with and without a point.
    static func literals(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            func digits(_ count: Int) -> String {
                String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            }
            let sign = ["", "", "-", "+"].randomElement(using: &random)!
            let zeros = String(repeating: "0", count: Int.random(in: 0...3, using: &random) / 3)
            let whole = digits(Int.random(in: 1...14, using: &random))
            let fraction = Bool.random(using: &random) ? "." + digits(Int.random(in: 1...10, using: &random)) : ""
            return sign + zeros + whole + fraction
        }
    }

    @Test func theLayoutIsKnownSoTheFastPathsRun() {
        #expect(DecimalDigits.isLayoutKnown)
    }

    @Test func literalsParseToFoundationsDecimalBitForBit() throws {
        var fast = 0
        for text in Self.literals(count: 5000, seed: 7) + ["0", "-0", "0.000", "1", "10", "100.100", "5.", ".5"] {
            let expected = Self.foundation(text)
            let parsed = DecimalText.parse(text)
            if text.hasSuffix(".") {
                #expect(parsed == nil, "\(text)")
                continue
            }
            let value = try #require(parsed, "\(text)")
            #expect(Self.bits(value) == Self.bits(try #require(expected)), "\(text)")
            var copy = text
            if case .value = copy.withUTF8(DecimalDigits.literal) { fast += 1 }
        }
        // Most literals have at most 18 significant digits and are not zero: the fast path took them.
        #expect(fast > 3000)
    }

    @Test func onlyPlainASCIILiteralsAreNumbers() {
        for text in [
            "5\u{FE0F}\u{20E3}", "٣", "1e5", "1234567890123456789012x", "12345678901234567890.1.2", "1,000", "1 000",
            "--1", "1.2.3", "", "-", ".", "5.", "0x10", "١٢",
        ] {
            #expect(DecimalText.parse(text) == nil, "\(text)")
        }
        #expect(DecimalText.parse("000000000000000000000.5") == Decimal(string: "0.5"))
        #expect(DecimalText.parse("-0") == 0)
    }

    @Test func valuesAreWrittenAsFoundationWritesThem() throws {
        var values = try Self.literals(count: 2000, seed: 11).map { try #require(Self.foundation($0)) }
        // Results of arithmetic: significands up to 128 bits, exponents of both signs, negatives.
        for index in 0..<500 {
            let a = values[index]
            let b = values[index + 500]
            values += [a * b, a + b, a - b, b == 0 ? a : a / b, DecimalMath.rounded(a, places: index % 5)]
        }
        values += [0, -1, Decimal.nan, Decimal(string: "1e20")!, Decimal(string: "-4.2e-30")!]
        var fast = 0
        for value in values {
            #expect(DecimalText.exact(value) == value.description, "\(Self.bits(value))")
            var bytes: [UInt8] = []
            DecimalText.writeExact(value, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == value.description)
            if DecimalDigits.parts(value) != nil { fast += 1 }
        }
        // Every value but zero and NaN takes the fast path, the widest significands included.
        #expect(fast == values.filter { !$0.isZero && !$0.isNaN }.count)
        #expect(values.contains { DecimalDigits.parts($0).map { $0.significand > UInt128(UInt64.max) } == true })
    }

    @Test func publishedFiguresAreRoundedAsFoundationRoundsThem() throws {
        var values = try Self.literals(count: 2000, seed: 13).map { try #require(Self.foundation($0)) }
        for index in 0..<500 {
            let a = values[index]
            let b = values[index + 500]
            values += [a * b, a + b, a - b, b == 0 ? a : a / b]
        }
        // Ties at each place (even and odd digits before them), ties broken by a later digit, carries, values that
        // round to zero from either side, 38-digit significands, large exponents.
        values += try [
            "2.345", "2.355", "2.3450000001", "-2.345", "-2.355", "0.005", "0.015", "-0.005", "-0.0049", "0.0051",
            "9.995", "-9.995", "99.5", "100.5", "0.5", "1.5", "-0.5", "0.000000001", "-0.000000001", "12345.6789",
            "0.33333333333333333333333333333333333333", "-0.66666666666666666666666666666666666667",
            "340282366920938463463374607431768211455", "3.40282366920938463463374607431768211455",
            "0.00000000000000000000000000000000000001",
        ].map { try #require(Self.foundation($0)) }
        values += [0, Decimal.nan, Decimal(string: "1e20")!, Decimal(string: "-4.2e-30")!, Decimal(1) / 3]
        values.append(Decimal(sign: .minus, exponent: -40, significand: 123_456_789))
        // Significands with trailing zeros (arithmetic and parsing compact them; a value built from its parts need not)
        for significand: UInt64 in [12_500, 12_350, 100, 995_000, 5_000_000] {
            for exponent in [-7, -6, -5, -4, -3, -2] {
                values.append(Decimal(sign: .plus, exponent: exponent, significand: Decimal(significand)))
                values.append(Decimal(sign: .minus, exponent: exponent, significand: Decimal(significand)))
            }
        }
        var (fast, wide) = (0, 0)
        for value in values {
            for places in 0...6 {
                #expect(
                    DecimalText.published(value, places: places)
                        == DecimalText.foundationPublished(value, places: places),
                    "\(value) to \(places) places")
                // Every value but zero and NaN takes the fast path, unless more than 38 digits are to be dropped.
                guard let parts = DecimalDigits.parts(value) else { continue }
                let taken = DecimalDigits.published(parts, places: places) != nil
                #expect(taken == (-places - parts.exponent <= 38), "\(value) to \(places) places")
                if taken { fast += 1 } else { wide += 1 }
            }
        }
        #expect(fast > 25_000)
        #expect(wide > 0)
    }

    @Test func valuesAreStoredAlikeOnlyWhenTheirBytesAgree() {
        let third = Decimal(1) / Decimal(3)
        #expect(DecimalMath.isStoredAlike(third, third))
        // Values stored alike are written alike (the same value not reduced, 50 × 10⁻², may be written "0.50")
        let unreduced = Decimal(sign: .plus, exponent: -2, significand: 50)
        let half = Decimal(string: "0.5")!
        #expect(!DecimalMath.isStoredAlike(third, DecimalMath.exact(third)))
        #expect(!DecimalMath.isStoredAlike(unreduced, half) || DecimalText.exact(unreduced) == DecimalText.exact(half))
    }
}
