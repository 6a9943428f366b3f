import Foundation
import GRDB
import TenderScoring

/// What a page of the ledger's history is narrowed to. Every member is optional; dates are `YYYY-MM-DD` (UTC)
/// compared with each entry's `recorded_at`.
public struct EntryFilter: Sendable, Hashable {
    public var type: String?
    /// Entries whose body names this procurement reference.
    public var procurement: String?
    public var from: String?
    public var to: String?

    public init(type: String? = nil, procurement: String? = nil, from: String? = nil, to: String? = nil) {
        self.type = type
        self.procurement = procurement
        self.from = from
        self.to = to
    }
}

extension LedgerStore {
    /// Up to `limit` entries matching `filter`, newest first, with `seq` below `before` (all when nil). Reading
    /// stops at the `limit`-th match, so a page of recent history costs the same on any size of ledger.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func page(before: Int?, limit: Int, filter: EntryFilter) throws(LedgerError) -> [LedgerEntry] {
        var conditions = ["seq < ?"]
        var arguments: [any DatabaseValueConvertible] = [before ?? Int.max]
        if let type = filter.type {
            conditions.append("type = ?")
            arguments.append(type)
        }
        if let procurement = filter.procurement {
            // Bodies are canonical JSON: the member is written exactly this way wherever it appears.
            conditions.append("instr(body, CAST(? AS BLOB)) > 0")
            arguments.append("\"procurement\":" + JSONValue.string(procurement).canonicalString)
        }
        if let from = filter.from {
            conditions.append("substr(json_extract(CAST(body AS TEXT), '$.recorded_at'), 1, 10) >= ?")
            arguments.append(from)
        }
        if let to = filter.to {
            conditions.append("substr(json_extract(CAST(body AS TEXT), '$.recorded_at'), 1, 10) <= ?")
            arguments.append(to)
        }
        arguments.append(max(1, limit))
        let sql =
            "\(Self.entryColumns) WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq DESC LIMIT ?"
        return try read("read a page of entries") { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.entry)
        }
    }

    /// Streams entries newest first until `body` returns false.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func forEachEntryNewestFirst(_ body: (LedgerEntry) -> Bool) throws(LedgerError) {
        try read("read entries") { db in
            let rows = try Row.fetchCursor(db, sql: "\(Self.entryColumns) ORDER BY seq DESC")
            while let row = try rows.next() {
                guard body(Self.entry(row)) else { return }
            }
        }
    }

    /// The leaf hashes of entries `from ..< to`, in order.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func leafHashes(from: Int, to: Int) throws(LedgerError) -> [[UInt8]] {
        try read("read leaf hashes") { db in
            var leaves: [[UInt8]] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT leaf_hash FROM entries WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: [from, to])
            while let row = try rows.next() {
                let hash: Data = row[0]
                leaves.append([UInt8](hash))
            }
            return leaves
        }
    }
}
