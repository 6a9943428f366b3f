import Foundation

/// Applies a stage's published progression rule to its final evaluation: who goes forward, who is dropped and
/// why. Pure: the same result gives the same outcome, so a replay of the stage's evaluation gives its outcome again.
public enum StageProgression {
    /// The outcome of `stage` from its evaluation `result`; `nil` for the final stage (it has no progression).
    public static func outcome(of stage: Stage, result: EvaluationResult) -> StageOutcome? {
        guard let progression = stage.progression else { return nil }
        // A superseded tender is not the supplier's standing: its later tender is.
        let standing = result.tenders.filter { $0.status != .superseded }
        let ranked = standing.filter { $0.rank != nil }.sorted { $0.rank! < $1.rank! }
        let unranked = standing.filter { $0.rank == nil }
        var forward: Int
        var notes: [String] = []
        switch progression {
        case .shortlist(let maximum, let minimum, _):
            forward = min(maximum, ranked.count)
            if let minimum, ranked.count < minimum {
                notes.append(
                    "only \(ranked.count) of the \(standing.count) suppliers qualified, fewer than the minimum "
                        + "\(minimum) the shortlist aims for: all \(ranked.count) go forward")
            }
        case .dropLowest(let count, _):
            forward = max(0, ranked.count - count)
        }
        if progression.boundaryTies == .includeAll, forward > 0, forward < ranked.count {
            let last = score(ranked[forward - 1], result.method)
            var extended = forward
            while extended < ranked.count, score(ranked[extended], result.method) == last { extended += 1 }
            if extended > forward {
                let tied = ranked[(forward - 1)..<extended].map(\.key).joined(separator: ", ")
                notes.append(
                    "\(tied) tie exactly at the boundary: by the published rule all go forward "
                        + "(\(extended) instead of \(forward))")
                forward = extended
            }
        }
        let label = stage.label
        func supplier(_ tender: TenderResult, reason: String?) -> StageOutcome.Supplier {
            StageOutcome.Supplier(
                tender: tender.key, identity: tender.supplier.identity, name: tender.supplier.name,
                status: tender.status, rank: tender.rank, total: tender.total, reason: reason)
        }
        let progressed = ranked.prefix(forward).map { supplier($0, reason: nil) }
        var dropped = ranked.dropFirst(forward).map { tender in
            let rule: String
            switch progression {
            case .shortlist(let maximum, _, _): rule = "shortlist \(maximum)"
            case .dropLowest(let count, _): rule = "the lowest \(count) dropped"
            }
            let what = stage.kind == .participation ? "not shortlisted at" : "dropped at"
            return supplier(tender, reason: "\(what) \(label): rank \(tender.rank!) of \(ranked.count), \(rule)")
        }
        // A supplier taken forward is not also told it was dropped for another of its tenders (a late one).
        let forwardIdentities = Set(progressed.map(\.identity))
        dropped += unranked.filter { !forwardIdentities.contains($0.supplier.identity) }.map { tender in
            let why = tender.reasons.first.map { ": \($0)" } ?? ""
            return supplier(tender, reason: "not taken forward from \(label): \(tender.status.rawValue)\(why)")
        }
        return StageOutcome(
            procurement: result.procurement, lot: result.lot, stage: stage, ranked: ranked.count,
            progressed: Array(progressed), dropped: dropped, notes: notes)
    }

    /// What the ranking orders by under `method` (exact ties at the boundary compare this).
    static func score(_ tender: TenderResult, _ method: EvaluationMethod) -> Decimal? {
        switch method {
        case .weightedSum: return tender.total
        case .pricePerQualityPoint: return tender.pricePerQualityPoint
        case .lowestPriceAcceptable: return tender.price.total
        }
    }
}
