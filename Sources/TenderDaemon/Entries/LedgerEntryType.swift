public import TenderScoring

/// One type of ledger entry and its one owner: the type's name, the builder of its body (every route that writes
/// the type, the daemon or `tender score --ledger`, calls it), and how the body reads as one line in
/// `tender ledger show`. The bodies are listed in the ledger format document (`LedgerFormat.md`).
public protocol LedgerEntryType: Sendable {
    /// The entry's `type`.
    static var type: String { get }

    /// What the entry says, in a few words, for `tender ledger show` (after its number, time, type and
    /// procurement).
    static func summary(_ body: JSONValue) -> String
}

/// Every entry type tender writes, by name.
public enum LedgerEntryTypes {
    public static let all: [any LedgerEntryType.Type] = [
        DaemonStartEntry.self, RulesetActivatedEntry.self, RulesetRejectedEntry.self, RulesetRestoredEntry.self,
        DocumentReceivedEntry.self, DocumentRejectedEntry.self, DocumentDuplicateEntry.self,
        SubmissionAssessedEntry.self, SubmissionSupersededEntry.self, DecisionRecordedEntry.self, EvaluationEntry.self,
        LotsAwardedEntry.self, StageConcludedEntry.self, ReportWrittenEntry.self,
    ]

    private static let byType: [String: any LedgerEntryType.Type] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.type, $0) })

    /// The owner of `type`, or nil for a type this version does not write.
    public static func owner(of type: String) -> (any LedgerEntryType.Type)? { byType[type] }
}
