extension LotAwarder {
    /// The cross-lot effect of removing each tender from its lot: the tenders whose removal would change the award
    /// of any lot, with those changes.
    ///
    /// Only two tenders of a lot can matter. Removing a tender that is not awarded the lot takes away an option the
    /// award did not use, so the award stays the best one (and, under `in-order`, the lot's pick is the same) —
    /// unless the tender sets the lot's lowest price, whose removal changes the other tenders' relative price points:
    /// that one is evaluated again without its supplier by `reevaluate(lot, supplier identity)`. The awarded tender
    /// is taken out of the ranking, which closes up.
    public func effects(
        of award: LotAward, results: [String: EvaluationResult],
        reevaluate: @escaping @Sendable (_ lot: String, _ supplier: String) -> EvaluationResult
    ) -> [LotAwardEffect] {
        var candidates: [(lot: String, tender: TenderResult, setsLowest: Bool)] = []
        for lot in lotting.ids {
            guard let result = results[lot] else { continue }
            let running = result.tenders.filter { [.assessed, .incomplete, .failed].contains($0.status) }
            let lowest = running.map(\.price.total).min()
            let cheapest = running.filter { $0.price.total == lowest }
            for tender in result.tenders where tender.status == .assessed && tender.rank != nil {
                let setsLowest = cheapest.count == 1 && cheapest[0].key == tender.key
                if setsLowest || award.lot(lot)?.awarded == tender.key { candidates.append((lot, tender, setsLowest)) }
            }
        }
        // Each removal is independent: tried on every core, in a fixed order of results.
        let tried = candidates
        let found = ConcurrentMap.map(tried.count) { index -> LotAwardEffect? in
            let (lot, tender, setsLowest) = tried[index]
            var without = results
            let result = results[lot]!
            if !setsLowest {
                without[lot] = Self.removing(tender.key, from: result)
            } else if let reranking = result.reranking, reranking.removed == tender.key {
                without[lot] = Self.reranked(result, reranking)
            } else {
                without[lot] = reevaluate(lot, tender.supplier.identity)
            }
            let changes = zip(award.lots, self.award(without).lots).compactMap { now, then in
                now.awarded == then.awarded ? nil : LotAwardChange(lot: now.lot, from: now.awarded, to: then.awarded)
            }
            return changes.isEmpty
                ? nil : LotAwardEffect(lot: lot, tender: tender.key, supplier: tender.supplier, changes: changes)
        }
        return found.compactMap { $0 }
    }

    /// A lot's result without the tender that set its lowest price, ranked as the evaluation re-ranked it.
    static func reranked(_ result: EvaluationResult, _ reranking: Reranking) -> EvaluationResult {
        var changed = result
        let ranks = Dictionary(uniqueKeysWithValues: reranking.keys.enumerated().map { ($0.element, $0.offset + 1) })
        changed.tenders = result.tenders.filter { $0.key != reranking.removed }.map { tender in
            var tender = tender
            tender.rank = ranks[tender.key]
            if let total = reranking.totals[tender.key] { tender.total = total }
            return tender
        }
        changed.winner = result.isFinal ? reranking.keys.first : nil
        changed.reranking = nil
        return changed
    }

    /// A lot's result without one tender whose removal changes no other tender's points: the ranking closes up.
    static func removing(_ key: String, from result: EvaluationResult) -> EvaluationResult {
        var changed = result
        let removed = result.tender(key)?.rank
        changed.tenders = result.tenders.filter { $0.key != key }.map { tender in
            var tender = tender
            if let rank = tender.rank, let removed, rank > removed { tender.rank = rank - 1 }
            return tender
        }
        if result.winner == key { changed.winner = changed.tenders.first { $0.rank == 1 }?.key }
        return changed
    }
}
