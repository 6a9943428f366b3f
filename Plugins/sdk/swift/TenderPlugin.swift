// tender plugin SDK for Embedded Swift (no Foundation, no Codable). Compile it together with the plugin:
//
//   @_cdecl("evaluate")
//   public func evaluate(_ pointer: UInt32, _ length: UInt32) -> UInt64 {
//       let input = PluginInput(pointer: pointer, length: length)
//       let trl = input.root.path("submission.innovation.trl")?.decimal(places: 0) ?? 0
//       var out = PluginOutput()
//       out.text("TRL ")
//       out.integer(trl)
//       return out.score(fraction: trl >= 6 ? 1_000_000 : 0, places: 6)
//   }
//
// Numbers are fixed point: an Int64 and a count of decimal places. No floating point, so results are exact
// and deterministic.

/// The input JSON the host passed to `evaluate`.
public struct PluginInput {
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(pointer: UInt32, length: UInt32) {
        bytes = UnsafeBufferPointer(start: UnsafePointer(bitPattern: UInt(pointer)), count: Int(length))
    }

    /// The top-level object: `{"config": …, "submission": …}`.
    public var root: JSONView { JSONView(bytes: bytes, start: JSONView.skipSpace(bytes, 0)) }
}

/// A view of one JSON value inside the input.
public struct JSONView {
    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int

