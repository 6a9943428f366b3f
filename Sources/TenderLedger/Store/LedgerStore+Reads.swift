import Foundation
import GRDB

extension LedgerStore {
    /// The number of entries.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func size() throws(LedgerError) -> Int {
        try read("size") { try Int.fetchOne($0, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM entries") ?? 0 }
    }

    /// The entry at `seq`, or nil.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func entry(seq: Int) throws(LedgerError) -> LedgerEntry? {
        try read("read entry") { db in
            try Row.fetchOne(db, sql: "\(Self.entryColumns) WHERE seq = ?", arguments: [seq]).map(Self.entry)
        }
    }

    /// Entries with `from <= seq < to`, in order.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func entries(from: Int = 0, to: Int = .max) throws(LedgerError) -> [LedgerEntry] {
        var result: [LedgerEntry] = []
        try forEachEntry(from: from, to: to) { result.append($0) }
        return result
    }

    /// The entries of one type, in order. Other rows' bodies are not read.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func entries(type: String) throws(LedgerError) -> [LedgerEntry] {
        var result: [LedgerEntry] = []
        try forEachEntry(type: type) { result.append($0) }
        return result
    }

    /// Streams entries with `from <= seq < to` in order without loading them all.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails, or what `body` throws (wrapped).
    public func forEachEntry(
        from: Int = 0, to: Int = .max, _ body: (LedgerEntry) throws -> Void
    ) throws(LedgerError) {
        try read("read entries") { db in
            let rows = try Row.fetchCursor(
                db, sql: "\(Self.entryColumns) WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: [from, to])
            while let row = try rows.next() { try body(Self.entry(row)) }
        }
    }

    /// The latest entry of one type, or nil (read from the end, so cheap when that type is recent).
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func lastEntry(type: String) throws(LedgerError) -> LedgerEntry? {
        try read("read entries") { db in
            try Row.fetchOne(
                db, sql: "\(Self.entryColumns) WHERE type = ? ORDER BY seq DESC LIMIT 1", arguments: [type]
            ).map(Self.entry)
        }
    }

    /// Calls `body` with every entry of one type, in sequence order. SQLite skips the other entries' bodies
    /// without reading them, so this is cheap on a large ledger.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails, or what `body` throws.
    public func forEachEntry(type: String, _ body: (LedgerEntry) throws -> Void) throws(LedgerError) {
        try read("read entries") { db in
            let rows = try Row.fetchCursor(
                db, sql: "\(Self.entryColumns) WHERE type = ? ORDER BY seq", arguments: [type])
            while let row = try rows.next() { try body(Self.entry(row)) }
        }
    }

    /// The blob with this lowercase hex SHA-256, or nil.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func blob(sha256: String) throws(LedgerError) -> LedgerBlob? {
        try read("read blob") { db in
            try Row.fetchOne(db, sql: "SELECT media_type, bytes FROM blobs WHERE sha256 = ?", arguments: [sha256])
                .map { LedgerBlob(bytes: Array($0["bytes"] as Data), mediaType: $0["media_type"]) }
        }
    }

    /// All stored checkpoints by increasing size (parsed, not verified: use ``LedgerVerifier`` for that).
    ///
    /// - Throws: ``LedgerError`` when SQLite fails or a stored note does not parse.
    public func checkpoints() throws(LedgerError) -> [SignedCheckpoint] {
        let notes = try read("read checkpoints") {
            try String.fetchAll($0, sql: "SELECT note FROM checkpoints ORDER BY size")
        }
        return try notes.map { text throws(LedgerError) in try Self.parseCheckpoint(text) }
    }

    /// The checkpoint with the largest size (parsed, not verified), or nil.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails or the stored note does not parse.
    public func latestCheckpoint() throws(LedgerError) -> SignedCheckpoint? {
        let note = try read("read checkpoint") {
            try String.fetchOne($0, sql: "SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1")
        }
        return try note.map { text throws(LedgerError) in try Self.parseCheckpoint(text) }
    }

    /// The RFC 9162 root of the first `size` entries.
    ///
    /// - Throws: ``LedgerError/badTreeSize(requested:size:)`` when `size` exceeds the ledger.
    public func root(size: Int) throws(LedgerError) -> [UInt8] {
        MerkleTree.root(leafHashes: try leafHashes(size: size))
    }

    /// The inclusion proof of entry `seq` in the tree of the first `size` entries.
    ///
    /// - Throws: ``LedgerError`` when `seq` is not below `size` or `size` exceeds the ledger.
    public func inclusionProof(seq: Int, size: Int) throws(LedgerError) -> [[UInt8]] {
        let leaves = try leafHashes(size: size)
        do {
            return try MerkleTree.inclusionProof(index: seq, leafHashes: leaves)
        } catch {
            throw .entryNotFound(seq: seq, size: size)
        }
    }

    /// The consistency proof from the tree of `oldSize` entries to that of `newSize` entries.
    ///
    /// - Throws: ``LedgerError/badTreeSize(requested:size:)`` when the sizes are impossible.
    public func consistencyProof(oldSize: Int, newSize: Int) throws(LedgerError) -> [[UInt8]] {
        let leaves = try leafHashes(size: newSize)
        do {
            return try MerkleTree.consistencyProof(oldSize: oldSize, leafHashes: leaves)
        } catch {
            throw .badTreeSize(requested: oldSize, size: newSize)
        }
    }

    func leafHashes(size: Int) throws(LedgerError) -> [[UInt8]] {
        let total = try self.size()
        guard size >= 1, size <= total else { throw .badTreeSize(requested: size, size: total) }
        return try read("read leaf hashes") { db in
            var leaves: [[UInt8]] = []
            leaves.reserveCapacity(size)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT leaf_hash FROM entries WHERE seq < ? ORDER BY seq", arguments: [size])
            while let row = try rows.next() {
                try row.withUnsafeData(atIndex: 0) { leaves.append(Array($0 ?? Data())) }
            }
            return leaves
        }
    }

    static let entryColumns = "SELECT seq, type, body, leaf_hash, chain_hash FROM entries"

    static func entry(_ row: Row) -> LedgerEntry {
        LedgerEntry(
            seq: row["seq"], type: row["type"], body: Array(row["body"] as Data),
            leafHash: Array(row["leaf_hash"] as Data), chainHash: Array(row["chain_hash"] as Data))
    }

    private static func parseCheckpoint(_ text: String) throws(LedgerError) -> SignedCheckpoint {
        do {
            let note = try SignedNote(parsing: text)
            return SignedCheckpoint(checkpoint: try Checkpoint(parsing: note.text), note: note)
        } catch {
            throw .database(operation: "read checkpoint", reason: error.description)
        }
    }
}
