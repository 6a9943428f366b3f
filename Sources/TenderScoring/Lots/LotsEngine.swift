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
            let result = ScoringEngine(methodology: methodology, plugins: plugins).evaluate(
                submissions: submissions, marks: marks, decisions: decisions)
            let single = Lotting(
                lots: [LotDeclaration(id: methodology.procurement.lot ?? "1", title: nil, estimatedValue: nil)],
                limits: .none, awardOrder: [methodology.procurement.lot ?? "1"], orderRule: "as listed")
            let results = [single.ids[0]: result]
            return Outcome(
                results: results,
                award: LotAwarder(lotting: single, procurement: methodology.procurement.reference).award(results))
        }
        var results: [String: EvaluationResult] = [:]
        var inputs: [String: ([Submission], [MarksDocument], [Decision])] = [:]
        for lot in lotting.ids {
            let engine = ScoringEngine(methodology: methodology.lot(lot), plugins: plugins)
            let lotInputs = (
                Self.tenders(for: lot, of: submissions, methodology: methodology), marks.filter { $0.lot == lot },
                decisions.filter { $0.lot == lot }
            )
            inputs[lot] = lotInputs
            results[lot] = engine.evaluate(submissions: lotInputs.0, marks: lotInputs.1, decisions: lotInputs.2)
        }
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
        lot: (String) -> (engine: ScoringEngine, inputs: ([Submission], [MarksDocument], [Decision]))
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
