extension LotAwarder {
    /// How deep into a lot's ranking the award can reach: a tender ranked below this in its lot can be awarded no
    /// lot, and removing it changes no award (the other lots can fill at most ⌊(L−1)/maximum⌋ suppliers).
    var depth: Int {
        guard let maximum = lotting.limits.maxAwarded else { return 1 }
        return (lotting.ids.count - 1) / max(maximum, 1) + 1
    }

    /// The cross-lot effect of removing each tender from its lot: the tenders whose removal would change the award
    /// of any lot, with those changes. Only tenders that can matter are tried: those within ``depth`` of their lot's
    /// ranking, and the lot's lowest price, whose removal changes the other tenders' relative price points; that one
    /// is evaluated again without the supplier by `reevaluate(lot, supplier identity)`, the others are taken out of
    /// the ranking.
    public func effects(
        of award: LotAward, results: [String: EvaluationResult],
        reevaluate: (_ lot: String, _ supplier: String) -> EvaluationResult
    ) -> [LotAwardEffect] {
        var effects: [LotAwardEffect] = []
        for lot in lotting.ids {
            guard let result = results[lot] else { continue }
            let running = result.tenders.filter { [.assessed, .incomplete, .failed].contains($0.status) }
            let lowest = running.map(\.price.total).min()
            let cheapest = running.filter { $0.price.total == lowest }
            for (index, tender) in Self.eligible(result).enumerated() {
                let setsLowest = cheapest.count == 1 && cheapest[0].key == tender.key
                guard index < depth || setsLowest else { continue }
                var without = results
                without[lot] =
                    setsLowest
                    ? reevaluate(lot, tender.supplier.identity) : Self.removing(tender.key, from: result)
                let changes = zip(award.lots, self.award(without).lots).compactMap { now, then in
                    now.awarded == then.awarded
                        ? nil : LotAwardChange(lot: now.lot, from: now.awarded, to: then.awarded)
                }
                if !changes.isEmpty {
                    effects.append(
                        LotAwardEffect(lot: lot, tender: tender.key, supplier: tender.supplier, changes: changes))
                }
            }
        }
        return effects
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
