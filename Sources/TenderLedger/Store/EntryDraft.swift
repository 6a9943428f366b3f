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
    /// Blobs to store in the same transaction (deduplicated by hash).
    public let blobs: [LedgerBlob]

    /// A draft entry.
    public init(type: String, body: [String: JSONValue], blobs: [LedgerBlob] = []) {
        self.type = type
        self.body = body
        self.blobs = blobs
    }
}
