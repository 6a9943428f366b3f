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
    /// The sequence numbers of up to `limit` entries matching `filter`, newest first, below `before` (all when nil).
    /// Reading stops at the `limit`-th match, so a page of recent history costs the same on any size of ledger, and
    /// no body is read unless a procurement or date filter needs it.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func pageSeqs(before: Int?, limit: Int, filter: EntryFilter) throws(LedgerError) -> [Int] {
        var conditions = ["seq < ?"]
        var arguments: [any DatabaseValueConvertible] = [before ?? Int.max]
        filter.conditions(into: &conditions, &arguments)
        arguments.append(max(1, limit))
        let sql =
            "SELECT seq FROM entries WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq DESC LIMIT ?"
        return try read("read a page of entries") { db in
            try Int.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        }
    }

    /// Like ``pageSeqs(before:limit:filter:)``, among `candidates` (ascending sequence numbers, for example every
    /// entry that names a procurement): checked newest first, a chunk at a time, until `limit` match the type and
    /// date filters.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func pageSeqs(of candidates: [Int], before: Int?, limit: Int, filter: EntryFilter) throws(LedgerError)
        -> [Int]
    {
        var end = candidates.endIndex
        if let before {
            // The first candidate at or after `before`: everything before it is eligible.
            var low = candidates.startIndex
            var high = candidates.endIndex
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle] < before { low = middle + 1 } else { high = middle }
            }
            end = low
        }
        var unfiltered = filter
        unfiltered.procurement = nil
        var found: [Int] = []
        while end > candidates.startIndex, found.count < limit {
            let start = max(candidates.startIndex, end - 256)
            let chunk = Array(candidates[start..<end])
            end = start
            var conditions = ["seq IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"]
            var arguments: [any DatabaseValueConvertible] = chunk
            unfiltered.conditions(into: &conditions, &arguments)
            let sql = "SELECT seq FROM entries WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq DESC"
            let matching = try read("read a page of entries") { db in
                try Int.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            }
            found += matching.prefix(limit - found.count)
        }
        return found
    }

    /// The entries with these sequence numbers, in the order given (missing ones left out).
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func entries(seqs: [Int]) throws(LedgerError) -> [LedgerEntry] {
        guard !seqs.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: seqs.count).joined(separator: ",")
        let rows = try read("read entries") { db in
            try Row.fetchAll(
                db, sql: "\(Self.entryColumns) WHERE seq IN (\(placeholders))", arguments: StatementArguments(seqs))
        }
        let bySeq = Dictionary(rows.map(Self.entry).map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        return seqs.compactMap { bySeq[$0] }
    }

    /// One row per entry with `from <= seq < to`: its type and, read by SQLite from the body without handing the
    /// body over, the value at each JSON path of `values` (as text; objects and arrays as JSON text) and the
    /// length of the array at each path of `lengths`; the whole body only for the types in `bodies`. Paths are
    /// read only for the types each names. For an index that wants a few members of every entry.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func sketches(
        from: Int, to: Int, values: [(path: String, types: [String]?)], lengths: [(path: String, types: [String])],
        bodies: Set<String>
    ) throws(LedgerError) -> [EntrySketch] {
        func restricted(_ expression: String, _ types: [String]?) -> String {
            guard let types else { return expression }
            let list = types.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ",")
            return "CASE WHEN type IN (\(list)) THEN \(expression) END"
        }
        func path(_ text: String) -> String { "'\(text.replacingOccurrences(of: "'", with: "''"))'" }
        var columns = ["seq", "type", restricted("body", bodies.isEmpty ? [""] : Array(bodies).sorted())]
        columns += values.map { restricted("CAST(json_extract(text, \(path($0.path))) AS TEXT)", $0.types) }
        columns += lengths.map { restricted("json_array_length(text, \(path($0.path)))", $0.types) }
        let sql = """
            SELECT \(columns.joined(separator: ", ")) FROM (SELECT seq, type, body, CAST(body AS TEXT) AS text
            FROM entries WHERE seq >= ? AND seq < ?) ORDER BY seq
            """
        return try read("read entries") { db in
            try Row.fetchAll(db, sql: sql, arguments: [from, to]).map { row in
                let body: Data? = row[2]
                return EntrySketch(
                    seq: row[0], type: row[1], body: body.map { [UInt8]($0) },
                    values: values.indices.map { row[3 + $0] as String? },
                    lengths: lengths.indices.map { row[3 + values.count + $0] as Int? })
            }
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

extension EntryFilter {
    /// The filter as SQL conditions on `entries`.
    func conditions(into conditions: inout [String], _ arguments: inout [any DatabaseValueConvertible]) {
        if let type {
            conditions.append("type = ?")
            arguments.append(type)
        }
        if let procurement {
            // Bodies are canonical JSON: the member is written exactly this way wherever it appears.
            conditions.append("instr(body, CAST(? AS BLOB)) > 0")
            arguments.append("\"procurement\":" + JSONValue.string(procurement).canonicalString)
        }
        if let from {
            conditions.append("substr(json_extract(CAST(body AS TEXT), '$.recorded_at'), 1, 10) >= ?")
            arguments.append(from)
        }
        if let to {
            conditions.append("substr(json_extract(CAST(body AS TEXT), '$.recorded_at'), 1, 10) <= ?")
            arguments.append(to)
        }
    }
}

/// What ``LedgerStore/sketches(from:to:values:lengths:bodies:)`` reads of one entry.
public struct EntrySketch: Sendable {
    public var seq: Int
    public var type: String
    /// The whole body, for the types asked for.
    public var body: [UInt8]?
    /// The value at each path asked for, as text (nil where absent or not read for this type).
    public var values: [String?]
    /// The length of the array at each path asked for.
    public var lengths: [Int?]
}
