import Foundation

extension ScoringEngine {
    private static let statusOrder: [TenderStatus] = [
        .assessed, .incomplete, .failed, .disregarded, .withdrawn, .excluded, .late, .notAssessed, .superseded,
    ]

    /// Every tender's result: ranked ones first, then the rest by status and key.
    func tenderResults(
        _ working: [Working], standings: [String: Standing], ordered: [Standing], lowest: Decimal?, scorer: PartScorer
    ) -> [TenderResult] {
        let ranks = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element.key, $0.offset + 1) })
        let results = working.map { tender -> TenderResult in
            let key = tender.submission.tenderKey
            let standing = standings[key]
            let criteria: [CriterionResult]
            switch tender.status {
            case .assessed:
                criteria = standing?.criteria ?? []
            case .incomplete, .failed:
                criteria = self.criteria(tender, lowest: lowest, scorer: scorer)
            case .disregarded, .withdrawn, .excluded:
                // Outside the reference set: relative price is not scored (a tender disregarded before its parts were scored has none: no criteria at all).
                criteria = self.criteria(tender, lowest: nil, scorer: scorer)
            default:
                criteria = []
            }
            var reasons = tender.reasons
            if let rank = ranks[key] {
                reasons.insert(rank == 1 ? "ranked first" : "ranked \(rank) of \(ordered.count)", at: 0)
            }
            let quality = standing?.qualityPoints
            return TenderResult(
                key: key, documentID: tender.submission.documentID, supplier: tender.submission.supplier,
                receivedAt: tender.submission.receivedAt, price: tender.submission.price, status: tender.status,
                reasons: reasons, rank: ranks[key], total: standing?.total, qualityPoints: quality,
                pricePerQualityPoint: methodology.evaluation.method == .pricePerQualityPoint
                    ? standing?.pricePerQualityPoint : nil,
                gates: tender.gates, criteria: criteria)
        }
        return results.sorted { a, b in
            switch (a.rank, b.rank) {
            case (let x?, let y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                let (x, y) = (Self.statusOrder.firstIndex(of: a.status)!, Self.statusOrder.firstIndex(of: b.status)!)
                return x != y ? x < y : (a.key, a.documentID) < (b.key, b.documentID)
            }
        }
    }

    /// Exact ties (and how they were broken) and near-ties between neighbours in the ranking.
    func tieFlags(_ ordered: [Standing]) -> [ScoringFlag] {
        let method = methodology.evaluation.method
        let unit = methodology.evaluation.publishedUnit
        var flags: [ScoringFlag] = []
        for (upper, lower) in zip(ordered, ordered.dropFirst()) {
            let gap = abs(upper.primary(method) - lower.primary(method))
            let places = methodology.evaluation.rounding
            if gap == 0 {
                let decider = upper.compare(lower, method: method, tieBreak: methodology.evaluation.tieBreak).decider
                let how: String
                switch decider {
                case .tieBreak(let rule): how = "the declared tie-break '\(rule)' put \(upper.key) first"
                case .tenderKey, .primary:
                    how =
                        "the declared tie-breaks did not separate them; ordered by tender key, "
                        + "which is not a declared rule: the buyer must decide"
                }
                flags.append(
                    ScoringFlag(
                        check: "ranking", kind: "tie", tender: upper.key,
                        message: "\(upper.key) and \(lower.key) tie exactly; \(how)",
                        action: decider == .tenderKey ? "record the buyer's decision on the tie" : nil))
            } else if gap < unit {
                flags.append(
                    ScoringFlag(
                        check: "ranking", kind: "near-tie", tender: upper.key,
                        message: "\(upper.key) is ahead of \(lower.key) by \(DecimalText.exact(gap)), less than one "
                            + "unit of the published figures (\(DecimalText.published(unit, places: places))); "
                            + "the ranking uses exact values but the published figures will look equal",
                        action: "explain the exact-value ranking in the assessment summaries"))
            }
        }
        return flags
    }
}
