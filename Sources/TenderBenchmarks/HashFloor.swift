import Crypto
import Dispatch
import Foundation
import GRDB
import Synchronization

/// The floor for `verify`: read every entry body and every blob out of the ledger and SHA-256 each once, on one
/// read-only connection per core as the verifier reads them (GRDB), and nothing else (no canonical form, chain,
/// Merkle tree, references or signatures). Verify must hash exactly these bytes.
struct HashFloor {
    let path: String
    /// Whether SQLite maps the file (`mmap_size`) instead of reading pages with system calls, as verify does not:
    /// faster reads, but a resident size as large as the file.
    var mapped = false
    /// Rows per chunk a worker takes at a time (verify's own chunk size).
    var rowsPerChunk = 256

    /// Reads and hashes everything; returns how many entries and blobs it hashed.
    func run() throws -> (entries: Int, blobs: Int) {
        let entries = try hashAll(table: "entries", column: "body")
        let blobs = try hashAll(table: "blobs", column: "bytes")
        return (entries, blobs)
    }

    /// Hashes `column` of every row of `table`, chunk by chunk by rowid, on every core; returns the row count.
    private func hashAll(table: String, column: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        if mapped {
            configuration.prepareDatabase { try $0.execute(sql: "PRAGMA mmap_size = \(1 << 40)") }
        }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let connections = try (0..<workers).map { _ in try DatabaseQueue(path: path, configuration: configuration) }
        let bounds = try connections[0].read { db in
            try Row.fetchOne(db, sql: "SELECT MIN(rowid), MAX(rowid) FROM \(table)")
        }
        guard let lowest: Int = bounds?[0], let highest: Int = bounds?[1] else { return 0 }
        let chunks = (highest - lowest) / rowsPerChunk + 1
        let state = Mutex((next: 0, rows: 0, digest: 0 as UInt8, failure: nil as String?))
        let rowsPerChunk = rowsPerChunk
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                let chunk = state.withLock { state -> Int? in
                    guard state.next < chunks else { return nil }
                    defer { state.next += 1 }
                    return state.next
                }
                guard let chunk else { return }
                let first = lowest + chunk * rowsPerChunk
                do {
                    let (rows, digest) = try connections[worker].read { db in
                        let cursor = try Row.fetchCursor(
                            db, sql: "SELECT \(column) FROM \(table) WHERE rowid >= ? AND rowid < ? ORDER BY rowid",
                            arguments: [first, first + rowsPerChunk])
                        var rows = 0
                        var digest: UInt8 = 0
                        while let row = try cursor.next() {
                            // Fold one byte of each digest in, so the hashing cannot be optimised away.
                            digest ^= try row.withUnsafeData(atIndex: 0) {
                                SHA256.hash(data: $0 ?? Data()).withUnsafeBytes { $0[0] }
                            }
                            rows += 1
                        }
                        return (rows, digest)
                    }
                    state.withLock {
                        $0.rows += rows
                        $0.digest ^= digest
                    }
                } catch {
                    state.withLock { $0.failure = "\(error)" }
                    return
                }
            }
        }
        return try state.withLock { state in
            if let failure = state.failure { throw Documents.Unexpected(description: "hash floor: \(failure)") }
            return state.rows
        }
    }
}
