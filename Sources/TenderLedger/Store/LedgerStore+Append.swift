import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import TenderScoring

extension LedgerStore {
    /// Appends a group of entries in one write transaction, storing their blobs in the same transaction.
    ///
    /// Each body gets `"seq"` (its 0-based position) and `"type"` added, is serialized canonically, and is
    /// hashed into the tree and the chain. When the size crosses a multiple of ``checkpointEvery`` and a
    /// signer is set, a signed checkpoint for the new size is written in the same transaction and then
    /// appended to `checkpoints.log`.
    /// - Returns: the stored entries, in order.
    /// - Throws: ``LedgerError`` when a draft is invalid, a referenced blob is missing, or SQLite fails.
    @discardableResult
    public func append(_ drafts: [EntryDraft]) throws(LedgerError) -> [LedgerEntry] {
        try append(drafts, keepingBodies: true).map { $0.entry! }
    }

    /// Appends like ``append(_:)`` and returns only the entries' sequence numbers, in order. With `first`, the
    /// entries were numbered from it (they cite each other, or reports cite them, by number): if the ledger does not
    /// hold exactly `first` entries, nothing is appended and ``LedgerError/moved(expected:size:)`` is thrown.
    ///
    /// A body of at least ``piecewiseBodyBytes`` (the recorded result of a large evaluation) is hashed and written
    /// to SQLite piece by piece (incremental blob I/O) from the draft's own bytes: the same stored bytes, and the body
    /// is never put together in memory, nor made again as SQLite's record of the row. (``append(_:)`` writes it the
    /// same way, then puts it together for the entry it returns.)
    @discardableResult
    public func appendReturningSeqs(_ drafts: [EntryDraft], first: Int? = nil) throws(LedgerError) -> [Int] {
        try append(drafts, keepingBodies: false, first: first).map(\.seq)
    }

    private func append(_ drafts: [EntryDraft], keepingBodies: Bool, first: Int? = nil) throws(LedgerError)
        -> [(seq: Int, entry: LedgerEntry?)]
    {
        guard !drafts.isEmpty else { return [] }
        // Laid out (and checked) before the transaction; a member serialized ahead is shared, not copied. Each is
        // let go once written.
        var templates: [EntryTemplate?] = try drafts.map { draft throws(LedgerError) in try EntryTemplate(draft) }
        let signer = self.signer
        let every = checkpointEvery
        let piecewise = piecewiseBodyBytes
        let result = try write("append") { db in
            var (seq, chain, accumulator) = try self.head(db)
            if let first, first != seq { throw LedgerError.moved(expected: first, size: seq) }
            let oldSize = seq
            var entries: [(seq: Int, entry: LedgerEntry?)] = []
            for (index, draft) in drafts.enumerated() {
                let template = templates[index]!
                templates[index] = nil
                try Self.insert(draft.blobs, db)
                for reference in template.references {
                    guard try Self.blobExists(reference, db) else {
                        throw LedgerError.missingBlob(sha256: reference, entryType: draft.type)
                    }
                }
                let leaf: [UInt8]
                var body: [UInt8]?
                let pieces = template.pieces(seq: seq)
                let count = pieces.reduce(0) { $0 + $1.count }
                if count >= piecewise {
                    leaf = MerkleTree.leafHash(pieces: pieces)
                    chain = SHA256Hashing.hash(prefix: 0x02, chain, leaf)
                    try Self.insertEntry(
                        seq: seq, type: draft.type, pieces: pieces, count: count, leaf: leaf, chain: chain, db)
                    if keepingBodies { body = EntryTemplate.body(pieces, count: count) }
                } else {
                    let bytes = EntryTemplate.body(pieces, count: count)
                    leaf = MerkleTree.leafHash(bytes)
                    chain = SHA256Hashing.hash(prefix: 0x02, chain, leaf)
                    try Self.insertEntry(seq: seq, type: draft.type, body: bytes, leaf: leaf, chain: chain, db)
                    if keepingBodies { body = bytes }
                }
                if let intake = draft.intake {
                    try db.cachedStatement(sql: "INSERT INTO intake(claim, sha256, seq, outcome) VALUES (?, ?, ?, ?)")
                        .execute(arguments: [intake.claim, intake.sha256, seq, intake.outcome])
                }
                accumulator.append(leafHash: leaf)
                entries.append(
                    (
                        seq,
                        body.map {
                            LedgerEntry(seq: seq, type: draft.type, body: $0, leafHash: leaf, chainHash: chain)
                        }
                    ))
                seq += 1
            }
            var signed: SignedCheckpoint?
            if let signer, every > 0, oldSize / every != seq / every {
                signed = try Self.insertCheckpoint(size: seq, root: accumulator.root, signer: signer, db)
            }
            return (entries, chain, accumulator, signed)
        }
        tree.withLock { $0 = (result.1, result.2) }
        if let signed = result.3 { try appendToLog(signed) }
        return result.0
    }

