public import TenderLedger
import TenderPlugins
public import TenderScoring

/// `ruleset-activated`: a rule set became the one documents are scored under, with every file of it stored as a
/// blob. The daemon records a set when its digest differs from the last one recorded; `tender score --ledger`
/// records the one methodology it scores with (a set of one file, whose digest is that file's SHA-256).
public enum RulesetActivatedEntry: LedgerEntryType {
    public static let type = "ruleset-activated"

    public static func draft(_ ruleSet: RuleSet, recordedAt: String, source: String) -> EntryDraft {
        let files: [JSONValue] = ruleSet.files.map {
            .object(["name": .string($0.name), "file_sha256": .string($0.sha256)])
        }
        let methodologies: [JSONValue] = ruleSet.methodologies.keys.sorted().map { key in
            let entry = ruleSet.methodologies[key]!
            return .object([
                "id": .string(entry.methodology.id), "procurement": .string(key.reference), "lot": .optional(key.lot),
                "methodology_sha256": .string(entry.file.sha256),
            ])
        }
        return EntryDraft(
            type: type,
            body: [
                "ruleset_digest": .string(ruleSet.digest), "files": .array(files),
                "methodologies": .array(methodologies), "engine": .string(ScoringEngine.version),
                "recorded_at": .string(recordedAt), "source": .string(source),
                "plugins": .array(ruleSet.plugins.members.map(\.json)),
            ],
            blobs: ruleSet.files.map { LedgerBlob(bytes: $0.bytes, mediaType: "application/yaml") }
                + ruleSet.plugins.members.flatMap {
                    [
                        LedgerBlob(bytes: $0.manifestBytes, mediaType: "application/yaml"),
                        LedgerBlob(bytes: $0.moduleBytes, mediaType: "application/wasm"),
                    ]
                })
    }

    /// The digest and sequence number a body records.
    static func digest(_ body: JSONValue) -> String? { body["ruleset_digest"]?.stringValue }

    /// Reads bodies of both forms: `methodologies` (since 0.7.0, both routes), and the single `methodology` that
    /// `tender score --ledger` recorded before.
    public static func summary(_ body: JSONValue) -> String {
        var methodologies = (body["methodologies"]?.arrayValue ?? []).map { EntryText.text($0["id"]) }
        if methodologies.isEmpty, let single = body["methodology"]?.stringValue { methodologies = [single] }
        let files = body["files"]?.arrayValue?.count ?? (body["methodology_sha256"] == nil ? 0 : 1)
        let plugins = body["plugins"]?.arrayValue?.count ?? 0
        return "rule set \(EntryText.short(body["ruleset_digest"])): methodologies "
            + (methodologies.isEmpty ? "none" : methodologies.joined(separator: ", "))
            + "; \(EntryText.count(files, "file")), \(EntryText.count(plugins, "plugin")); engine "
            + EntryText.text(body["engine"])
    }
}
