import Foundation
import GRDB
import Synchronization

/// The append-only score ledger in one SQLite file (WAL, `synchronous=FULL` on every connection).
///
/// Entries are canonical JSON bodies hashed into an RFC 9162 Merkle tree and a per-row chain; blobs are
/// stored content-addressed; signed checkpoints are written every `checkpointEvery` entries (inside the
/// appending transaction) and by ``writeCheckpoint()``, and also appended to `checkpoints.log` beside the
/// ledger file. The format is described in the LedgerFormat article.
///
/// ```swift
/// let key = try LedgerKey.loadOrCreate(at: "var/keys/ledger.ed25519")
/// let store = try LedgerStore(path: "var/ledger.sqlite", signer: key.signer)
/// let appended = try store.append([EntryDraft(type: "document_received", body: ["document_sha256": .string(blob.sha256)], blobs: [blob])])
/// ```
public final class LedgerStore: Sendable {
    /// The ledger file path.
    public let path: String
    /// The checkpoint signer, if this store may sign.
    public let signer: NoteSigner?
    /// Entries between automatic checkpoints (0 disables them).
    public let checkpointEvery: Int
    /// A body at least this long is hashed and written to SQLite piece by piece (see ``appendReturningSeqs(_:)``).
    public let piecewiseBodyBytes: Int
    /// 1 MiB: every entry but the recorded result of a large evaluation is written whole.
    public static let defaultPiecewiseBodyBytes = 1 << 20
    let reader: any DatabaseReader
    let writer: DatabasePool?
    /// Root accumulator for the last committed size, keyed by the last chain hash.
    let tree = Mutex<(chain: [UInt8], accumulator: MerkleAccumulator)?>(nil)

    /// The path of `checkpoints.log` beside the ledger file.
    public var checkpointLogPath: String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("checkpoints.log").path
    }

    /// How many pages the write-ahead log may hold before a commit copies them into the database file (SQLite's
    /// default is 1,000, about 4 MiB). A checkpoint copies each page changed since the last one; a page of the
    /// indexes keyed by hash (blobs, intake records) is changed by almost every commit, so checkpointing ten times
    /// less often copies those pages ten times less. The log file grows to about 40 MiB.
    public static let walCheckpointPages = 10_000

    /// The size the write-ahead log file is cut back to when SQLite starts it again after a checkpoint
    /// (`journal_size_limit`): one transaction larger than ``walCheckpointPages`` (the evaluation of a procurement of
    /// thousands of tenders, 70 MB and more) grows the file, which would otherwise keep that size for good.
    public static let walSizeLimitBytes = 48 << 20

    /// Opens (creating folders and the file as needed) a ledger for appending.
    ///
    /// - Parameters:
    ///   - path: the SQLite file, e.g. `var/ledger.sqlite`.
    ///   - signer: signs checkpoints; nil disables checkpoints.
    ///   - checkpointEvery: write a checkpoint whenever the size crosses a multiple of this (0 = never).
    ///   - piecewiseBodyBytes: write a body at least this long piece by piece (the same stored bytes).
    /// - Throws: ``LedgerError`` when the file cannot be opened, migrated or made durable.
    public init(
        path: String, signer: NoteSigner?, checkpointEvery: Int = 1000,
        piecewiseBodyBytes: Int = LedgerStore.defaultPiecewiseBodyBytes
    ) throws(LedgerError) {
        self.path = path
        self.signer = signer
        self.checkpointEvery = max(0, checkpointEvery)
        self.piecewiseBodyBytes = piecewiseBodyBytes
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: folder, reason: "\(error)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's WAL setup runs `PRAGMA synchronous = NORMAL` on the writer after prepareDatabase, so the
            // writer (one connection for the pool's lifetime) is set again; assertDurable checks the result.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.walCheckpointPages)")
                try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimitBytes)")
            }
            let migrator = LedgerSchema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw LedgerError.newerFormat(path: path) }
            try migrator.migrate(pool)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        self.writer = pool
        self.reader = pool
        try Self.assertDurable(pool, path: path)
    }

    /// Opens an existing ledger read-only (for verification, `show` and proofs).
    ///
    /// - Throws: ``LedgerError`` when the file is missing or not a ledger.
    public init(readOnlyAt path: String) throws(LedgerError) {
        self.path = path
        self.signer = nil
        self.checkpointEvery = 0
        self.piecewiseBodyBytes = Self.defaultPiecewiseBodyBytes
        self.writer = nil
        try Self.checkLedgerPath(path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let isLedger = try queue.read { db in
                try ["entries", "blobs", "checkpoints"].allSatisfy { try db.tableExists($0) }
            }
            guard isLedger else { throw LedgerError.notALedger(path: path) }
            self.reader = queue
        } catch let error as LedgerError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notALedger(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// One message per cause for a path that cannot be a ledger: nothing there, or a folder.
    public static func checkLedgerPath(_ path: String) throws(LedgerError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .noLedger(path: path) }
        if isFolder.boolValue { throw .ledgerIsAFolder(path: path) }
    }

    private static func assertDurable(_ pool: DatabasePool, path: String) throws(LedgerError) {
        let values: [Int]
        do {
            values = try synchronousLevels(pool)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        if let bad = values.first(where: { $0 != 2 }) { throw .notDurable(path: path, synchronous: bad) }
    }

    /// `PRAGMA synchronous` as seen by the writer connection and by a reader connection.
    static func synchronousLevels(_ pool: DatabasePool) throws -> [Int] {
        [
            try pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 },
            try pool.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 },
        ]
    }

    /// Runs a read, mapping database errors.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try reader.read(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .database(operation: operation, reason: "\(error)")
        }
    }

    /// Runs one write transaction, mapping database errors.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        guard let writer else { throw .readOnly(path: path) }
        do {
            return try writer.write(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .database(operation: operation, reason: "\(error)")
        }
    }
}
