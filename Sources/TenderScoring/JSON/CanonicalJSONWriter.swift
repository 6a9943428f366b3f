public import Foundation

/// Writes canonical JSON (as ``JSONValue/canonicalBytes``) straight to bytes, without building a tree: for hot
/// paths such as the arrival explanation the daemon records for every submission.
///
/// Object members must come in canonical key order (UTF-8 byte order); debug builds stop at the first key
/// that does not, so a layout's tests catch a misordered key. Keys and strings are escaped exactly as
/// ``JSONValue`` escapes them.
///
/// ```swift
/// var writer = CanonicalJSONWriter()
/// writer.object { $0.member("a") { $0.string("x") }; $0.member("b") { $0.integer(1) } }
/// writer.bytes  // {"a":"x","b":1}
/// ```
public struct CanonicalJSONWriter: JSONSink {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []
    /// Whether nothing has been written yet in the innermost open container.
    private var first = true
    /// Whether a key was just written, so the next value is its value (no comma before it).
    private var afterKey = false
    #if DEBUG
        /// The last key written in each open object (nil before its first), innermost last.
        private var openKeys: [[UInt8]?] = []
    #endif

    /// Where a draining writer hands what it has written (see ``init(chunk:drain:)``).
    private var drain: (([UInt8]) -> Void)?
    /// How many bytes a draining writer holds before it hands them on.
    private var chunk = Int.max

    /// A writer whose buffer starts with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer that hands what it has written to `drain` whenever it holds `chunk` bytes or more, and the rest
    /// from ``finish()``: a document of any size is written in about `chunk` bytes of memory, in the same pieces
    /// whatever the machine.
    public init(chunk: Int, drain: @escaping ([UInt8]) -> Void) {
        self.chunk = chunk
        self.drain = drain
        // Room for a small document at once; a large one grows the buffer to about a chunk, then reuses it.
        bytes.reserveCapacity(min(chunk * 2, 1 << 16))
    }

    /// Hands a draining writer's last bytes to its `drain`.
    public mutating func finish() {
        guard let drain, !bytes.isEmpty else { return }
        drain(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func drainIfFull() {
        if bytes.count >= chunk { finish() }
    }

    public mutating func null() {
        value(.null)
    }

    public mutating func bool(_ value: Bool) {
        self.value(.bool(value))
    }

    public mutating func integer(_ value: Int64) {
        separate()
        JSONValue.writeInteger(value, into: &bytes)
    }

    public mutating func string(_ value: String) {
        separate()
        JSONValue.writeString(value, into: &bytes)
    }

    public mutating func decimal(_ value: Decimal) {
        separate()
        // Decimal text never needs an escape.
        bytes.append(UInt8(ascii: "\""))
        DecimalText.writeExact(value, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func value(_ value: JSONValue) {
        separate()
        value.write(into: &bytes)
    }

    public mutating func array(_ items: (inout Self) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        first = true
        items(&self)
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    public mutating func object(_ members: (inout Self) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first = true
        #if DEBUG
            openKeys.append(nil)
        #endif
        members(&self)
        #if DEBUG
            assert(!afterKey, "a key was written without a value")
            openKeys.removeLast()
        #endif
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    public mutating func key(_ key: String) {
        #if DEBUG
            assert(!openKeys.isEmpty && !afterKey, "key '\(key)' written outside an object or after another key")
            let keyBytes = Array(key.utf8)
            if let previous = openKeys[openKeys.count - 1] {
                assert(
                    previous.lexicographicallyPrecedes(keyBytes),
                    "key '\(key)' comes after '\(String(decoding: previous, as: UTF8.self))': "
                        + "write members in canonical (UTF-8 byte) order")
            }
            openKeys[openKeys.count - 1] = keyBytes
        #endif
        drainIfFull()
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONValue.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes the comma before an array item (a member's value follows its key directly).
    private mutating func separate() {
        drainIfFull()
        if afterKey {
            afterKey = false
            return
        }
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }
}
