public import TenderLedger
public import TenderScoring

/// `decision-recorded`: a buyer's decision accepted for a procurement (after its `document-received` entry): what
/// was decided about which tender, by whom, when and on what basis, and which earlier decision it replaces.
public enum DecisionRecordedEntry: LedgerEntryType {
    public static let type = "decision-recorded"

    /// The entry, as `tender score --ledger` writes it.
    public static func draft(
        key: ProcurementKey, methodology: String, rulesetDigest: String, recordedAt: String, source: String,
        decision: Decision, tender: String, supersedes: String?
    ) -> EntryDraft {
        draft(
            ScoringContext(
                key: key, methodology: methodology, rulesetDigest: rulesetDigest, recordedAt: recordedAt,
                source: source), decision: decision, tender: tender, supersedes: supersedes)
    }

    static func draft(_ context: ScoringContext, decision: Decision, tender: String, supersedes: String?)
        -> EntryDraft
    {
        var gate: String?
        if case .flagGate(let id, _) = decision.kind { gate = id }
        return EntryDraft(
            type: type,
            body: context.members.merging([
                "tender": .string(decision.tender), "tender_key": .string(tender),
                "decision": .string(decision.kind.name), "outcome": .string(decision.outcome),
                "document_sha256": .string(decision.documentID),
                "decided_by": .object(["id": .string(decision.decidedBy.id), "role": .string(decision.decidedBy.role)]),
                "decided_at": .string(decision.decidedAt.description), "basis": .string(decision.basis),
                "gate": .optional(gate), "supersedes_sha256": .optional(supersedes),
            ]) { $1 })
    }

    public static func summary(_ body: JSONValue) -> String {
        let gate = body["gate"]?.stringValue.map { " gate \($0)" } ?? ""
        let supersedes = body["supersedes_sha256"]?.stringValue.map { "; supersedes \(EntryText.short(.string($0)))" }
        return "\(EntryText.text(body["tender_key"])): \(EntryText.text(body["decision"]))\(gate) "
            + "\(EntryText.text(body["outcome"])) by \(EntryText.text(body["decided_by"]?["id"])) "
            + "(\(EntryText.text(body["decided_by"]?["role"]))) on \(EntryText.text(body["decided_at"])), basis "
            + "\(EntryText.text(body["basis"])), document \(EntryText.short(body["document_sha256"]))"
            + (supersedes ?? "")
    }
}
