import Foundation
import TenderScoring
import Testing

struct QuotientCacheTests {
    static func bytes(_ value: Decimal) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    /// Operands of every shape scoring meets: marks, weights, prices, fractions, negative, long and tiny.
    static func operands() -> [Decimal] {
        var state: UInt64 = 0x0DEC_1A1
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        var values: [Decimal] =
            (0...5).map { Decimal($0) }
            + ["3.0", "2.50", "0.1", "-7", "1e-30", "123456789012345678901234567890"]
            .compactMap { Decimal(string: $0) }
        for _ in 0..<60 {
            let text = "\(next(2) == 0 ? "" : "-")\(next(1_000_000_007)).\(next(1_000_000))"
            values.append(Decimal(string: text)!)
        }
        values.append(Decimal(1) / 3)
        return values
    }

    @Test func quotientsAreBitIdenticalToDivisionWhetherComputedOrRemembered() {
        let values = Self.operands()
        var compared = 0
        // Three passes: the first computes, the later ones are answered from the cache; the operand pairs
        // outnumber its capacity, so it also starts afresh on the way.
        for _ in 0..<3 {
            for dividend in values {
                for divisor in values where !divisor.isZero {
                    let expected = Self.bytes(dividend / divisor)
                    let found = Self.bytes(QuotientCache.divide(dividend, by: divisor))
                    #expect(found == expected, "\(dividend) / \(divisor)")
                    compared += 1
                }
            }
        }
        #expect(compared > QuotientCache.capacity)
    }

    @Test func equalValuesWrittenDifferentlyKeepTheirOwnQuotients() throws {
        let three = Decimal(3)
        let threePointZero = try #require(Decimal(string: "3.0"))
        let five = Decimal(5)
        #expect(three == threePointZero)
        #expect(Self.bytes(QuotientCache.divide(three, by: five)) == Self.bytes(three / five))
        #expect(Self.bytes(QuotientCache.divide(threePointZero, by: five)) == Self.bytes(threePointZero / five))
    }
}
