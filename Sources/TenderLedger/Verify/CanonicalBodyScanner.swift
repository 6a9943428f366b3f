/// A one-pass check that entry body bytes are exactly what `JSONValue.canonicalBytes` would write for them,
/// collecting the top-level `seq` and `type` and the blob references (``BlobReferences``) on the way.
///
/// It is the verifier's fast path and deliberately narrow: it accepts only bodies it can prove canonical
/// without building a tree (an object at the top; keys plain ASCII without escapes, strictly increasing by
/// byte; strings with exactly the escapes the serializer writes and well-formed UTF-8; integers in canonical
/// `Int64` form; nesting at most ``maximumDepth``; well-formed blob references). For anything else it answers
/// nil and the caller takes the reference path (parse, re-serialise, compare), which names the problem. So an
/// answer is always one the reference path would agree with; tests check that over many bodies.
struct CanonicalBodyScanner {
    /// What the scan found in a canonical body.
    struct Summary: Equatable {
        /// The top-level `seq` member when it is an integer, else nil.
        var seq: Int64?
        /// The byte range of the top-level `type` string's contents when it is a string without escapes.
        var type: Range<Int>?
        /// The byte ranges of the referenced hashes (64 lowercase hex digits each), in body order.
        var references: [Range<Int>] = []
    }

    /// Deeper nesting is left to the reference path (whose limit is larger).
    static let maximumDepth = 128

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var summary = Summary()

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The summary of `body` when it is provably canonical with well-formed blob references, else nil.
    static func scan(_ body: UnsafeRawBufferPointer) -> Summary? {
        var scanner = CanonicalBodyScanner(bytes: body)
        guard scanner.index < body.count, body[0] == Byte.openBrace else { return nil }
        guard scanner.object(depth: 1, top: true), scanner.index == body.count else { return nil }
        return scanner.summary
    }

    /// The summary of `body` (see ``scan(_:)-(UnsafeRawBufferPointer)``).
    static func scan(_ body: [UInt8]) -> Summary? {
        body.withUnsafeBytes { scan($0) }
    }

    // MARK: - Grammar

