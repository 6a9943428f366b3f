/// The top-level members of an entry body in canonical JSON, as byte ranges, found without building a tree.
///
/// Replay compares a recorded result with the replayed one byte for byte: the result of a procurement of 10,000
/// tenders is tens of megabytes of JSON and several times that as a tree, and the rest of the body is small. So
/// the body is split here, the rest parsed as usual, and the result's bytes compared as they are. Anything this
/// does not follow (not an object, a key with an escape) gives nil, and the caller parses the whole body.
struct BodyMembers {
    /// Each member's key and the byte range of its value, in body order.
    let members: [(key: String, value: Range<Int>)]
    let bytes: [UInt8]

    init?(_ bytes: [UInt8]) {
        var members: [(key: String, value: Range<Int>)] = []
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        var index = 1
        if bytes.count == 2, bytes[1] == UInt8(ascii: "}") {
            self.members = []
            self.bytes = bytes
            return
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\"") else { return nil }
            let keyStart = index + 1
            var keyEnd = keyStart
            while keyEnd < bytes.count, bytes[keyEnd] != UInt8(ascii: "\"") {
                guard bytes[keyEnd] != UInt8(ascii: "\\") else { return nil }
                keyEnd += 1
            }
            guard keyEnd + 1 < bytes.count, bytes[keyEnd + 1] == UInt8(ascii: ":") else { return nil }
            let valueStart = keyEnd + 2
            guard let valueEnd = Self.end(of: bytes, at: valueStart) else { return nil }
            members.append((String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self), valueStart..<valueEnd))
            guard valueEnd < bytes.count else { return nil }
            if bytes[valueEnd] == UInt8(ascii: "}") {
                guard valueEnd == bytes.count - 1 else { return nil }
                self.members = members
                self.bytes = bytes
                return
            }
            guard bytes[valueEnd] == UInt8(ascii: ",") else { return nil }
            index = valueEnd + 1
        }
        return nil
    }

    /// The bytes of the value of `key`, if the body has it.
    func value(_ key: String) -> ArraySlice<UInt8>? {
        members.first { $0.key == key }.map { bytes[$0.value] }
    }

    /// The body without the member `key`, as canonical JSON (still canonical: the others keep their order).
    func without(_ key: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for member in members where member.key != key {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: member.key.utf8)
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            out.append(contentsOf: bytes[member.value])
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The index just after the JSON value starting at `start` (canonical: no whitespace), or nil.
    private static func end(of bytes: [UInt8], at start: Int) -> Int? {
        var index = start
        var depth = 0
        repeat {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return nil }
                depth -= 1
                index += 1
            default:
                index += 1
            }
        } while depth > 0
            || (index < bytes.count && bytes[index] != UInt8(ascii: ",") && bytes[index] != UInt8(ascii: "}"))
        return index <= bytes.count ? index : nil
    }
}
