public import TenderLedger
public import TenderScoring

/// `stage-concluded`: the outcome of one stage of a procedure with stages (``StageOutcome``): who goes forward to
/// the next stage and who is dropped, with each dropped supplier's rank and reason. Written by the daemon after the
/// stage's first final evaluation (its `procurement-evaluated` entry, named by the SHA-256 of its canonical
/// result); from then on the stage takes no more documents, and later stages take tenders only from the suppliers
/// it took forward. `tender ledger replay` applies the stage's rule again to that evaluation, replayed, and compares.
public enum StageConcludedEntry: LedgerEntryType {
    public static let type = "stage-concluded"

    public static func draft(
        methodology: Methodology, methodologyName: String, methodologySHA256: String, rulesetDigest: String,
        outcome: StageOutcome, result: EvaluationResult, recordedAt: String, decisionSHA256: String?, source: String
    ) -> EntryDraft {
        var body: [String: JSONValue] = [
            "procurement": .string(methodology.procurement.reference), "lot": .optional(methodology.procurement.lot),
            "stage": .string(outcome.stage.id), "methodology": .string(methodology.id),
            "methodology_name": .string(methodologyName), "methodology_sha256": .string(methodologySHA256),
            "ruleset_digest": .string(rulesetDigest), "outcome": outcome.json,
            "result_digest": .string(LotsAwardedEntry.resultDigest(result)),
            "recorded_at": .string(recordedAt), "source": .string(source),
        ]
        if let decisionSHA256 { body["decision_sha256"] = .string(decisionSHA256) }
        return EntryDraft(type: type, body: body)
    }

    /// The stage a body concludes.
    static func key(_ body: JSONValue) -> ProcurementKey? {
        guard let reference = body["procurement"]?.stringValue, let stage = body["stage"]?.stringValue else {
            return nil
        }
        return ProcurementKey(reference: reference, lot: body["lot"]?.stringValue, stage: stage)
    }

    public static func summary(_ body: JSONValue) -> String {
        let outcome = body["outcome"]
        let forward = (outcome?["progressed"]?.arrayValue ?? []).map { EntryText.text($0["tender"]) }
        let dropped = (outcome?["dropped"]?.arrayValue ?? []).map { EntryText.text($0["tender"]) }
        return "stage \(EntryText.text(outcome?["number"])) (\(EntryText.text(body["stage"]))): "
            + "forward \(forward.isEmpty ? "none" : forward.joined(separator: ", "))"
            + (dropped.isEmpty ? "" : "; dropped \(dropped.joined(separator: ", "))")
    }
}
