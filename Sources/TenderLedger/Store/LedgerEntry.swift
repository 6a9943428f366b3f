public import TenderScoring

/// A stored entry: its position, canonical body bytes and hashes.
public struct LedgerEntry: Sendable, Hashable {
    /// The 0-based position (also `body.seq`).
    public let seq: Int
    /// The entry type (also `body.type`).
    public let type: String
    /// The canonical JSON bytes that were hashed.
    public let body: [UInt8]
    /// `SHA-256(0x00 ‖ body)`.
    public let leafHash: [UInt8]
    /// `SHA-256(0x02 ‖ chain(seq − 1) ‖ leafHash)`.
    public let chainHash: [UInt8]

    /// An entry from its stored columns.
    public init(seq: Int, type: String, body: [UInt8], leafHash: [UInt8], chainHash: [UInt8]) {
        self.seq = seq
        self.type = type
        self.body = body
        self.leafHash = leafHash
        self.chainHash = chainHash
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The parsed body.
    ///
    /// - Throws: `JSONParser.Failure` when the stored bytes are not JSON (a tampered ledger).
    public func json() throws(JSONParser.Failure) -> JSONValue {
        try JSONParser(maximumDepth: 256).parse(body)
    }
}
