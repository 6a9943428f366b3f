import Foundation
import TenderScoring

/// Typed readers for YAML values, each reporting a precise error and returning `nil` on failure.
struct ValueReader {
    let diagnostics: DiagnosticCollector
    /// How many nodes a free-form value may expand to (aliases included) before it is refused.
    var nodeBudget: Int

    init(diagnostics: DiagnosticCollector, nodeBudget: Int = 200_000) {
        self.diagnostics = diagnostics
        self.nodeBudget = nodeBudget
    }

    func text(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.error(node, "\(what) must be text, found \(Fields.describe(node))")
            return nil
        }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            diagnostics.error(node, "\(what) must not be empty")
            return nil
        }
        return scalar.string
    }

    /// Letters and digits (any script) and `- _ . : /`.
    private static let identifierCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.:/"))

    /// Whether `value` is made only of ``identifierCharacters`` (ASCII decided without the character set).
    static func isIdentifier(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E, 0x3A, 0x2F: true
            case 0..<0x80: false
            default: identifierCharacters.contains(scalar)
            }
        }
    }

    func identifier(_ node: YAMLNode?, _ what: String) -> String? {
        guard let value = text(node, what) else { return nil }
        guard Self.isIdentifier(value) else {
            diagnostics.error(node, "\(what) '\(value)' may contain only letters, digits and - _ . : /")
            return nil
        }
        return value
    }

    func decimal(_ node: YAMLNode?, _ what: String, example: String = "40 or 12.5") -> Decimal? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, let value = DecimalText.parse(scalar.string) else {
            diagnostics.error(node, "\(what) must be a number such as \(example), found \(Fields.describe(node))")
            return nil
        }
        return value
    }

    func integer(_ node: YAMLNode?, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            diagnostics.error(node, "\(what) must be a whole number, found \(Fields.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            diagnostics.error(
                node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain,
            ["true", "false"].contains(scalar.string.lowercased())
        else {
            diagnostics.error(node, "\(what) must be true or false, found \(Fields.describe(node))")
            return nil
        }
        return scalar.string.lowercased() == "true"
    }

    func timestamp(_ node: YAMLNode?, _ what: String) -> Timestamp? {
        guard let node, let value = text(node, what) else { return nil }
        guard let instant = Timestamp(rfc3339: value) else {
            diagnostics.error(
                node,
                "\(what) must be an RFC 3339 date and time with a zone, such as 2026-12-01T12:00:00Z; found '\(value)'")
            return nil
        }
        return instant
    }

    /// A `YYYY-MM-DD` date that exists (30 February does not), as text.
    func date(_ node: YAMLNode?, _ what: String, example: String = "2026-12-02") -> String? {
        guard let node, let value = text(node, what) else { return nil }
        guard value.count == 10, Timestamp(rfc3339: value + "T00:00:00Z") != nil else {
            diagnostics.error(node, "\(what) must be a date such as \(example), found '\(value)'")
            return nil
        }
        return value
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode?, _ what: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let value = text(node, what) else { return nil }
        guard let choice = T(rawValue: value) else {
            let options = T.allCases.map(\.rawValue)
            let hint = Fields.closest(value, in: options).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error(node, "\(what) '\(value)' is not one of: \(options.joined(separator: ", "))\(hint)")
            return nil
        }
        return choice
    }

    func list(_ node: YAMLNode?, _ what: String) -> [YAMLNode]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else {
            diagnostics.error(node, "\(what) must be a list, found \(Fields.describe(node))")
            return nil
        }
        return Array(sequence)
    }

    func textList(_ node: YAMLNode?, _ what: String) -> [String]? {
        guard let items = list(node, what) else { return nil }
        let values = items.compactMap { text($0, "each entry of \(what)") }
        return values.count == items.count ? values : nil
    }

    /// A free-form value (answers, evidence…) as a tree. Plain scalars follow the YAML 1.2 core schema:
    /// `true`/`false`, `null`/`~`, and plain decimal numbers; everything else is text.
    func freeForm(_ node: YAMLNode) -> DocumentValue? {
        var budget = nodeBudget
        var stoppedAt: YAMLNode? = nil
        let value = convert(node, budget: &budget, depth: 0, stoppedAt: &stoppedAt)
        if budget < 0 {
            diagnostics.error(
                stoppedAt ?? node,
                "the document expands to more than \(nodeBudget) values through aliases (a YAML "
                    + "alias bomb?) or nests too deeply; documents must be plain data")
            return nil
        }
        return value
    }

    private func convert(_ node: YAMLNode, budget: inout Int, depth: Int, stoppedAt: inout YAMLNode?) -> DocumentValue {
        budget -= 1
        guard budget >= 0, depth < 64 else {
            budget = -1
            if stoppedAt == nil { stoppedAt = node }
            return .null
        }
        switch node {
        case .scalar(let scalar):
            return Self.scalarValue(scalar)
        case .sequence(let sequence):
            var items: [DocumentValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(convert(item, budget: &budget, depth: depth + 1, stoppedAt: &stoppedAt))
                if budget < 0 { return .null }
            }
            return .list(items)
        case .mapping(let mapping):
            var members: [String: DocumentValue] = [:]
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                members[key.scalar?.string ?? ""] = convert(
                    value, budget: &budget, depth: depth + 1, stoppedAt: &stoppedAt)
                if budget < 0 { return .null }
            }
            return .map(members)
        }
    }

    static func scalarValue(_ scalar: YAMLNode.Scalar) -> DocumentValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: return DecimalText.parse(scalar.string).map { .number($0) } ?? .string(scalar.string)
        }
    }
}
