import Foundation

/// Fast paths for ``DecimalText``: a `Decimal` written as Foundation writes it, and plain literals checked and,
/// up to 18 significant digits, read into the `Decimal` Foundation would make of them.
///
/// Foundation's own text conversions divide the 128-bit significand by ten digit by digit and build strings
/// in reverse (about half the cost of writing an assessment's explanation), and its parser builds a `Locale`
/// per call. Reading a value uses its storage, the `NSDecimal` layout (exponent, length and sign bits, eight
/// 16-bit words of significand); ``isLayoutKnown`` checks that layout against Foundation's text once, and when
/// it does not hold every call takes Foundation's path. Tests compare both paths over many values.
enum DecimalDigits {
    /// A value's sign, significand (at most 128 bits) and exponent; nil for NaN and zero.
    struct Parts: Equatable {
        var negative: Bool
        var significand: UInt128
        var exponent: Int
    }

    /// Whether ``parts(_:)`` reads values correctly on this Foundation (checked once against its text).
    static let isLayoutKnown: Bool = {
        let samples = [
            "1", "-0.5", "0.0001", "123.456", "1024000", "-98765432109876.54321", "18446744073709551615",
            "4294967296.5", "65536", "-0.000000000001", "340282366920938463463374607431768211455",
            "-0.3333333333333333333333333333333333333",
        ]
        return samples.allSatisfy { text in
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                let parts = readParts(value)
            else { return false }
            var bytes: [UInt8] = []
            write(parts, into: &bytes)
            return bytes.elementsEqual(value.description.utf8)
        }
    }()

    /// The parts of `value`, when the layout is known.
    static func parts(_ value: Decimal) -> Parts? {
        isLayoutKnown ? readParts(value) : nil
    }

    private static func readParts(_ value: Decimal) -> Parts? {
        withUnsafeBytes(of: value) { raw -> Parts? in
            guard raw.count == 20 else { return nil }
            let length = Int(raw[1] >> 4)
            // Length 0 is zero (positive) or NaN (negative): left to Foundation.
            guard (1...8).contains(length) else { return nil }
            var significand: UInt128 = 0
            for word in 0..<length {
                let low = UInt128(raw[4 + 2 * word])
                let high = UInt128(raw[5 + 2 * word])
                significand |= (low | high << 8) << (16 * word)
            }
            guard significand != 0 else { return nil }
            return Parts(
                negative: raw[1] & 0x08 != 0, significand: significand, exponent: Int(Int8(bitPattern: raw[0])))
        }
    }

    /// Appends the text of `parts` as Foundation's `description` writes it: the significand's digits, then
    /// `exponent` zeros, or with a point `-exponent` digits from the right (`0.` and zeros when too few).
    static func write(_ parts: Parts, into out: inout [UInt8]) {
        if parts.negative { out.append(UInt8(ascii: "-")) }
        // 39 digits hold UInt128.max.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 39) { buffer in
            var start = 39
            var rest = parts.significand
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            let digits = UnsafeBufferPointer(rebasing: buffer[start..<39])
            if parts.exponent >= 0 {
                out.append(contentsOf: digits)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: parts.exponent))
                return
            }
            let fraction = -parts.exponent
            if digits.count > fraction {
                out.append(contentsOf: digits[..<(digits.count - fraction)])
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[(digits.count - fraction)...])
            } else {
                out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: fraction - digits.count))
                out.append(contentsOf: digits)
            }
        }
    }

    /// The text ``DecimalText/published(_:places:)`` gives for `parts`: rounded half-even to `places` decimal places
    /// as `NSDecimalRound` rounds (the significand divided by a power of ten, the remainder against half of it), then
    /// written with exactly `places` decimals; nil when more than 38 digits would be dropped (Foundation's path then).
    /// A value that rounds to zero is written unsigned, as Foundation writes a zero.
    static func published(_ parts: Parts, places: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        guard parts.exponent < -places else {
            // Nothing to round: the exact text, padded with zeros to `places` decimals.
            write(parts, into: &out)
            guard places > 0 else { return out }
            if let point = out.firstIndex(of: UInt8(ascii: ".")) {
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: places - (out.count - point - 1)))
            } else {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: places))
            }
            return out
        }
        let dropped = -places - parts.exponent
        guard dropped <= 38 else { return nil }
        var divisor: UInt128 = 1
        for _ in 0..<dropped { divisor *= 10 }
        var (quotient, remainder) = parts.significand.quotientAndRemainder(dividingBy: divisor)
        let half = divisor / 2
        if remainder > half || (remainder == half && quotient & 1 == 1) { quotient += 1 }
        // A zero quotient is written "0.00…" (`write` writes a zero significand's one digit), unsigned.
        write(Parts(negative: parts.negative && quotient > 0, significand: quotient, exponent: -places), into: &out)
        return out
    }

    /// What a literal is: not a plain decimal literal, one to leave to Foundation (zero, more than 18
    /// significant digits, or a storage layout not known here), or its value read here.
    enum Literal {
        case invalid
        case foundation
        case value(Decimal)
    }

    /// Reads `text` as a plain literal: an optional sign, ASCII digits with at most one point, and a digit before
    /// the end. Checked byte by byte (a `Character` range would let "5️⃣", a digit with combining marks,
    /// through). A value with at most 18 significant digits comes out as `Decimal(string:)` makes it: the
    /// significand without trailing zeros.
    static func literal(_ text: UnsafeBufferPointer<UInt8>) -> Literal {
        guard !text.isEmpty else { return .invalid }
        var index = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var digitsSeen = false
        var pointSeen = false
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard !pointSeen else { return .invalid }
                pointSeen = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return .invalid }
            digitsSeen = true
            if significand != 0 || byte != UInt8(ascii: "0") { significantDigits += 1 }
            // Past 18 digits the value is Foundation's to read; the rest of the text is still checked.
            guard significantDigits <= 18 else { continue }
            significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
            if pointSeen { exponent -= 1 }
        }
        guard digitsSeen, text[text.count - 1] != UInt8(ascii: ".") else { return .invalid }
        guard isLayoutKnown, significantDigits <= 18, significand != 0 else { return .foundation }
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        return .value(Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand)))
    }
}
