public import Foundation

/// A decision as the evaluation used it: the decision, the tender it resolved to, whether it is in force, and
/// what it changed.
public struct DecisionRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// The latest decision on its tender and subject: the evaluation follows it.
        case inForce = "in-force"
        /// A later decision on the same tender and subject replaced it.
        case superseded
        /// It names no current tender (or a gate the tender passed): see `problem`.
        case notUsed = "not-used"
    }

    public var decision: Decision
    /// The tender key it resolved to.
    public var tender: String?
    public var status: Status
    /// The document of the decision that replaced it.
    public var supersededBy: String?
    public var problem: String?
    /// What taking the tender out changed (only for decisions in force that take a tender out).
    public var effect: DecisionEffect?

    public init(
        decision: Decision, tender: String?, status: Status, supersededBy: String?, problem: String?,
        effect: DecisionEffect?
    ) {
        self.decision = decision
        self.tender = tender
        self.status = status
        self.supersededBy = supersededBy
        self.problem = problem
        self.effect = effect
    }
}

/// The difference one decision makes: the evaluation with it against the same evaluation without it.
public struct DecisionEffect: Sendable, Hashable {
    /// The lowest price of the tenders in the running (the relative formulas' P_min) without and with it.
    public var lowestPriceBefore: Decimal?
    public var lowestPriceAfter: Decimal?
    /// The tender ranked first without and with it.
    public var leaderBefore: String?
    public var leaderAfter: String?
    /// Every other tender whose total changed.
    public var changes: [TotalChange]

    public init(
        lowestPriceBefore: Decimal?, lowestPriceAfter: Decimal?, leaderBefore: String?, leaderAfter: String?,
        changes: [TotalChange]
    ) {
        self.lowestPriceBefore = lowestPriceBefore
        self.lowestPriceAfter = lowestPriceAfter
        self.leaderBefore = leaderBefore
        self.leaderAfter = leaderAfter
        self.changes = changes
    }
}

/// One tender's total without and with a decision.
public struct TotalChange: Sendable, Hashable {
    public var tender: String
    public var before: Decimal?
    public var after: Decimal?

    public init(tender: String, before: Decimal?, after: Decimal?) {
        self.tender = tender
        self.before = before
        self.after = after
    }
}
