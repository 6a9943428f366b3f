public import Foundation

/// Who is awarded which lot of a lotted procurement, after the limit on lots one supplier may be awarded and the
/// published mechanism (``LotAwarder``); each lot says whether the mechanism moved it, from whom to whom, and why.
public struct LotAward: Sendable, Hashable {
    public var procurement: String
    public var mechanism: LotMechanism
    /// The most lots one supplier may be awarded; `nil` when there is no limit.
    public var maxAwarded: Int?
    /// The lots in the declared award order.
    public var order: [String]
    public var orderRule: String
    /// Whether every lot's evaluation is final, so the award can be relied on.
    public var isFinal: Bool
    /// One line a lot, in the declared award order.
    public var lots: [LotAwardLine]
    /// `best-combination`: the sum of the awarded tenders' totals, each times its lot's award weight.
    public var weightedTotal: Decimal?
    /// The tenders whose removal from their lot would change the award of some lot (``LotAwarder/effects(of:results:reevaluate:)``).
    public var effects: [LotAwardEffect] = []

    public init(
        procurement: String, mechanism: LotMechanism, maxAwarded: Int?, order: [String], orderRule: String,
        isFinal: Bool, lots: [LotAwardLine], weightedTotal: Decimal?
    ) {
        self.procurement = procurement
        self.mechanism = mechanism
        self.maxAwarded = maxAwarded
        self.order = order
        self.orderRule = orderRule
        self.isFinal = isFinal
        self.lots = lots
        self.weightedTotal = weightedTotal
    }

    /// The line for one lot.
    public func lot(_ id: String) -> LotAwardLine? { lots.first { $0.lot == id } }

    /// The lots awarded to the supplier with this identity, in the award order.
    public func lots(awardedTo identity: String) -> [String] {
        lots.filter { $0.awardedSupplier?.identity == identity }.map(\.lot)
    }
}

/// One lot's award.
public struct LotAwardLine: Sendable, Hashable {
    public var lot: String
    /// The tender the award criteria rank first in this lot, if any.
    public var firstRanked: String?
    public var firstSupplier: Supplier?
    /// The tender awarded the lot; `nil` when it is left unawarded.
    public var awarded: String?
    public var awardedSupplier: Supplier?
    public var awardedRank: Int?
    public var awardedTotal: Decimal?
    /// The lot's award weight (best-combination).
    public var weight: Decimal
    /// Whether the limit moved the award away from the first-ranked tender (or left the lot unawarded though it had
    /// one).
    public var moved: Bool
    /// Why the lot goes where it goes, in words a buyer can publish.
    public var reason: String
    /// Whether the lot's own evaluation is final.
    public var isFinal: Bool

    public init(
        lot: String, firstRanked: String?, firstSupplier: Supplier?, awarded: String?, awardedSupplier: Supplier?,
        awardedRank: Int?, awardedTotal: Decimal?, weight: Decimal, moved: Bool, reason: String, isFinal: Bool
    ) {
        self.lot = lot
        self.firstRanked = firstRanked
        self.firstSupplier = firstSupplier
        self.awarded = awarded
        self.awardedSupplier = awardedSupplier
        self.awardedRank = awardedRank
        self.awardedTotal = awardedTotal
        self.weight = weight
        self.moved = moved
        self.reason = reason
        self.isFinal = isFinal
    }
}
