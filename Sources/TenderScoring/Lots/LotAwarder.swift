import Foundation

/// Awards the lots of a lotted procurement from each lot's evaluation, within the limit on lots one supplier may be
/// awarded, by the published mechanism (s.23(4); the Cabinet Office lots guidance). Pure and deterministic.
///
/// A lot's eligible tenders are its ranked ones (assessed, in the running, fully marked), best first. Without a
/// limit each lot goes to its first-ranked tender. Under `in-order` lots are awarded one by one in the declared
/// order, passing over suppliers that already hold the maximum. Under `best-combination` the award is the
/// assignment within the limit with the largest sum of weighted totals (``MaxWeightAssignment``, exact); of several
/// such, the one that gives the lots, in the declared order, their best-ranked tenders.
public struct LotAwarder: Sendable {
    public let lotting: Lotting
    public let procurement: String

    public init(lotting: Lotting, procurement: String) {
        self.lotting = lotting
        self.procurement = procurement
    }

    /// A lot's eligible tenders, best first (at most `limit` of them).
    static func eligible(_ result: EvaluationResult?, limit: Int = .max) -> [TenderResult] {
        guard let result else { return [] }
        // Results list ranked tenders first, by rank; a what-if result may not (see effects), so the order is checked.
        var ranked: [TenderResult] = []
        var inOrder = true
        for tender in result.tenders where tender.status == .assessed && tender.rank != nil {
            if let last = ranked.last, last.rank! > tender.rank! { inOrder = false }
            ranked.append(tender)
            if inOrder, ranked.count >= limit { break }
        }
        if !inOrder { ranked.sort { $0.rank! < $1.rank! } }
        return Array(ranked.prefix(limit))
    }

    /// The award over the lots' evaluations (keyed by lot id; a lot with none has no eligible tender).
    public func award(_ results: [String: EvaluationResult]) -> LotAward {
        let limits = lotting.limits
        var lines: [LotAwardLine]
        var weighted: Decimal?
        if let maximum = limits.maxAwarded, limits.mechanism == .bestCombination {
            (lines, weighted) = bestCombination(results, maximum: maximum)
        } else {
            lines = inOrder(results, maximum: limits.maxAwarded)
        }
        let isFinal = lotting.ids.allSatisfy { Self.isSettled(results[$0]) }
        lines = lines.map { line in
            var line = line
            line.isFinal = Self.isSettled(results[line.lot])
            if !line.isFinal {
                line.reason += "; not final: the lot's evaluation is not final yet (see its holds and missing marks)"
            }
            return line
        }
        return LotAward(
            procurement: procurement, mechanism: limits.mechanism, maxAwarded: limits.maxAwarded,
            order: lotting.awardOrder, orderRule: lotting.orderRule, isFinal: isFinal, lots: lines,
            weightedTotal: weighted)
    }

    /// Whether a lot's evaluation can be relied on: final, or complete with no tender left to rank (every one
    /// disregarded, excluded, withdrawn, late or not assessed, none waiting for marks, a plugin or a decision).
    static func isSettled(_ result: EvaluationResult?) -> Bool {
        guard let result else { return false }
        return result.isFinal
            || (result.missingMarks.isEmpty && result.holds.isEmpty
                && result.tenders.allSatisfy { ![.assessed, .incomplete, .failed].contains($0.status) })
    }

    /// The line of a lot awarded to `tender` (or to no one).
    func line(_ lot: String, eligible: [TenderResult], awarded: TenderResult?, reason: String) -> LotAwardLine {
        let first = eligible.first
        return LotAwardLine(
            lot: lot, firstRanked: first?.key, firstSupplier: first?.supplier, awarded: awarded?.key,
            awardedSupplier: awarded?.supplier, awardedRank: awarded?.rank, awardedTotal: awarded?.total,
            weight: lotting.lot(lot)?.awardWeight ?? 1, moved: first != nil && awarded?.key != first?.key,
            reason: reason, isFinal: false)
    }

    static let noEligible =
        "left unawarded: no eligible tender (every tender was disregarded, excluded, withdrawn, late, not assessed or "
        + "not yet fully marked)"

    /// `in-order` (and no limit): lots one by one in the declared order.
    func inOrder(_ results: [String: EvaluationResult], maximum: Int?) -> [LotAwardLine] {
        var held: [String: [String]] = [:]
        return lotting.awardOrder.map { lot in
            // The pick is among the first L: the other lots can fill at most L − 1 suppliers before it.
            let eligible = Self.eligible(results[lot], limit: lotting.ids.count)
            guard let first = eligible.first else {
                return line(lot, eligible: eligible, awarded: nil, reason: Self.noEligible)
            }
            let pick = eligible.first { held[$0.supplier.identity, default: []].count < (maximum ?? Int.max) }
            defer { if let pick { held[pick.supplier.identity, default: []].append(lot) } }
            guard let pick else {
                return line(
                    lot, eligible: eligible, awarded: nil,
                    reason: "left unawarded: the supplier of every eligible tender already holds the maximum of "
                        + "\(maximum!) \(maximum == 1 ? "lot" : "lots") (lots awarded in the order \(order))")
            }
            if pick.key == first.key {
                return line(lot, eligible: eligible, awarded: pick, reason: "awarded to the first-ranked tender")
            }
            let passed = eligible.prefix { $0.key != pick.key }.map { tender in
                "\(tender.key) (\(tender.supplier.name), ranked \(tender.rank!)) already holds "
                    + "\(plural(held[tender.supplier.identity]!))"
            }
            return line(
                lot, eligible: eligible, awarded: pick,
                reason:
                    "moved from \(first.key) (\(first.supplier.name)) to \(pick.key) (\(pick.supplier.name), ranked "
                    + "\(pick.rank!)) by the in-order mechanism: one supplier may be awarded at most \(maximum!) "
                    + "\(maximum == 1 ? "lot" : "lots") and lots are awarded in the order \(order); "
                    + passed.joined(separator: "; "))
        }
    }

