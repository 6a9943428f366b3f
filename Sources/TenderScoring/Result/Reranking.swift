public import Foundation

/// The ranking of a lot without the one tender that sets its lowest price, under the lowest price of the others:
/// what the leave-one-out check and the cross-lot effect of removing that tender both need, computed once.
public struct Reranking: Sendable, Hashable {
    /// The tender taken out.
    public let removed: String
    /// The lowest price without it.
    public let lowest: Decimal?
    /// The other ranked tenders' keys, best first, and their totals.
    public let keys: [String]
    public let totals: [String: Decimal]
    /// The standings behind them.
    let order: [Standing]

    init(removed: String, lowest: Decimal?, order: [Standing]) {
        self.removed = removed
        self.lowest = lowest
        self.order = order
        keys = order.map(\.key)
        totals = Dictionary(uniqueKeysWithValues: order.map { ($0.key, $0.total) })
    }

    public static func == (lhs: Reranking, rhs: Reranking) -> Bool {
        (lhs.removed, lhs.lowest, lhs.keys, lhs.totals) == (rhs.removed, rhs.lowest, rhs.keys, rhs.totals)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(removed)
        hasher.combine(keys)
    }
}
