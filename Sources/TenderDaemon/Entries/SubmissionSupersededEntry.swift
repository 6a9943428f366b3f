import TenderLedger
public import TenderScoring

/// `submission-superseded`: one of a supplier's submissions replaces another, by the evaluation's own rule (see
/// ``IntakeDecider/supersessions(of:earlier:deadline:)``).
public enum SubmissionSupersededEntry: LedgerEntryType {
    public static let type = "submission-superseded"

    static func draft(_ context: ScoringContext, supplier: String, superseded: String, by: String) -> EntryDraft {
        EntryDraft(
            type: type,
            body: context.members.merging([
                "supplier": .string(supplier), "superseded_sha256": .string(superseded), "by_sha256": .string(by),
                "note": "the later submission replaces the earlier one unless it arrived after the deadline",
            ]) { $1 })
    }

    public static func summary(_ body: JSONValue) -> String {
        "\(EntryText.text(body["supplier"])): document \(EntryText.short(body["superseded_sha256"])) superseded by "
            + EntryText.short(body["by_sha256"])
    }
}