    static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        var i = index
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i
    }

    var first: UInt8 { start < bytes.count ? bytes[start] : 0 }

    /// The index just after the string starting at `index`.
    func endOfString(_ index: Int) -> Int? {
        var i = index + 1
        while i < bytes.count {
            if bytes[i] == 0x5C { i += 2; continue }
            if bytes[i] == 0x22 { return i + 1 }
            i += 1
        }
        return nil
    }

    /// The index just after this value.
    func end() -> Int? {
        switch first {
        case 0x22: return endOfString(start)
        case 0x7B, 0x5B:
            var depth = 0
            var i = start
            while i < bytes.count {
                let c = bytes[i]
                if c == 0x22 {
                    guard let after = endOfString(i) else { return nil }
                    i = after
                    continue
                }
                if c == 0x7B || c == 0x5B { depth += 1 }
                if c == 0x7D || c == 0x5D {
                    depth -= 1
                    if depth == 0 { return i + 1 }
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < bytes.count, bytes[i] != 0x2C, bytes[i] != 0x7D, bytes[i] != 0x5D, bytes[i] > 0x20 { i += 1 }
            return i
        }
    }

    /// The member `key` of an object.
    public subscript(key: StaticString) -> JSONView? {
        member(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    /// The elements of an array (empty when this is not an array).
    public var elements: [JSONView] {
        guard first == 0x5B else { return [] }
        var items: [JSONView] = []
        var i = JSONView.skipSpace(bytes, start + 1)
        while i < bytes.count, bytes[i] != 0x5D {
            let item = JSONView(bytes: bytes, start: i)
            items.append(item)
            guard let after = item.end() else { return items }
            i = JSONView.skipSpace(bytes, after)
            if i < bytes.count, bytes[i] == 0x2C { i = JSONView.skipSpace(bytes, i + 1) }
        }
        return items
    }

    /// `true` or `false`, else `nil`.
    public var bool: Bool? {
        if first == 0x74 { return true }
        if first == 0x66 { return false }
        return nil
    }

    /// The raw bytes of a string value (escapes kept, as JSON text), else `nil`.
    public var rawString: UnsafeBufferPointer<UInt8>? {
        guard first == 0x22, let after = endOfString(start) else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(after - 1)])
    }

    /// Whether this is a string with at least one non-space character.
    public var isNonEmptyString: Bool {
        guard let raw = rawString else { return false }
        return raw.contains { $0 > 0x20 }
    }

    /// A number or decimal string ("12.5") as fixed point with `places` decimals (extra digits truncated).
    public func decimal(places: Int) -> Int64? {
        var digits: UnsafeBufferPointer<UInt8>
        if let raw = rawString {
            digits = raw
        } else {
            guard let after = end(), after > start else { return nil }
            digits = UnsafeBufferPointer(rebasing: bytes[start..<after])
        }
        var value: Int64 = 0
        var negative = false
        var fraction = -1
        var count = 0
        for (index, c) in digits.enumerated() {
            if c == 0x2D, index == 0 { negative = true; continue }
            if c == 0x2E, fraction < 0 { fraction = 0; continue }
            guard c >= 0x30, c <= 0x39 else { return nil }
            if fraction >= places { continue }
            count += 1
            guard count <= 17 else { return nil }
            value = value * 10 + Int64(c - 0x30)
            if fraction >= 0 { fraction += 1 }
        }
        guard count > 0 else { return nil }
        for _ in max(fraction, 0)..<places { value *= 10 }
        return negative ? -value : value
    }

    /// The value at a dotted path of object keys.
    public func path(_ path: StaticString) -> JSONView? {
        var current: JSONView? = self
        var keyStart = 0
        let text = UnsafeBufferPointer(start: path.utf8Start, count: path.utf8CodeUnitCount)
        for index in 0...text.count where index == text.count || text[index] == 0x2E {
            current = current?.member(UnsafeBufferPointer(rebasing: text[keyStart..<index]))
            keyStart = index + 1
        }
        return current
    }

    func member(_ key: UnsafeBufferPointer<UInt8>) -> JSONView? {
        guard first == 0x7B else { return nil }
        var i = JSONView.skipSpace(bytes, start + 1)
        while i < bytes.count, bytes[i] == 0x22 {
            guard let afterKey = endOfString(i) else { return nil }
            let matches = afterKey - i - 2 == key.count && (0..<key.count).allSatisfy { bytes[i + 1 + $0] == key[$0] }
            i = JSONView.skipSpace(bytes, afterKey)
            guard i < bytes.count, bytes[i] == 0x3A else { return nil }
            let value = JSONView(bytes: bytes, start: JSONView.skipSpace(bytes, i + 1))
            if matches { return value }
            guard let after = value.end() else { return nil }
            i = JSONView.skipSpace(bytes, after)
            if i < bytes.count, bytes[i] == 0x2C { i = JSONView.skipSpace(bytes, i + 1) }
        }
        return nil
    }
}

/// floor(a / b × 10^places) for a ≥ 0 and b > 0, by long division (no overflow for b < 9 × 10^17).
public func fixedRatio(_ a: Int64, _ b: Int64, places: Int) -> Int64 {
    var quotient = a / b
    var remainder = a % b
    for _ in 0..<places {
        quotient = quotient * 10 + (remainder * 10) / b
        remainder = (remainder * 10) % b
    }
    return quotient
}

/// Builds the output JSON. Text is escaped as it is appended.
public struct PluginOutput {
    var explanation: [UInt8] = []
    var flags: [[UInt8]] = []

    public init() {}

    /// Appends text to the explanation (or reason).
    public mutating func text(_ text: StaticString) {
        Self.escape(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), into: &explanation)
    }

    /// Appends raw JSON string contents read from the input (already escaped), cut to at most `limit` bytes.
    public mutating func quote(_ raw: UnsafeBufferPointer<UInt8>, limit: Int = 120) {
        guard raw.count > limit else { return explanation.append(contentsOf: raw) }
        var cut = 0
        var i = 0
        while i < limit {
            var step = 1
            if raw[i] == 0x5C { step = raw[i + 1] == 0x75 ? 6 : 2 } else if raw[i] >= 0xF0 { step = 4 } else if raw[i] >= 0xE0 { step = 3 } else if raw[i] >= 0xC0 { step = 2 }
            if i + step > limit { break }
            i += step
            cut = i
        }
        explanation.append(contentsOf: UnsafeBufferPointer(rebasing: raw[0..<cut]))
        explanation.append(contentsOf: [0xE2, 0x80, 0xA6])
    }

    public mutating func integer(_ value: Int64) {
        Self.writeInteger(value, into: &explanation)
    }

    /// Appends a fixed-point value, trailing zeros trimmed: fixed(750000, places: 6) → 0.75.
    public mutating func fixed(_ value: Int64, places: Int) {
        Self.writeFixed(value, places: places, into: &explanation)
    }

    /// Adds a flag for people to look at.
    public mutating func flag(_ text: StaticString) {
        var bytes: [UInt8] = []
        Self.escape(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), into: &bytes)
        flags.append(bytes)
    }

    /// The score output, packed for the ABI as (pointer << 32) | length.
    public func score(fraction: Int64, places: Int) -> UInt64 {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"fraction":""#.utf8)
        Self.writeFixed(fraction, places: places, into: &out)
        out.append(contentsOf: #"","explanation":""#.utf8)
        out.append(contentsOf: explanation)
        out.append(contentsOf: #"","flags":["#.utf8)
        for (index, flag) in flags.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(0x22)
            out.append(contentsOf: flag)
            out.append(0x22)
        }
        out.append(contentsOf: "]}".utf8)
        return Self.packed(out)
    }

    /// The gate output, packed for the ABI.
    public func gate(pass: Bool) -> UInt64 {
        var out: [UInt8] = []
        out.append(contentsOf: (pass ? #"{"pass":true,"reason":""# : #"{"pass":false,"reason":""#).utf8)
        out.append(contentsOf: explanation)
        out.append(contentsOf: #""}"#.utf8)
        return Self.packed(out)
    }

    /// Copies `bytes` into memory that is never freed (the instance is discarded after the call) and packs it.
    static func packed(_ bytes: [UInt8]) -> UInt64 {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        return UInt64(UInt(bitPattern: buffer)) << 32 | UInt64(bytes.count)
    }

    static func escape(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        for c in text {
            if c == 0x22 || c == 0x5C {
                out.append(0x5C)
                out.append(c)
            } else if c < 0x20 {
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex.utf8Start[Int(c >> 4)], hex.utf8Start[Int(c & 15)]])
            } else {
                out.append(c)
            }
        }
    }

    static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(magnitude % 10) + 0x30)
            magnitude /= 10
        } while magnitude > 0
        out.append(contentsOf: digits.reversed())
    }

    static func writeFixed(_ value: Int64, places: Int, into out: inout [UInt8]) {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        if value < 0 { out.append(0x2D) }
        let magnitude = Int64(value.magnitude)
        writeInteger(magnitude / scale, into: &out)
        var fraction = magnitude % scale
        guard fraction > 0 else { return }
        var digits = [UInt8](repeating: 0x30, count: places)
        for index in stride(from: places - 1, through: 0, by: -1) {
            digits[index] = UInt8(fraction % 10) + 0x30
            fraction /= 10
        }
        while digits.last == 0x30 { digits.removeLast() }
        out.append(0x2E)
        out.append(contentsOf: digits)
    }
}
