/// Bytes stored content-addressed in the ledger (documents, rule files, plugin modules, reports).
public struct LedgerBlob: Sendable, Hashable {
    /// The exact bytes.
    public let bytes: [UInt8]
    /// An optional media type (`application/yaml`, `application/wasm`, …). Informational, not hashed.
    public let mediaType: String?
    /// Lowercase hex SHA-256 of ``bytes``: the blob's address.
    public let sha256: String

    /// A blob for `bytes`.
    public init(bytes: [UInt8], mediaType: String? = nil) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.sha256 = Hex.sha256(bytes)
    }

    /// A blob for `bytes` whose SHA-256 the caller has just computed from these very bytes (the daemon hashes
    /// each file once, on the core that read it). Within this package only.
    package init(bytes: [UInt8], mediaType: String?, hashedAs sha256: String) {
        assert(sha256 == Hex.sha256(bytes), "the blob's address must be the SHA-256 of its bytes")
        self.bytes = bytes
        self.mediaType = mediaType
        self.sha256 = sha256
    }
}
