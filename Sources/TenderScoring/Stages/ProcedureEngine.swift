/// Evaluates a procedure with stages from its documents, stage by stage, the way the daemon does: each stage's
/// documents (those naming it in `stage:`) under its methodology, a stage's outcome from its evaluation once final,
/// and each later stage's submissions only from the suppliers every earlier stage took forward (the others are
/// refused, with the reason: ``StageAdmission``). For `tender score` and rule tests; the daemon applies the same
/// parts as documents arrive.
public struct ProcedureEngine: Sendable {
    /// One stage's evaluation and outcome.
    public struct StageRun: Sendable {
        public var methodology: Methodology
        public var result: EvaluationResult
        /// `nil` for the final stage, and for a stage whose evaluation is not final (it has not concluded).
        public var outcome: StageOutcome?
    }

    /// A submission a stage did not admit.
    public struct Refusal: Sendable, Hashable {
        public var documentID: String
        public var stage: String
        public var tender: String
        public var reason: String
    }

    public let procedure: StagedProcedure
    public let plugins: (any PluginEvaluator)?

    public init(procedure: StagedProcedure, plugins: (any PluginEvaluator)?) {
        self.procedure = procedure
        self.plugins = plugins
    }

    public func evaluate(submissions: [Submission], marks: [MarksDocument], decisions: [Decision])
        -> (stages: [StageRun], refused: [Refusal])
    {
        var runs: [StageRun] = []
        var refused: [Refusal] = []
        var outcomes: [String: StageOutcome] = [:]
        let declared = procedure.declared
        for methodology in procedure.stages {
            let stage = methodology.stage!
            var admitted: [Submission] = []
            for submission in submissions where submission.stage == stage.id {
                if let reason = StageAdmission.refusal(
                    identity: submission.supplier.identity, name: submission.supplier.name, stage: stage,
                    earlier: declared, outcomes: outcomes)
                {
                    refused.append(
                        Refusal(
                            documentID: submission.documentID, stage: stage.id, tender: submission.tenderKey,
                            reason: reason))
                } else {
                    admitted.append(submission)
                }
            }
            let result = ScoringEngine(methodology: methodology, plugins: plugins).evaluate(
                submissions: admitted, marks: marks.filter { $0.stage == stage.id },
                decisions: decisions.filter { $0.stage == stage.id })
            let outcome = result.isFinal ? StageProgression.outcome(of: stage, result: result) : nil
            if let outcome { outcomes[stage.id] = outcome }
            runs.append(StageRun(methodology: methodology, result: result, outcome: outcome))
        }
        return (runs, refused)
    }
}
