public import Foundation

/// A pass/fail rule (s.19(3), s.23(3)(a)).
public struct Gate: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var kind: GateKind
    public var onFail: OnFail

    public init(id: String, title: String?, kind: GateKind, onFail: OnFail) {
        self.id = id
        self.title = title
        self.kind = kind
        self.onFail = onFail
    }
}

/// What a gate tests.
public enum GateKind: Sendable, Hashable {
    /// The field must equal the value (a supplier's declaration).
    case declaration(field: String, equals: DocumentValue)
    /// The field must be a number at least `min`.
    case minimum(field: String, min: Decimal)
    /// The field must be a number at most `max`.
    case maximum(field: String, max: Decimal)
    /// The field must be present and non-empty.
    case required(field: String)
    /// A plugin decides (`{"pass": …, "reason": …}`).
    case plugin(PluginReference)

    /// The name used in files and reports.
    public var name: String {
        switch self {
        case .declaration: return "declaration"
        case .minimum: return "minimum"
        case .maximum: return "maximum"
        case .required: return "required"
        case .plugin: return "plugin"
        }
    }

    /// The document field the gate reads, if any.
    public var field: String? {
        switch self {
        case .declaration(let field, _), .minimum(let field, _), .maximum(let field, _), .required(let field):
            return field
        case .plugin:
            return nil
        }
    }
}

/// The declared consequence of failing a gate or a minimum.
public enum OnFail: String, Sendable, Hashable, CaseIterable {
    /// The tender is disregarded (not assessed further).
    case disregard
    /// The tender stays in; a flag is raised for the buyer.
    case flag
}