    private var order: String { "\(lotting.awardOrder.joined(separator: ", ")) (\(lotting.orderRule))" }

    private func plural(_ lots: [String]) -> String {
        lots.count == 1 ? "lot \(lots[0])" : "lots \(lots.joined(separator: ", "))"
    }

    /// `best-combination`: the heaviest assignment within the limit, ties broken by the declared order.
    func bestCombination(_ results: [String: EvaluationResult], maximum: Int) -> ([LotAwardLine], Decimal) {
        let order = lotting.awardOrder
        // A lot's optimal tender is among its first ⌊(L−1)/maximum⌋ + 1: the other lots can fill no more suppliers.
        let keep = (order.count - 1) / max(maximum, 1) + 1
        let eligible = order.map { Self.eligible(results[$0], limit: keep) }
        var suppliers: [String: Int] = [:]
        for tender in eligible.joined() where suppliers[tender.supplier.identity] == nil {
            suppliers[tender.supplier.identity] = suppliers.count
        }
        let exact = order.enumerated().map { index, lot in
            eligible[index].map { DecimalMath.exact((lotting.lot(lot)?.awardWeight ?? 1) * ($0.total ?? 0)) }
        }
        let weights = exact.map { $0.map(MaxWeightAssignment.scaled) }
        /// The heaviest assignment with some lots fixed (to a candidate index, or nil: unawarded).
        func solve(_ fixed: [Int: Int?]) -> (weight: Int128, chosen: [Int?])? {
            var capacity = [Int](repeating: maximum, count: suppliers.count)
            var weight: Int128 = 0
            for (lot, choice) in fixed {
                guard let choice else { continue }
                let supplier = suppliers[eligible[lot][choice].supplier.identity]!
                capacity[supplier] -= 1
                if capacity[supplier] < 0 { return nil }
                weight += weights[lot][choice]
            }
            let lots = eligible.indices.map { lot -> [MaxWeightAssignment.Candidate] in
                guard fixed[lot] == nil else { return [] }
                return eligible[lot].enumerated().map {
                    .init(supplier: suppliers[$0.element.supplier.identity]!, weight: weights[lot][$0.offset])
                }
            }
            let free = MaxWeightAssignment(lots: lots, suppliers: suppliers.count, capacity: capacity).solve()
            var chosen = free.chosen
            for (lot, choice) in fixed { chosen[lot] = choice }
            return (weight + free.weight, chosen)
        }
        let best = solve([:])!
        var chosen = best.chosen
        var fixed: [Int: Int?] = [:]
        for lot in eligible.indices {
            let current = chosen[lot] ?? eligible[lot].count
            for better in 0..<current {
                var trial = fixed
                trial[lot] = better
                if let result = solve(trial), result.weight == best.weight {
                    chosen = result.chosen
                    break
                }
            }
            fixed[lot] = .some(chosen[lot])
        }
        let sum = MaxWeightAssignment.decimal(
            eligible.indices.compactMap { lot in chosen[lot].map { weights[lot][$0] } }.reduce(0, +))
        let lines = order.enumerated().map { index, lot -> LotAwardLine in
            let all = eligible[index]
            guard let first = all.first else { return line(lot, eligible: all, awarded: nil, reason: Self.noEligible) }
            let total = "the largest sum of weighted totals within the limit, \(DecimalText.exact(sum))"
            guard let choice = chosen[index] else {
                return line(
                    lot, eligible: all, awarded: nil,
                    reason: "left unawarded by the best-combination mechanism: every eligible tender's supplier is "
                        + "awarded its maximum of \(maximum) elsewhere in the combination with \(total)")
            }
            let pick = eligible[index][choice]
            if choice == 0 {
                return line(
                    lot, eligible: all, awarded: pick,
                    reason: "awarded to the first-ranked tender, part of the combination with \(total)")
            }
            var trial: [Int: Int?] = [:]
            trial[index] = 0
            let alternative = solve(trial).map {
                "; the best combination that gives this lot to \(first.key) sums to "
                    + DecimalText.exact(MaxWeightAssignment.decimal($0.weight))
            }
            let others = lotting.awardOrder.filter { other in
                other != lot
                    && chosen[order.firstIndex(of: other)!].map {
                        eligible[order.firstIndex(of: other)!][$0].supplier.identity == first.supplier.identity
                    } ?? false
            }
            let holds = others.isEmpty ? "" : " and is awarded \(plural(others)) in it"
            return line(
                lot, eligible: all, awarded: pick,
                reason:
                    "moved from \(first.key) (\(first.supplier.name)) to \(pick.key) (\(pick.supplier.name), ranked "
                    + "\(pick.rank!)) by the best-combination mechanism: one supplier may be awarded at most \(maximum) "
                    + "\(maximum == 1 ? "lot" : "lots"); \(first.supplier.name) is limited\(holds); the combination "
                    + "chosen has \(total)\(alternative ?? "")")
        }
        return (lines, sum)
    }
}
