public import TenderLedger
public import TenderScoring

/// `document-received`: a document accepted into a procurement, stored whole as a blob. Written by the daemon
/// for each accepted submission, marks document and close request, and by `tender score --ledger` for each
/// document it scores (which has no claim and no time first seen: both null). Read back by the daemon's
/// procurement book at start and by replay.
public enum DocumentReceivedEntry: LedgerEntryType {
    public static let type = "document-received"

    /// The entry for `bytes` (whose SHA-256 is `sha256`), received as `name`.
    public static func draft(
        key: ProcurementKey, kind: String, name: String, sha256: String, bytes: [UInt8], rulesetDigest: String,
        claim: String?, seenAt: Timestamp?, recordedAt: String, source: String, intake: IntakeRecord? = nil,
        lots: [String] = [], stage: String? = nil
    ) -> EntryDraft {
        var body: [String: JSONValue] = [
            "procurement": .string(key.reference), "lot": .optional(key.lot), "kind": .string(kind),
            "name": .string(name), "claim": .optional(claim), "document_sha256": .string(sha256),
            "seen_at": .optional(seenAt?.description), "ruleset_digest": .string(rulesetDigest),
            "recorded_at": .string(recordedAt), "source": .string(source),
        ]
        // A tender for several lots, or a close of every lot, belongs to each of them.
        if !lots.isEmpty { body["lots"] = .array(lots.map { .string($0) }) }
        // A document for a stage of a procedure with stages names it (earlier entries have no member).
        if let stage { body["stage"] = .string(stage) }
        return EntryDraft(
            type: type, body: body,
            blobs: [LedgerBlob(bytes: bytes, mediaType: "application/yaml", hashedAs: sha256)],
            intake: intake)
    }

    /// The procurement a body names.
    static func procurement(_ body: JSONValue) -> ProcurementKey? {
        body["procurement"]?.stringValue.map {
            ProcurementKey(reference: $0, lot: body["lot"]?.stringValue, stage: body["stage"]?.stringValue)
        }
    }

    /// The procurements (lots) whose evaluations the document is an input of: each lot a body lists (`lots`), else
    /// the one it names.
    static func procurements(_ body: JSONValue) -> [ProcurementKey] {
        guard let key = procurement(body) else { return [] }
        let lots = (body["lots"]?.arrayValue ?? []).compactMap(\.stringValue)
        return lots.isEmpty ? [key] : lots.map { ProcurementKey(reference: key.reference, lot: $0, stage: key.stage) }
    }

    /// The submission or marks document a body describes; nil for close requests and other kinds.
    static func document(_ body: JSONValue) -> ReceivedDocument? {
        guard let kind = body["kind"]?.stringValue, ["submission", "marks", "decision", "close"].contains(kind),
            let sha = body["document_sha256"]?.stringValue, let name = body["name"]?.stringValue
        else { return nil }
        return ReceivedDocument(
            kind: kind, sha: sha, name: name, seenAt: body["seen_at"]?.stringValue.flatMap { Timestamp(rfc3339: $0) })
    }

    public static func summary(_ body: JSONValue) -> String {
        "\(EntryText.text(body["name"])) (\(EntryText.text(body["kind"]))), document "
            + EntryText.short(body["document_sha256"])
    }
}
