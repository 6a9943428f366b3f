public import Foundation

/// An advisory check: it raises flags for people and never excludes a tender by itself.
public struct Check: Sendable, Hashable {
    public var id: String
    public var kind: CheckKind

    public init(id: String, kind: CheckKind) {
        self.id = id
        self.kind = kind
    }
}

/// The built-in checks.
public enum CheckKind: Sendable, Hashable {
    /// Price more than `belowMedianBy` (a fraction) below the median price: s.19(4) procedure.
    case abnormallyLow(belowMedianBy: Decimal)
    /// Different suppliers with the same total price (CMA warning sign, R028).
    case identicalPrices
    /// Marks whose reason is missing, shorter than `minWords` words, or only repeats the scale label.
    case markReasons(minWords: Int)
    /// Evaluators' marks for one question further apart than `maxSpread`.
    case evaluatorSpread(maxSpread: Decimal)
    /// Whether removing any one other tender changes the winner.
    case leaveOneOut

    /// The name used in files and reports.
    public var name: String {
        switch self {
        case .abnormallyLow: return "abnormally-low"
        case .identicalPrices: return "identical-prices"
        case .markReasons: return "mark-reasons"
        case .evaluatorSpread: return "evaluator-spread"
        case .leaveOneOut: return "leave-one-out"
        }
    }
}
