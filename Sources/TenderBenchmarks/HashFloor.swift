import Crypto
import Foundation
import GRDB
import TenderLedger

/// The floor for `verify`: read every entry body and every blob out of the ledger and SHA-256 each once, through
/// the verifier's own readers (one read-only connection per core, the same chunks), and nothing else (no
/// canonical form, chain, Merkle tree, references or signatures). Verify must hash exactly these bytes.
struct HashFloor {
    let path: String
    /// Whether SQLite maps the file (`mmap_size`) instead of reading pages with system calls, as verify does not:
    /// faster reads, but a resident size as large as the file.
    var mapped = false
    /// Rows per chunk a worker takes at a time (verify's own chunk size).
    var rowsPerChunk = 256

    /// Reads and hashes everything; returns how many entries and blobs it hashed.
    func run() throws -> (entries: Int, blobs: Int) {
        let workers = try LedgerReadWorkers(
            path: path, count: ProcessInfo.processInfo.activeProcessorCount, mapped: mapped)
        let entries = try hashAll(workers, table: "entries", column: "body")
        let blobs = try hashAll(workers, table: "blobs", column: "bytes")
        return (entries, blobs)
    }

    /// Hashes `column` of every row of `table`, chunk by chunk by rowid, on every core; returns the row count.
    private func hashAll(_ workers: LedgerReadWorkers, table: String, column: String) throws -> Int {
        let bounds = try workers.map(1) { db, _ -> (lowest: Int?, highest: Int?) in
            let row = try Row.fetchOne(db, sql: "SELECT MIN(rowid), MAX(rowid) FROM \(table)")
            return (row?[0], row?[1])
        }[0]
        let ranges = KeyRanges(lowest: bounds.lowest, highest: bounds.highest, width: rowsPerChunk).ranges
        let chunks = try workers.map(ranges.count) { db, index in
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT \(column) FROM \(table) WHERE rowid >= ? AND rowid <= ? ORDER BY rowid",
                arguments: [ranges[index].lowerBound, ranges[index].upperBound])
            var rows = 0
            var digest: UInt8 = 0
            while let row = try cursor.next() {
                // Fold one byte of each digest in, so the hashing cannot be optimised away.
                digest ^= try row.withUnsafeData(atIndex: 0) {
                    SHA256.hash(data: $0 ?? Data()).withUnsafeBytes { $0[0] }
                }
                rows += 1
            }
            return (rows: rows, digest: digest)
        }
        return chunks.reduce(0) { $0 + $1.rows }
    }
}
