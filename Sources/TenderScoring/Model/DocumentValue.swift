public import Foundation

/// The free-form content of a document (answers, innovation evidence, supply-chain data…) as a tree.
///
/// Numbers are exact `Decimal` values, never floating point. Gates read fields from it by dotted path and
/// plugins receive it as JSON.
///
/// Not `indirect`: lists and maps already hold their items out of line, and a procurement of thousands of tenders
/// holds every kept tree while it is evaluated, where a box for each value (an allocation each) would be most of it.
public enum DocumentValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case list([DocumentValue])
    case map([String: DocumentValue])

    /// The value at a dotted path such as `declarations.mandatory_exclusion_grounds`, or `nil` if absent.
    public func value(at path: String) -> DocumentValue? {
        var current = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .map(let members):
                guard let next = members[String(component)] else { return nil }
                current = next
            case .list(let items):
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Whether the value carries information: not null, not blank text, not an empty list or map.
    public var isPresent: Bool {
        switch self {
        case .null: return false
        case .string(let text): return !text.allSatisfy(\.isWhitespace)
        case .list(let items): return !items.isEmpty
        case .map(let members): return !members.isEmpty
        case .bool, .number: return true
        }
    }

    /// A short human-readable rendering for explanations.
    public var displayText: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return DecimalText.exact(number)
        case .string(let text): return text.count > 60 ? "\"\(text.prefix(57))…\"" : "\"\(text)\""
        case .list(let items): return "[\(items.count) items]"
        case .map(let members): return "{\(members.count) fields}"
        }
    }

    /// The value as canonical JSON: integral numbers that fit `Int64` as numbers, other numbers as strings.
    public var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number):
            if DecimalMath.rounded(number, places: 0) == number, let integer = Int64(DecimalText.exact(number)) {
                return .integer(integer)
            }
            return .decimal(number)
        case .string(let text): return .string(text)
        case .list(let items): return .array(items.map(\.json))
        case .map(let members): return .object(members.mapValues(\.json))
        }
    }
}