    /// Inserts one entry row. The body is bound without copying it into a `Data` first, and the statement is not
    /// cached: a cached statement keeps its last arguments, which would hold the body. GRDB's error keeps the
    /// arguments too, so an error is rethrown as its text while the body is still valid.
    static func insertEntry(
        seq: Int, type: String, body: [UInt8], leaf: [UInt8], chain: [UInt8], _ db: Database
    ) throws {
        try body.withUnsafeBytes { buffer in
            // The statement and its arguments live only inside this closure, while the buffer is valid.
            let statement = try db.makeStatement(
                sql: "INSERT INTO entries(seq, type, body, leaf_hash, chain_hash) VALUES (?, ?, ?, ?, ?)")
            let borrowed =
                buffer.baseAddress.map {
                    Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: buffer.count, deallocator: .none)
                } ?? Data()
            do {
                try statement.execute(arguments: [seq, type, borrowed, Data(leaf), Data(chain)])
            } catch {
                throw LedgerError.database(operation: "append", reason: "\(error)")
            }
        }
    }

    /// Inserts one entry row whose body is given in pieces: the row is inserted with zeros of the body's length
    /// and of the hashes' (the last columns, so SQLite stores the zeros without making them in memory), then each
    /// is written in place with SQLite's incremental blob I/O, which GRDB does not wrap. Inside the append's
    /// transaction: a failure rolls the row back with the rest.
    static func insertEntry(
        seq: Int, type: String, pieces: [[UInt8]], count: Int, leaf: [UInt8], chain: [UInt8], _ db: Database
    ) throws {
        guard count <= Int(Int32.max) else {
            throw LedgerError.database(
                operation: "append", reason: "an entry body of \(count) bytes is larger than SQLite can store")
        }
        try db.execute(
            sql: """
                INSERT INTO entries(seq, type, body, leaf_hash, chain_hash)
                VALUES (?, ?, zeroblob(?), zeroblob(32), zeroblob(32))
                """,
            arguments: [seq, type, count])
        for (column, bytes) in [("body", pieces), ("leaf_hash", [leaf]), ("chain_hash", [chain])] {
            try writeInPlace(column: column, seq: seq, pieces: bytes, db)
        }
    }

    /// Writes `pieces`, one after another from offset 0, into column `column` of entry `seq`.
    private static func writeInPlace(column: String, seq: Int, pieces: [[UInt8]], _ db: Database) throws {
        let connection = db.sqliteConnection
        var handle: OpaquePointer?
        var code = sqlite3_blob_open(connection, "main", "entries", column, Int64(seq), 1, &handle)
        var offset = 0
        for piece in pieces where code == SQLITE_OK {
            code = piece.withUnsafeBytes { sqlite3_blob_write(handle, $0.baseAddress, Int32($0.count), Int32(offset)) }
            offset += piece.count
        }
        // Closing a null handle (open failed) does nothing; a failed close is reported like a failed write.
        let closed = sqlite3_blob_close(handle)
        if code == SQLITE_OK { code = closed }
        guard code == SQLITE_OK else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "code \(code)"
            throw LedgerError.database(operation: "append", reason: "writing the \(column) of entry \(seq): \(message)")
        }
    }

    /// Writes a signed checkpoint for the current size, unless the latest checkpoint already covers it.
    ///
    /// Call it every T seconds and at shutdown. The note also goes to `checkpoints.log` (fsynced).
    /// - Returns: the new checkpoint, or nil when there was nothing new to sign (or the ledger is empty).
    /// - Throws: ``LedgerError/noSigner`` without a signer; other ``LedgerError``s when writing fails.
    @discardableResult
    public func writeCheckpoint() throws(LedgerError) -> SignedCheckpoint? {
        guard let signer else { throw .noSigner }
        let signed = try write("checkpoint") { db -> SignedCheckpoint? in
            let (size, _, accumulator) = try self.head(db)
            let latest = try Int.fetchOne(db, sql: "SELECT MAX(size) FROM checkpoints") ?? 0
            guard size > 0, latest < size else { return nil }
            return try Self.insertCheckpoint(size: size, root: accumulator.root, signer: signer, db)
        }
        if let signed { try appendToLog(signed) }
        return signed
    }

    /// The next seq, the last chain hash and the tree accumulator for the committed rows.
    func head(_ db: Database) throws -> (Int, [UInt8], MerkleAccumulator) {
        let last = try Row.fetchOne(db, sql: "SELECT seq, chain_hash FROM entries ORDER BY seq DESC LIMIT 1")
        guard let last else { return (0, [UInt8](repeating: 0, count: 32), MerkleAccumulator()) }
        let size = (last["seq"] as Int) + 1
        let chain = Array(last["chain_hash"] as Data)
        if let cached = tree.withLock({ $0 }), cached.accumulator.size == size, cached.chain == chain {
            return (size, chain, cached.accumulator)
        }
        var accumulator = MerkleAccumulator()
        let rows = try Row.fetchCursor(db, sql: "SELECT leaf_hash FROM entries ORDER BY seq")
        while let row = try rows.next() {
            try row.withUnsafeData(atIndex: 0) { accumulator.append(leafHash: Array($0 ?? Data())) }
        }
        guard accumulator.size == size else {
            throw LedgerError.database(operation: "append", reason: "entries are not contiguous from 0; run verify")
        }
        return (size, chain, accumulator)
    }

    private static func insert(_ blobs: [LedgerBlob], _ db: Database) throws {
        for blob in blobs {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO blobs(sha256, media_type, bytes) VALUES (?, ?, ?)")
                .execute(arguments: [blob.sha256, blob.mediaType, Data(blob.bytes)])
        }
    }

    private static func blobExists(_ sha256: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM blobs WHERE sha256 = ?)"), arguments: [sha256])
            ?? false
    }

    private static func insertCheckpoint(
        size: Int, root: [UInt8], signer: NoteSigner, _ db: Database
    ) throws -> SignedCheckpoint {
        let checkpoint = Checkpoint(origin: signer.name, size: size, root: root)
        let note: SignedNote
        do {
            note = try signer.sign(text: checkpoint.text)
        } catch {
            throw LedgerError.signing(error.description)
        }
        try db.execute(
            sql: "INSERT INTO checkpoints(size, root, note) VALUES (?, ?, ?)",
            arguments: [size, Data(root), note.serialized])
        return SignedCheckpoint(checkpoint: checkpoint, note: note)
    }

    private func appendToLog(_ signed: SignedCheckpoint) throws(LedgerError) {
        do {
            try FileSystem.appendAndSync(path: checkpointLogPath, bytes: Array((signed.noteText + "\n").utf8))
        } catch {
            throw .checkpointLog(path: checkpointLogPath, reason: error.description)
        }
    }
}
