public import Foundation

/// The lots of a lotted procurement and the limits on them (Procurement Act 2023 s.18, s.20, s.23(4)): declared
/// once in a methodology, with criteria and gates shared by every lot and per-lot overrides.
///
/// A methodology with lots evaluates each lot as a methodology of its own (``Methodology/lot(_:)``); the award
/// across lots (the limit on lots one supplier may win and the mechanism that applies it) is ``LotAwarder``'s.
public struct Lotting: Sendable, Hashable {
    public var lots: [LotDeclaration]
    public var limits: LotLimits
    /// The lots in the declared award order (`lot_limits.order`; by default the order they are listed in).
    public var awardOrder: [String]
    /// How the award order was declared, for explanations: `as listed`, `estimated value, highest first`, …
    public var orderRule: String

    public init(lots: [LotDeclaration], limits: LotLimits, awardOrder: [String], orderRule: String) {
        self.lots = lots
        self.limits = limits
        self.awardOrder = awardOrder
        self.orderRule = orderRule
    }

    /// The lot with this id, if declared.
    public func lot(_ id: String) -> LotDeclaration? { lots.first { $0.id == id } }

    /// The lot ids as listed.
    public var ids: [String] { lots.map(\.id) }
}

/// One lot of a lotted procurement, with what it overrides of the shared methodology.
public struct LotDeclaration: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var estimatedValue: Decimal?
    /// The weight of this lot's totals in `best-combination` (1 unless declared).
    public var awardWeight: Decimal
    /// Per-lot overrides of shared criteria, by criterion id.
    public var criteria: [String: CriterionOverride]
    /// Per-lot overrides of shared gates' bounds, by gate id.
    public var gates: [String: Decimal]

    public init(
        id: String, title: String?, estimatedValue: Decimal?, awardWeight: Decimal = 1,
        criteria: [String: CriterionOverride] = [:], gates: [String: Decimal] = [:]
    ) {
        self.id = id
        self.title = title
        self.estimatedValue = estimatedValue
        self.awardWeight = awardWeight
        self.criteria = criteria
        self.gates = gates
    }
}

/// What one lot changes of a shared criterion: its weight, and for a price criterion its formula.
public struct CriterionOverride: Sendable, Hashable {
    public var weight: Decimal?
    public var formula: PriceFormula?

    public init(weight: Decimal?, formula: PriceFormula?) {
        self.weight = weight
        self.formula = formula
    }
}
