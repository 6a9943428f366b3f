/// Evaluates every lot of a lotted procurement and awards the lots across them: each lot under its own methodology
/// (``Methodology/lot(_:)``) over the tenders for it (``Submission/lot(_:)``), beyond-limit tenders marked
/// (``LotTenderLimit``), then ``LotAwarder``. Pure and deterministic, like ``ScoringEngine``.
public struct LotsEngine: Sendable {
    /// Every lot's evaluation and the award across them.
    public struct Outcome: Sendable, Hashable {
        public var results: [String: EvaluationResult]
        public var award: LotAward

        public init(results: [String: EvaluationResult], award: LotAward) {
            self.results = results
            self.award = award
        }
    }

    public let methodology: Methodology
    public let plugins: (any PluginEvaluator)?

    public init(methodology: Methodology, plugins: (any PluginEvaluator)? = nil) {
        self.methodology = methodology
        self.plugins = plugins
    }

    /// The tenders one lot's evaluation sees: each document's view of the lot, with those beyond the supplier's
    /// limit on tendered lots marked. `tenders` is every tender of the procurement, in arrival order.
    public static func tenders(for lot: String, of tenders: [Submission], methodology: Methodology) -> [Submission] {
        let views = tenders.compactMap { $0.lot(lot) }
        guard let limit = LotTenderLimit(methodology) else { return views }
        return limit.apply(to: lot, views, across: tenders, deadline: methodology.procurement.tenderDeadline)
    }

    /// Evaluates every lot (documents in arrival order; marks and decisions name their lot) and awards them.
    public func evaluate(submissions: [Submission], marks: [MarksDocument], decisions: [Decision] = []) -> Outcome {
        guard let lotting = methodology.lotting else {
            preconditionFailure("LotsEngine evaluates a methodology with lots; use ScoringEngine for one without")
        }
        let ids = lotting.ids
        let engines = ids.map { ScoringEngine(methodology: methodology.lot($0), plugins: plugins) }
        // Who is beyond the limit on tendered lots, worked out once for every lot.
        let excess =
            LotTenderLimit(methodology)?.excess(submissions, deadline: methodology.procurement.tenderDeadline) ?? [:]
        // The lots are independent: their tenders taken and evaluated on every core, each result the same whichever
        // core made it.
        let evaluated = ConcurrentMap.map(ids.count) { index in
            let lot = ids[index]
            let inputs = (
                LotTenderLimit.mark(lot, submissions.compactMap { $0.lot(lot) }, excess: excess),
                marks.filter { $0.lot == lot }, decisions.filter { $0.lot == lot }
            )
            return (engines[index].evaluate(submissions: inputs.0, marks: inputs.1, decisions: inputs.2), inputs)
        }
        let results = Dictionary(uniqueKeysWithValues: zip(ids, evaluated.map(\.0)))
        let inputs = Dictionary(uniqueKeysWithValues: zip(ids, evaluated.map(\.1)))
        let award = Self.award(methodology, results: results) { lot in
            (ScoringEngine(methodology: methodology.lot(lot), plugins: plugins), inputs[lot]!)
        }
        return Outcome(results: results, award: award)
    }

    /// The award across lots with its cross-lot effects (``LotAwarder/effects(of:results:reevaluate:)``): a lot is
    /// evaluated again without a supplier by its engine over its inputs (tenders, marks, decisions), as `lot` gives
    /// them. The daemon, `tender score` and replay all award through here.
    public static func award(
        _ methodology: Methodology, results: [String: EvaluationResult],
        lot:
            @escaping @Sendable (String) -> (engine: ScoringEngine, inputs: ([Submission], [MarksDocument], [Decision]))
    ) -> LotAward {
        guard let lotting = methodology.lotting else {
            preconditionFailure("LotsEngine.award needs a methodology with lots")
        }
        let awarder = LotAwarder(lotting: lotting, procurement: methodology.procurement.reference)
        var award = awarder.award(results)
        award.effects = awarder.effects(of: award, results: results) { id, supplier in
            let (engine, inputs) = lot(id)
            return engine.ranking(
                submissions: inputs.0.filter { $0.supplier.identity != supplier }, marks: inputs.1, decisions: inputs.2)
        }
        return award
    }
}
