import TenderLedger
public import TenderScoring

/// The `daemon-started` ledger entry: one per start of `tender serve`, saying which version ran, under which
/// rule set (the digest, and the `ruleset-activated` entry that recorded it) and with which settings. A start
/// with unchanged rules records only this; the rule set is recorded again only when it changes.
public enum DaemonStartEntry: LedgerEntryType {
    public static let type = "daemon-started"

    /// The settings an auditor may want to know, as JSON (paths and numbers; the daemon has no secrets in them).
    static func settings(_ settings: DaemonSettings) -> JSONValue {
        func number(_ value: Double) -> JSONValue { .string("\(value)") }
        return .object([
            "rules": .string(settings.rules), "plugins": .string(settings.plugins), "inbox": .string(settings.inbox),
            "state": .string(settings.state), "scan_interval": number(settings.scanInterval),
            "stable_for": number(settings.stableFor), "checkpoint_interval": number(settings.checkpointInterval),
            "checkpoint_every": .integer(Int64(settings.checkpointEvery)),
            "max_document_bytes": .integer(Int64(settings.maxDocumentBytes)),
            "batch_size": .integer(Int64(settings.batchSize)),
            "rules_poll_interval": number(settings.rulesPollInterval),
            "metrics_interval": number(settings.metricsInterval),
        ])
    }

    static func draft(settings: DaemonSettings, rulesetDigest: String?, rulesetSeq: Int?, recordedAt: String)
        -> EntryDraft
    {
        let values = Self.settings(settings)
        return EntryDraft(
            type: type,
            body: [
                "version": .string(TenderVersion.current), "engine": .string(ScoringEngine.version),
                "ruleset_digest": .optional(rulesetDigest),
                "ruleset_seq": rulesetSeq.map { .integer(Int64($0)) } ?? .null,
                "settings": values, "settings_digest": .string(Hex.sha256(values.canonicalBytes)),
                "recorded_at": .string(recordedAt), "source": "tender serve",
            ])
    }

    public static func summary(_ body: JSONValue) -> String {
        let rules = body["ruleset_digest"].flatMap { $0 == .null ? nil : EntryText.short($0) }
        let seq = EntryText.integer(body["ruleset_seq"]).map { " (entry #\($0))" } ?? ""
        return "tender \(EntryText.text(body["version"])) started: rule set " + (rules.map { $0 + seq } ?? "none")
            + ", settings \(EntryText.short(body["settings_digest"]))"
    }
}
