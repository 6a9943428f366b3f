import Foundation
import GRDB
import GRDBSQLite

extension LedgerStore {
    /// The sequence numbers of the entries of one type, in order; no body is read.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func seqs(type: String) throws(LedgerError) -> [Int] {
        try read("read entries") { db in
            try Int.fetchAll(db, sql: "SELECT seq FROM entries WHERE type = ? ORDER BY seq", arguments: [type])
        }
    }

    /// Calls `use` with the length of entry `seq`'s body and a function that reads any range of it (nil when that
    /// read fails), a piece at a time with SQLite's incremental blob I/O (which GRDB does not wrap), inside one read
    /// transaction: the body of a large evaluation, tens of megabytes, need never be held whole.
    ///
    /// ```swift
    /// let opening = try store.withEntryBody(seq: 7) { count, read in read(0..<min(count, 64)) }
    /// ```
    ///
    /// - Returns: what `use` returns, or nil when there is no entry `seq`.
    /// - Throws: ``LedgerError`` when SQLite fails to open the body.
    public func withEntryBody<T>(seq: Int, _ use: (_ count: Int, _ read: (Range<Int>) -> [UInt8]?) -> T)
        throws(LedgerError) -> T?
    {
        try read("read entry") { db -> T? in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM entries WHERE seq = ?", arguments: [seq]) != nil else {
                return nil
            }
            let connection = db.sqliteConnection
            var handle: OpaquePointer?
            let code = sqlite3_blob_open(connection, "main", "entries", "body", Int64(seq), 0, &handle)
            defer { sqlite3_blob_close(handle) }
            guard code == SQLITE_OK, let handle else {
                let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "code \(code)"
                throw LedgerError.database(operation: "reading entry \(seq)'s body", reason: message)
            }
            let count = Int(sqlite3_blob_bytes(handle))
            return use(count) { range in
                guard range.lowerBound >= 0, range.upperBound <= count else { return nil }
                var failed = false
                let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
                    if !range.isEmpty {
                        failed =
                            sqlite3_blob_read(handle, buffer.baseAddress, Int32(range.count), Int32(range.lowerBound))
                            != SQLITE_OK
                    }
                    initialized = failed ? 0 : range.count
                }
                return failed ? nil : bytes
            }
        }
    }
}