    private mutating func value(depth: Int) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case Byte.quote: return string() != nil
        case Byte.openBrace: return object(depth: depth + 1, top: false)
        case Byte.openBracket: return array(depth: depth + 1)
        case Byte.n: return literal(Byte.null, length: 4)
        case Byte.t: return literal(Byte.true, length: 4)
        case Byte.f: return literal(Byte.false, length: 5)
        case Byte.minus, Byte.zero...Byte.nine: return integer() != nil
        default: return false
        }
    }

    /// `null`, `true` or `false`: `length` bytes whose little-endian value is `text` (`false` is 5 bytes).
    private mutating func literal(_ text: UInt64, length: Int) -> Bool {
        guard bytes.count - index >= length, let base = bytes.baseAddress else { return false }
        var word: UInt64 = 0
        for offset in 0..<length {
            word |= UInt64(base.load(fromByteOffset: index + offset, as: UInt8.self)) << (8 * offset)
        }
        guard word == text else { return false }
        index += length
        return true
    }

    private mutating func array(depth: Int) -> Bool {
        guard depth <= Self.maximumDepth else { return false }
        index += 1
        if index < bytes.count, bytes[index] == Byte.closeBracket {
            index += 1
            return true
        }
        while true {
            guard value(depth: depth), index < bytes.count else { return false }
            let next = bytes[index]
            index += 1
            if next == Byte.closeBracket { return true }
            guard next == Byte.comma else { return false }
        }
    }

    private mutating func object(depth: Int, top: Bool) -> Bool {
        guard depth <= Self.maximumDepth else { return false }
        index += 1
        if index < bytes.count, bytes[index] == Byte.closeBrace {
            index += 1
            return true
        }
        var previousKey: Range<Int>? = nil
        while true {
            guard let key = plainKey(after: previousKey), index < bytes.count, bytes[index] == Byte.colon else {
                return false
            }
            index += 1
            previousKey = key
            if endsWithReferenceSuffix(key) {
                guard reference() else { return false }
            } else if top, matches(key, Byte.seqKey) {
                guard index < bytes.count else { return false }
                if bytes[index] == Byte.minus || (Byte.zero...Byte.nine).contains(bytes[index]) {
                    guard let number = integer() else { return false }
                    summary.seq = number
                } else {
                    guard value(depth: depth) else { return false }
                }
            } else if top, matches(key, Byte.typeKey) {
                guard index < bytes.count else { return false }
                if bytes[index] == Byte.quote {
                    guard let contents = string() else { return false }
                    summary.type = contents.escaped ? nil : contents.range
                } else {
                    guard value(depth: depth) else { return false }
                }
            } else {
                guard value(depth: depth) else { return false }
            }
            guard index < bytes.count else { return false }
            let next = bytes[index]
            index += 1
            if next == Byte.closeBrace { return true }
            guard next == Byte.comma else { return false }
        }
    }

    /// A key of printable ASCII without escapes that sorts strictly after `previous`; the cursor ends after it.
    private mutating func plainKey(after previous: Range<Int>?) -> Range<Int>? {
        guard index < bytes.count, bytes[index] == Byte.quote else { return nil }
        let start = index + 1
        guard let end = plainRun(from: start), end < bytes.count, bytes[end] == Byte.quote else { return nil }
        index = end + 1
        let key = start..<end
        if let previous, !precedes(previous, key) { return nil }
        return key
    }

    /// The end of the run of plain bytes (printable ASCII other than `"` and `\`) starting at `start`.
    private func plainRun(from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var position = start
        while count - position >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let special = Self.specialBytes(word)
            if special != 0 { return position + special.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < count {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            guard byte >= 0x20, byte < 0x80, byte != Byte.quote, byte != Byte.backslash else { return position }
            position += 1
        }
        return position
    }

    /// The high bit of each of the eight bytes (first byte lowest) that is below 0x20, 0x80 or above, `"` or `\`.
    /// A byte after a marked one may be marked falsely (a borrow runs upward), never one before it, so the lowest
    /// mark is exactly the first special byte; and every special byte is marked.
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below = (word &- ones &* 0x20) & ~word
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (word | below | quote | backslash) & highs
    }

    /// A blob reference value: null, a hash, or an array of hashes. Anything else is left to the reference path.
    private mutating func reference() -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case Byte.n:
            return literal(Byte.null, length: 4)
        case Byte.quote:
            return hash()
        case Byte.openBracket:
            index += 1
            if index < bytes.count, bytes[index] == Byte.closeBracket {
                index += 1
                return true
            }
            while true {
                guard hash(), index < bytes.count else { return false }
                let next = bytes[index]
                index += 1
                if next == Byte.closeBracket { return true }
                guard next == Byte.comma else { return false }
            }
        default:
            return false
        }
    }

    /// A string of exactly 64 lowercase hex digits, recorded as a reference.
    private mutating func hash() -> Bool {
        guard bytes.count - index >= 66, bytes[index] == Byte.quote, bytes[index + 65] == Byte.quote else {
            return false
        }
        for offset in 1...64 {
            let byte = bytes[index + offset]
            guard (Byte.zero...Byte.nine).contains(byte) || (Byte.a...Byte.f).contains(byte) else { return false }
        }
        summary.references.append(index + 1..<index + 65)
        index += 66
        return true
    }

    /// A canonical integer (`0`, or an optional `-` and digits without a leading zero) that fits `Int64`.
    private mutating func integer() -> Int64? {
        var negative = false
        if bytes[index] == Byte.minus {
            negative = true
            index += 1
        }
        guard index < bytes.count, (Byte.zero...Byte.nine).contains(bytes[index]) else { return nil }
        if bytes[index] == Byte.zero {
            index += 1
            // "-0" is written "0"; "01" is written "1".
            guard !negative, index >= bytes.count || !(Byte.zero...Byte.nine).contains(bytes[index]) else {
                return nil
            }
            return 0
        }
        var magnitude: UInt64 = 0
        while index < bytes.count, (Byte.zero...Byte.nine).contains(bytes[index]) {
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[index] - Byte.zero))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// A canonically escaped, well-formed UTF-8 string: its contents' range and whether it holds escapes.
    private mutating func string() -> (range: Range<Int>, escaped: Bool)? {
        let start = index + 1
        var escaped = false
        index = start
        while true {
            guard let end = plainRun(from: index), end < bytes.count else { return nil }
            index = end
            switch bytes[end] {
            case Byte.quote:
                index += 1
                return (start..<end, escaped)
            case Byte.backslash:
                guard escape() else { return nil }
                escaped = true
            case 0x80...:
                guard scalar() else { return nil }
            default:
                return nil
            }
        }
    }

    /// One escape exactly as the serializer writes it: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, or `\u00xx`
    /// (lowercase) for the other control characters.
    private mutating func escape() -> Bool {
        guard index + 1 < bytes.count else { return false }
        switch bytes[index + 1] {
        case Byte.quote, Byte.backslash, Byte.n, Byte.r, Byte.t, Byte.b, Byte.f:
            index += 2
            return true
        case Byte.u:
            guard bytes.count - index >= 6, bytes[index + 2] == Byte.zero, bytes[index + 3] == Byte.zero else {
                return false
            }
            let high = bytes[index + 4]
            let low = bytes[index + 5]
            guard high == Byte.zero || high == Byte.zero + 1 else { return false }
            let lowValue: UInt8
            switch low {
            case Byte.zero...Byte.nine: lowValue = low - Byte.zero
            case Byte.a...Byte.f: lowValue = low - Byte.a + 10
            default: return false
            }
            let code = (high - Byte.zero) << 4 | lowValue
            // These have short escapes, which the serializer uses instead.
            guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code) else { return false }
            index += 6
            return true
        default:
            return false
        }
    }

    /// One well-formed UTF-8 sequence of two to four bytes (Unicode Table 3-7) starting at the cursor.
    private mutating func scalar() -> Bool {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: return false
        }
        guard bytes.count - index >= length, secondRange.contains(bytes[index + 1]) else { return false }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return false }
        index += length
        return true
    }

    // MARK: - Byte ranges

    private func precedes(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
        let common = min(left.count, right.count)
        for offset in 0..<common {
            let a = bytes[left.lowerBound + offset]
            let b = bytes[right.lowerBound + offset]
            if a != b { return a < b }
        }
        return left.count < right.count
    }

    private func matches(_ range: Range<Int>, _ text: [UInt8]) -> Bool {
        guard range.count == text.count else { return false }
        for offset in 0..<text.count where bytes[range.lowerBound + offset] != text[offset] { return false }
        return true
    }

    /// Whether the key ends in `_sha256`: the seven bytes before the closing quote, read with it as one word.
    private func endsWithReferenceSuffix(_ key: Range<Int>) -> Bool {
        guard key.count >= 7, let base = bytes.baseAddress else { return false }
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: key.upperBound - 7, as: UInt64.self))
        return word == Byte.referenceSuffixAndQuote
    }

    private enum Byte {
        static let quote = UInt8(ascii: "\"")
        static let backslash = UInt8(ascii: "\\")
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
        static let colon = UInt8(ascii: ":")
        static let comma = UInt8(ascii: ",")
        static let minus = UInt8(ascii: "-")
        static let zero = UInt8(ascii: "0")
        static let nine = UInt8(ascii: "9")
        static let a = UInt8(ascii: "a")
        static let b = UInt8(ascii: "b")
        static let f = UInt8(ascii: "f")
        static let n = UInt8(ascii: "n")
        static let r = UInt8(ascii: "r")
        static let t = UInt8(ascii: "t")
        static let u = UInt8(ascii: "u")
        /// `null`, `true`, `false` as little-endian words.
        static let null: UInt64 = 0x6C6C_756E
        static let `true`: UInt64 = 0x6575_7274
        static let `false`: UInt64 = 0x65_736C_6166
        static let seqKey = Array("seq".utf8)
        static let typeKey = Array("type".utf8)
        /// `_sha256"` (``BlobReferences/keySuffix`` and the key's closing quote) as a little-endian word.
        static let referenceSuffixAndQuote: UInt64 = 0x2236_3532_6168_735F
    }
}
