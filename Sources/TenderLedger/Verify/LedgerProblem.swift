/// One thing wrong with a ledger, found by ``LedgerVerifier``.
public struct LedgerProblem: Sendable, Hashable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: String, Sendable, Hashable {
        /// A sequence number is missing (a row was deleted) or out of order.
        case missingEntry = "missing-entry"
        /// The body bytes are not JSON.
        case bodyNotJSON = "body-not-json"
        /// The body is JSON but not in canonical form.
        case bodyNotCanonical = "body-not-canonical"
        /// `body.seq` or `body.type` disagree with the row.
        case bodyMismatch = "body-mismatch"
        /// The stored leaf hash is not `SHA-256(0x00 ‖ body)`.
        case leafHashMismatch = "leaf-hash-mismatch"
        /// The stored chain hash does not follow from the previous row.
        case chainMismatch = "chain-mismatch"
        /// A blob reference is malformed.
        case badBlobReference = "bad-blob-reference"
        /// A referenced blob is not stored.
        case missingBlob = "missing-blob"
        /// A blob's bytes do not hash to its address.
        case blobTampered = "blob-tampered"
        /// A stored checkpoint note does not verify with the ledger key.
        case checkpointSignature = "checkpoint-signature"
        /// A signed checkpoint's root differs from the root recomputed from the entries.
        case checkpointMismatch = "checkpoint-mismatch"
        /// A checkpoint covers more entries than the ledger has (entries removed).
        case truncated = "truncated"
        /// The trusted checkpoint given by the auditor is not valid.
        case trustedCheckpointInvalid = "trusted-checkpoint-invalid"
        /// The ledger is smaller than the trusted checkpoint (rolled back).
        case rollback = "rollback"
        /// The ledger's prefix differs from the trusted checkpoint (history rewritten).
        case fork = "fork"
    }

    /// The class of problem.
    public let kind: Kind
    /// The entry concerned, when one can be named.
    public let seq: Int?
    /// What is wrong, in words.
    public let message: String

    /// A problem.
    public init(kind: Kind, seq: Int?, message: String) {
        self.kind = kind
        self.seq = seq
        self.message = message
    }

    public var description: String {
        if let seq { return "\(kind.rawValue): entry \(seq): \(message)" }
        return "\(kind.rawValue): \(message)"
    }
}
