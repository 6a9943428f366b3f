import Foundation
import TenderScoring

/// An ordered JSON tree written pretty-printed (two spaces, keys in the order given, exact decimal numbers).
///
/// Used where a format needs JSON numbers that are not integers (OCDS amounts), which canonical `JSONValue`
/// writes as strings.
indirect enum JSONDocument: Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONDocument])
    case object([(String, JSONDocument)])

    static func optional(_ text: String?) -> JSONDocument {
        text.map { .string($0) } ?? .null
    }

    /// The text, ending with a newline.
    var text: String {
        var out = ""
        write(indent: 0, into: &out)
        return out + "\n"
    }

    /// The UTF-8 bytes of ``text``.
    var bytes: [UInt8] { Array(text.utf8) }

    private func write(indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += DecimalText.exact(number)
        case .string(let text): out += JSONValue.string(text).canonicalString
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                item.write(indent: indent + 1, into: &out)
                out += index < items.count - 1 ? ",\n" : "\n"
            }
            out += closing + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += pad + JSONValue.string(member.0).canonicalString + ": "
                member.1.write(indent: indent + 1, into: &out)
                out += index < members.count - 1 ? ",\n" : "\n"
            }
            out += closing + "}"
        }
    }
}
