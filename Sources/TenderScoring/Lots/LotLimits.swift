/// The limits on lots (s.23(4) and the Cabinet Office lots guidance): how many lots one supplier may tender for,
/// how many it may be awarded, and the published mechanism that decides when the award criteria would give a
/// supplier more than that.
public struct LotLimits: Sendable, Hashable {
    /// The most lots one supplier may tender for; tenders beyond it are not assessed.
    public var maxTendered: Int?
    /// The most lots one supplier may be awarded.
    public var maxAwarded: Int?
    /// How lots are awarded when the award criteria would give a supplier more than ``maxAwarded``.
    public var mechanism: LotMechanism

    public init(maxTendered: Int?, maxAwarded: Int?, mechanism: LotMechanism) {
        self.maxTendered = maxTendered
        self.maxAwarded = maxAwarded
        self.mechanism = mechanism
    }

    /// No limits: every lot goes to its first-ranked tender.
    public static let none = LotLimits(maxTendered: nil, maxAwarded: nil, mechanism: .inOrder)
}

/// The published mechanism that awards lots under a limit.
public enum LotMechanism: String, Sendable, Hashable, CaseIterable {
    /// Lots are awarded in the declared order; a supplier that already holds the maximum is passed over and the
    /// lot goes to the next-ranked eligible tender in that lot.
    case inOrder = "in-order"
    /// The assignment within the limit that maximises the sum of the awarded tenders' totals, each weighted by its
    /// lot's award weight, solved exactly; ties are broken by the declared order.
    case bestCombination = "best-combination"
}
