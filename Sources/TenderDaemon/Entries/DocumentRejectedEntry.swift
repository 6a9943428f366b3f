import TenderLedger
public import TenderScoring

/// `document-rejected`: a file the daemon could not accept, with every reason, kept as a blob when it could be
/// read (its hash only, as `document_digest`, when it was too large).
public enum DocumentRejectedEntry: LedgerEntryType {
    public static let type = "document-rejected"

    static func draft(
        _ claim: Claim, sha: String, bytes: [UInt8]?, size: Int, reasons: [String], recordedAt: String,
        intake: IntakeRecord
    ) -> EntryDraft {
        var body: [String: JSONValue] = [
            "name": .string(claim.originalName), "claim": .string(claim.claimName), "size": .integer(Int64(size)),
            "reasons": .array(reasons.map { .string($0) }), "seen_at": .string(claim.seenAt.description),
            "recorded_at": .string(recordedAt), "source": "tender serve",
        ]
        var blobs: [LedgerBlob] = []
        if let bytes {
            body["document_sha256"] = .string(sha)
            blobs = [LedgerBlob(bytes: bytes, mediaType: "application/octet-stream", hashedAs: sha)]
        } else if !sha.isEmpty {
            body["document_digest"] = .string(sha)
        }
        return EntryDraft(type: type, body: body, blobs: blobs, intake: intake)
    }

    public static func summary(_ body: JSONValue) -> String {
        "\(EntryText.text(body["name"])) rejected: \(EntryText.first(body["reasons"]))"
    }
}
