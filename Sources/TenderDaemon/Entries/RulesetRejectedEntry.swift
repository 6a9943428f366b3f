import TenderLedger
public import TenderScoring

/// `ruleset-rejected`: a changed rules folder failed validation or its rule tests; the last good set stays active.
public enum RulesetRejectedEntry: LedgerEntryType {
    public static let type = "ruleset-rejected"

    static func draft(digest: String, problems: [String], stillActive: String?, recordedAt: String) -> EntryDraft {
        EntryDraft(
            type: type,
            body: [
                "ruleset_digest": .string(digest), "problems": .array(problems.map { .string($0) }),
                "still_active_digest": .optional(stillActive), "recorded_at": .string(recordedAt),
                "source": "tender serve",
            ])
    }

    public static func summary(_ body: JSONValue) -> String {
        let active = body["still_active_digest"].flatMap { $0 == .null ? nil : EntryText.short($0) }
        return "rule set \(EntryText.short(body["ruleset_digest"])) rejected"
            + (active.map { " (\($0) stays active)" } ?? " (no rule set active)") + ": "
            + EntryText.first(body["problems"])
    }
}
