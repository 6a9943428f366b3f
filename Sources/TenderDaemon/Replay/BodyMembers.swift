/// The top-level members of an entry body in canonical JSON, as byte ranges, found in one forward pass without
/// building a tree, reading the body a window at a time.
///
/// Replay compares a recorded result with the replayed one byte for byte: the result of a procurement of 10,000
/// tenders is tens of megabytes of JSON and several times that as a tree, and the rest of the body is small. So
/// the body is split here, the rest parsed as usual, and the result's bytes compared as they are, read from the
/// ledger a piece at a time. Anything this does not follow (not an object, a key with an escape, an empty value)
/// gives nil, and the caller parses the whole body.
///
/// ```swift
/// let members = BodyMembers(count: body.count) { Array(body[$0]) }
/// let rest = members?.without("result") { Array(body[$0]) }
/// ```
struct BodyMembers {
    /// Each member's key and the byte range of its value, in body order.
    let members: [(key: String, value: Range<Int>)]

    /// Splits a body of `count` bytes that `read` reads (any range; nil when it cannot), `window` bytes at a time.
    init?(count: Int, window: Int = 1 << 16, read: (Range<Int>) -> [UInt8]?) {
        var splitter = Splitter()
        var offset = 0
        while offset < count {
            guard let piece = read(offset..<min(count, offset + window)), !piece.isEmpty else { return nil }
            guard splitter.feed(piece, at: offset) else { return nil }
            offset += piece.count
        }
        guard splitter.phase == .done else { return nil }
        members = splitter.members
    }

    /// The byte range of the value of `key`, if the body has it.
    func range(of key: String) -> Range<Int>? {
        members.first { $0.key == key }?.value
    }

    /// The body without the member `key`, as canonical JSON (still canonical: the others keep their order), each
    /// other member's value read with `read`; nil when a read fails.
    func without(_ key: String, read: (Range<Int>) -> [UInt8]?) -> [UInt8]? {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for member in members where member.key != key {
            guard let value = read(member.value) else { return nil }
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: member.key.utf8)
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            out.append(contentsOf: value)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Where the scan of a canonical object is, fed its bytes in order.
    private struct Splitter {
        enum Phase { case opening, firstKey, key, keyText, colon, value, done }
        var phase = Phase.opening
        var members: [(key: String, value: Range<Int>)] = []
        /// The bytes of the key being read.
        var key: [UInt8] = []
        /// Where the value being scanned starts.
        var valueStart = 0
        /// How deep the value being scanned is nested.
        var depth = 0
        /// Whether the scan is inside a string, and just after a backslash in it.
        var inString = false
        var escaped = false

        /// Scans `piece`, the body's bytes from `offset`; false at the first byte that does not follow.
        mutating func feed(_ piece: [UInt8], at offset: Int) -> Bool {
            for (index, byte) in piece.enumerated() {
                switch phase {
                case .opening:
                    guard byte == UInt8(ascii: "{") else { return false }
                    phase = .firstKey
                case .firstKey, .key:
                    if phase == .firstKey, byte == UInt8(ascii: "}") {
                        phase = .done
                    } else {
                        guard byte == UInt8(ascii: "\"") else { return false }
                        key.removeAll(keepingCapacity: true)
                        phase = .keyText
                    }
                case .keyText:
                    if byte == UInt8(ascii: "\"") {
                        phase = .colon
                    } else {
                        guard byte != UInt8(ascii: "\\") else { return false }
                        key.append(byte)
                    }
                case .colon:
                    guard byte == UInt8(ascii: ":") else { return false }
                    (phase, valueStart, depth, inString, escaped) = (.value, offset + index + 1, 0, false, false)
                case .value:
                    guard value(byte, at: offset + index) else { return false }
                case .done:
                    return false
                }
            }
            return true
        }

        /// Scans one byte of a member's value, at `position`; at the value's end, records the member.
        private mutating func value(_ byte: UInt8, at position: Int) -> Bool {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                return true
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
                if depth > 0 {
                    if byte != UInt8(ascii: ",") { depth -= 1 }
                    return true
                }
                // The end of the value: the next member, or the end of the body.
                guard byte != UInt8(ascii: "]"), position > valueStart else { return false }
                members.append((String(decoding: key, as: UTF8.self), valueStart..<position))
                phase = byte == UInt8(ascii: ",") ? .key : .done
            default: break
            }
            return true
        }
    }
}
