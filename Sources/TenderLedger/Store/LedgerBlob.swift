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
}
