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
    /// An array of `count` elements, each made by `element` only when it is written and let go once it is: a list of
    /// thousands of tenders (an OCDS package's parties and bids) is never held as a tree. Written as ``array(_:)``.
    case lazyArray(count: Int, element: @Sendable (Int) -> JSONDocument)
    case object([(String, JSONDocument)])

    static func optional(_ text: String?) -> JSONDocument {
        text.map { .string($0) } ?? .null
    }

    /// The text, ending with a newline.
    var text: String {
        var out = ""
        write(indent: 0, into: &out, flush: { _ in })
        return out + "\n"
    }

    /// The UTF-8 bytes of ``text``.
    var bytes: [UInt8] { Array(text.utf8) }

    /// ``text`` handed to `add` in parts of at least ``partSize`` bytes (the last may be shorter), each as soon as an
    /// array's element takes it past that size: only the part being written is held, with the element being made.
    func write(to add: (String) -> Void) {
        var out = ""
        write(indent: 0, into: &out) { out in
            guard out.utf8.count >= Self.partSize else { return }
            add(out)
            out = ""
        }
        add(out + "\n")
    }

    /// The least text ``write(to:)`` hands on at a time, but for the last part.
    static let partSize = 1 << 16

    /// Writes the document after `out`; `flush` is given `out` after each element of an array, to hand on what is
    /// written so far and empty it.
    private func write(indent: Int, into out: inout String, flush: (inout String) -> Void) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += DecimalText.exact(number)
        case .string(let text): out += JSONValue.string(text).canonicalString
        case .array(let items):
            Self.writeArray(count: items.count, { items[$0] }, indent: indent, into: &out, flush: flush)
        case .lazyArray(let count, let element):
            Self.writeArray(count: count, element, indent: indent, into: &out, flush: flush)
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += pad + JSONValue.string(member.0).canonicalString + ": "
                member.1.write(indent: indent + 1, into: &out, flush: flush)
                out += index < members.count - 1 ? ",\n" : "\n"
            }
            out += closing + "}"
        }
    }

    private static func writeArray(
        count: Int, _ element: (Int) -> JSONDocument, indent: Int, into out: inout String,
        flush: (inout String) -> Void
    ) {
        guard count > 0 else {
            out += "[]"
            return
        }
        let pad = String(repeating: "  ", count: indent + 1)
        out += "[\n"
        for index in 0..<count {
            out += pad
            element(index).write(indent: indent + 1, into: &out, flush: flush)
            out += index < count - 1 ? ",\n" : "\n"
            flush(&out)
        }
        out += String(repeating: "  ", count: indent) + "]"
    }
}
