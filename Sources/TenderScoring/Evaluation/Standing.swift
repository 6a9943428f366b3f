import Foundation

/// A rankable tender's figures under one reference price, and the comparator that orders them.
struct Standing {
    var key: String
    var total: Decimal
    var qualityPoints: Decimal
    var pricePerQualityPoint: Decimal?
    var price: Decimal
    var receivedAt: Timestamp?
    var criteria: [CriterionResult]

    /// A criterion's points (0 when it has none, or is not one of the methodology's).
    func points(_ criterion: String) -> Decimal {
        criteria.first { $0.id == criterion }?.points ?? 0
    }

    /// The figure the method ranks by (higher is better for weighted-sum, lower for the others).
    func primary(_ method: EvaluationMethod) -> Decimal {
        switch method {
        case .weightedSum: return total
        case .pricePerQualityPoint: return pricePerQualityPoint ?? 0
        case .lowestPriceAcceptable: return price
        }
    }

    /// Which rule ordered two standings, for explanations.
    enum Decider: Equatable {
        case primary
        case tieBreak(TieBreak)
        case tenderKey
    }

    /// Whether `self` ranks before `other`, and which rule decided.
    func compare(_ other: Standing, method: EvaluationMethod, tieBreak: [TieBreak]) -> (before: Bool, decider: Decider)
    {
        let mine = primary(method)
        let theirs = other.primary(method)
        if mine != theirs {
            return (method == .weightedSum ? mine > theirs : mine < theirs, .primary)
        }
        for rule in tieBreak {
            switch rule {
            case .criterion(let id):
                let a = points(id)
                let b = other.points(id)
                if a != b { return (a > b, .tieBreak(rule)) }
            case .lowestPrice:
                if price != other.price { return (price < other.price, .tieBreak(rule)) }
            case .earliestReceived:
                switch (receivedAt, other.receivedAt) {
                case (let a?, let b?) where a != b: return (a < b, .tieBreak(rule))
                case (.some, nil): return (true, .tieBreak(rule))
                case (nil, .some): return (false, .tieBreak(rule))
                default: break
                }
            }
        }
        return (key < other.key, .tenderKey)
    }
}
