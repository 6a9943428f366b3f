import Foundation
import GRDB

/// One stored blob as the verifier found it (internal to ``LedgerVerifier``).
struct BlobCheck: Sendable {
    /// The address the blob is stored under.
    let address: String
    /// The hex SHA-256 of its bytes when that differs from ``address``; nil when the blob is intact.
    let tamperedHash: String?

    /// The checks of the blobs with `rowid` in `rowids`, in `rowid` order (the order of a plain table scan).
    static func read(_ db: Database, rowids: ClosedRange<Int>) throws -> [BlobCheck] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT sha256, bytes FROM blobs WHERE rowid >= ? AND rowid <= ? ORDER BY rowid",
            arguments: [rowids.lowerBound, rowids.upperBound])
        var checks: [BlobCheck] = []
        while let row = try rows.next() {
            let address: String = row[0]
            let actual = try row.withUnsafeData(atIndex: 1) { Hex.encode(SHA256Hashing.sha256($0 ?? Data())) }
            checks.append(BlobCheck(address: address, tamperedHash: actual == address ? nil : actual))
        }
        return checks
    }
}
