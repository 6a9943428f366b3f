public import TenderScoring

/// An entry to append: its type, body members and the blobs it references.
///
/// The store adds `"seq"` and `"type"` to the body, so `body` must not contain them. Any member whose key
/// ends in `_sha256` is a blob reference (see ``BlobReferences``) and must name a blob in `blobs` or one
/// already stored.
public struct EntryDraft: Sendable, Hashable {
    /// The entry type, e.g. `submission_assessed`.
    public let type: String
    /// The body members (without `seq` and `type`).
    public let body: [String: JSONValue]
    /// More body members, serialized ahead (their keys must not be in ``body``).
    public let serialized: [String: SerializedJSON]
    /// Blobs to store in the same transaction (deduplicated by hash).
    public let blobs: [LedgerBlob]
    /// The intake record (idempotency key) committed with this entry, for entries that account for a file.
    public let intake: IntakeRecord?

    /// A draft entry; members in `serialized` are written as their bytes, in key order with those of `body`.
    public init(
        type: String, body: [String: JSONValue], serialized: [String: SerializedJSON] = [:], blobs: [LedgerBlob] = [],
        intake: IntakeRecord? = nil
    ) {
        self.type = type
        self.body = body
        self.serialized = serialized
        self.blobs = blobs
        self.intake = intake
    }
}

/// How one claimed inbox file was accounted for: the daemon's idempotency key, committed in the same
/// transaction as the entry that records it, so that a crash can neither lose a file nor count it twice.
public struct IntakeRecord: Sendable, Hashable {
    /// The unique name the file was claimed under (`processing/<claim>`).
    public let claim: String
    /// Lowercase hex SHA-256 of the file's bytes: the document's identity.
    public let sha256: String
    /// `accepted`, `rejected` or `duplicate`.
    public let outcome: String
    /// The entry's sequence number, once appended.
    public let seq: Int?

    public init(claim: String, sha256: String, outcome: String, seq: Int? = nil) {
        self.claim = claim
        self.sha256 = sha256
        self.outcome = outcome
        self.seq = seq
    }
}
