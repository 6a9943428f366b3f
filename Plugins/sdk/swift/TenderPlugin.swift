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

    // The scanning loops below read through the buffer's base address with wrapping arithmetic: indices stay
    // within 0...count by the loop conditions, and the interpreter runs each overflow check and bounds check as
    // instructions of its own.

    static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        guard let base = bytes.baseAddress else { return index }
        var i = index
        while i < bytes.count {
            let c = base[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
            i &+= 1
        }
        return i
    }

    var first: UInt8 { start < bytes.count ? bytes[start] : 0 }

    /// The index just after the string starting at `index`.
    func endOfString(_ index: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = index &+ 1
        while i < count {
            let c = base[i]
            if c == 0x22 { return i &+ 1 }
            i &+= c == 0x5C ? 2 : 1
        }
        return nil
    }

    /// The index just after this value.
    func end() -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        switch first {
        case 0x22: return endOfString(start)
        case 0x7B, 0x5B:
            var depth = 0
            var i = start
            while i < count {
                let c = base[i]
                if c == 0x22 {
                    guard let after = endOfString(i) else { return nil }
                    i = after
                    continue
                }
                if c == 0x7B || c == 0x5B { depth &+= 1 }
                if c == 0x7D || c == 0x5D {
                    depth &-= 1
                    if depth == 0 { return i &+ 1 }
                }
                i &+= 1
            }
            return nil
        default:
            var i = start
            while i < count {
                let c = base[i]
                if c == 0x2C || c == 0x7D || c == 0x5D || c <= 0x20 { break }
                i &+= 1
            }
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

    /// Calls `body` with each member's raw key and value, in order, reading the object once (where looking up
    /// several keys one by one would read it from the start for each). Nothing is called when this is not an
    /// object.
    public func forEachMember(_ body: (_ key: UnsafeBufferPointer<UInt8>, _ value: JSONView) -> Void) {
        guard first == 0x7B else { return }
        var i = JSONView.skipSpace(bytes, start + 1)
        while i < bytes.count, bytes[i] == 0x22 {
            guard let afterKey = endOfString(i) else { return }
            let key = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<(afterKey - 1)])
            i = JSONView.skipSpace(bytes, afterKey)
            guard i < bytes.count, bytes[i] == 0x3A else { return }
            let value = JSONView(bytes: bytes, start: JSONView.skipSpace(bytes, i + 1))
            body(key, value)
            guard let after = value.end() else { return }
            i = JSONView.skipSpace(bytes, after)
            if i < bytes.count, bytes[i] == 0x2C { i = JSONView.skipSpace(bytes, i + 1) }
        }
    }

    /// Whether a raw key from ``forEachMember(_:)`` is `name`.
    public static func key(_ raw: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        guard raw.count == name.utf8CodeUnitCount else { return false }
        let text = name.utf8Start
        for index in 0..<raw.count where raw[index] != text[index] { return false }
        return true
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

/// Bytes appended at the end of a buffer that grows by doubling. Memory is never freed: an instance's memory is put
/// back as it was after every call.
struct ByteBuffer {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + extra)
        grown.update(from: base, count: count)
        base = grown
        capacity = capacity * 2 + extra
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// Builds the output JSON. Text is escaped as it is appended. Not copyable: it owns the buffer it writes into, and
/// a copy would write into the same memory.
public struct PluginOutput: ~Copyable {
    var explanation = ByteBuffer(capacity: 512)
    /// The flags, each escaped and quoted, separated by commas.
    var flags = ByteBuffer(capacity: 64)

    public init() {}

    /// Appends text to the explanation (or reason).
    public mutating func text(_ text: StaticString) {
        Self.escape(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), into: &explanation)
    }

    /// Appends raw JSON string contents read from the input (already escaped), cut to at most `limit` bytes.
    public mutating func quote(_ raw: UnsafeBufferPointer<UInt8>, limit: Int = 120) {
        guard raw.count > limit else { return explanation.append(raw) }
        var cut = 0
        var i = 0
        while i < limit {
            var step = 1
            if raw[i] == 0x5C { step = raw[i + 1] == 0x75 ? 6 : 2 } else if raw[i] >= 0xF0 { step = 4 } else if raw[i] >= 0xE0 { step = 3 } else if raw[i] >= 0xC0 { step = 2 }
            if i + step > limit { break }
            i += step
            cut = i
        }
        explanation.append(UnsafeBufferPointer(rebasing: raw[0..<cut]))
        explanation.append("\u{2026}")
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
        if flags.count > 0 { flags.append(0x2C) }
        flags.append(0x22)
        Self.escape(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), into: &flags)
        flags.append(0x22)
    }

    /// The score output, packed for the ABI as (pointer << 32) | length.
    public func score(fraction: Int64, places: Int) -> UInt64 {
        var out = ByteBuffer(capacity: explanation.count + flags.count + 64)
        out.append(#"{"fraction":""#)
        Self.writeFixed(fraction, places: places, into: &out)
        out.append(#"","explanation":""#)
        out.append(explanation.bytes)
        out.append(#"","flags":["#)
        out.append(flags.bytes)
        out.append("]}")
        return Self.packed(out)
    }

    /// The gate output, packed for the ABI.
    public func gate(pass: Bool) -> UInt64 {
        var out = ByteBuffer(capacity: explanation.count + 32)
        out.append(pass ? #"{"pass":true,"reason":""# : #"{"pass":false,"reason":""#)
        out.append(explanation.bytes)
        out.append(#""}"#)
        return Self.packed(out)
    }

    /// Packs the output's address and length.
    static func packed(_ out: ByteBuffer) -> UInt64 {
        UInt64(UInt(bitPattern: out.base)) << 32 | UInt64(out.count)
    }

    /// Appends `text` escaped for a JSON string: runs of bytes that need no escape are copied whole.
    static func escape(_ text: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) {
        guard let base = text.baseAddress else { return }
        let hex: StaticString = "0123456789abcdef"
        let count = text.count
        var run = 0
        var i = 0
        while i < count {
            let c = base[i]
            if c != 0x22, c != 0x5C, c >= 0x20 {
                i &+= 1
                continue
            }
            out.append(UnsafeBufferPointer(start: base + run, count: i &- run))
            out.append(0x5C)
            if c == 0x22 || c == 0x5C {
                out.append(c)
            } else {
                out.append(0x75)
                out.append(0x30)
                out.append(0x30)
                out.append(hex.utf8Start[Int(c >> 4)])
                out.append(hex.utf8Start[Int(c & 15)])
            }
            i &+= 1
            run = i
        }
        out.append(UnsafeBufferPointer(start: base + run, count: count &- run))
    }

    static func writeInteger(_ value: Int64, into out: inout ByteBuffer) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt64 = 10
        while digits < 20, magnitude >= scale {
            digits += 1
            if digits < 20 { scale &*= 10 }
        }
        out.reserve(digits)
        var index = out.count + digits
        out.count = index
        repeat {
            index -= 1
            out.base[index] = UInt8(magnitude % 10) + 0x30
            magnitude /= 10
        } while magnitude > 0
    }

    static func writeFixed(_ value: Int64, places: Int, into out: inout ByteBuffer) {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        if value < 0 { out.append(0x2D) }
        let magnitude = Int64(value.magnitude)
        writeInteger(magnitude / scale, into: &out)
        var fraction = magnitude % scale
        guard fraction > 0 else { return }
        var kept = places
        while fraction % 10 == 0 {
            fraction /= 10
            kept -= 1
        }
        out.append(0x2E)
        out.reserve(kept)
        var index = out.count + kept
        out.count = index
        for _ in 0..<kept {
            index -= 1
            out.base[index] = UInt8(fraction % 10) + 0x30
            fraction /= 10
        }
    }
}
