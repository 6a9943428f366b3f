import TenderLedger
public import TenderScoring

/// `document-duplicate`: the same bytes arrived again; recorded, not scored twice.
public enum DocumentDuplicateEntry: LedgerEntryType {
    public static let type = "document-duplicate"

    static func draft(
        _ claim: Claim, sha: String, firstClaim: String, firstSeq: Int?, recordedAt: String, intake: IntakeRecord
    ) -> EntryDraft {
        EntryDraft(
            type: type,
            body: [
                "name": .string(claim.originalName), "claim": .string(claim.claimName), "document_digest": .string(sha),
                "first_claim": .string(firstClaim), "first_seq": firstSeq.map { .integer(Int64($0)) } ?? .null,
                "seen_at": .string(claim.seenAt.description), "recorded_at": .string(recordedAt),
                "source": "tender serve",
            ],
            intake: intake)
    }

    public static func summary(_ body: JSONValue) -> String {
        let original =
            EntryText.integer(body["first_seq"]).map { "entry #\($0)" } ?? "a document earlier in the same round"
        return
            "\(EntryText.text(body["name"])): the same bytes as \(original) (\(EntryText.text(body["first_claim"]))), "
            + "not scored twice"
    }
}
