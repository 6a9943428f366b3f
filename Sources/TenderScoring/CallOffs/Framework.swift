public import Foundation

/// A framework agreement (s.45–47) or a dynamic market (s.34–40) as a call-off needs it (`kind: framework` or
/// `kind: dynamic-market` in the rules folder): who is a member of each lot or category, and, for a framework,
/// the award criteria it was awarded on with the refinements a call-off may make (s.46).
public struct Framework: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case framework
        case dynamicMarket = "dynamic-market"

        /// "framework" or "dynamic market".
        public var name: String { self == .framework ? "framework" : "dynamic market" }
        /// What its parts are called: a framework's lots, a dynamic market's categories.
        public var part: String { self == .framework ? "lot" : "category" }
    }

    /// A supplier party to the framework, or admitted to the market.
    public struct Member: Sendable, Hashable {
        /// The registry identifier a tender's `supplier.identifier` is matched on.
        public var identifier: String
        public var name: String

        public init(identifier: String, name: String) {
            self.identifier = identifier
            self.name = name
        }
    }

    /// One lot of a framework, or one category of a dynamic market, with its members.
    public struct Part: Sendable, Hashable {
        public var id: String
        public var title: String?
        public var members: [Member]

        public init(id: String, title: String?, members: [Member]) {
            self.id = id
            self.title = title
            self.members = members
        }
    }

    /// One of the framework's award criteria, and the range of weights a call-off may refine it to (`nil`: the
    /// weight stands as it is).
    public struct Criterion: Sendable, Hashable {
        public var id: String
        public var weight: Decimal
        public var refinable: ClosedRange<Decimal>?

        public init(id: String, weight: Decimal, refinable: ClosedRange<Decimal>?) {
            self.id = id
            self.weight = weight
            self.refinable = refinable
        }
    }

    public var id: String
    public var kind: Kind
    public var title: String?
    /// The framework's (or market's) own procurement reference.
    public var reference: String?
    public var parts: [Part]
    /// The framework's award criteria (empty for a dynamic market: its call-offs set their own).
    public var criteria: [Criterion]
    /// The questions its conditions of participation scored (s.22): a call-off does not score them again.
    public var selectionQuestions: [String]

    public init(
        id: String, kind: Kind, title: String?, reference: String?, parts: [Part], criteria: [Criterion],
        selectionQuestions: [String]
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.reference = reference
        self.parts = parts
        self.criteria = criteria
        self.selectionQuestions = selectionQuestions
    }

    /// The lot or category with `id`.
    public func part(_ id: String) -> Part? { parts.first { $0.id == id } }
}
