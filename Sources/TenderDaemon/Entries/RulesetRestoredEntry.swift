import TenderLedger
public import TenderScoring

/// `ruleset-restored`: after a rejection, the rule files lead back to the active set (the original put back, the
/// broken file deleted), so the reload alert is over.
public enum RulesetRestoredEntry: LedgerEntryType {
    public static let type = "ruleset-restored"

    static func draft(digest: String, rejected: String, recordedAt: String) -> EntryDraft {
        EntryDraft(
            type: type,
            body: [
                "ruleset_digest": .string(digest), "rejected_digest": .string(rejected),
                "recorded_at": .string(recordedAt), "source": "tender serve",
            ])
    }

    public static func summary(_ body: JSONValue) -> String {
        "rule files valid again: \(EntryText.short(body["ruleset_digest"])) active, the rejected "
            + "\(EntryText.short(body["rejected_digest"])) is gone"
    }
}
