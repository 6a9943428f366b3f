import GRDB

extension LedgerStore {
    /// The intake record of a claimed file, if it was accounted for.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func intake(claim: String) throws(LedgerError) -> IntakeRecord? {
        try read("read intake") { db in
            try Row.fetchOne(
                db, sql: "SELECT claim, sha256, seq, outcome FROM intake WHERE claim = ?", arguments: [claim]
            )
            .map(Self.intakeRecord)
        }
    }

    /// The first time each of `sha256s` was accounted for (accepted or rejected), read in one transaction
    /// (intake looks up a whole batch at once); hashes never accounted for are absent.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func firstIntakes(sha256s: [String]) throws(LedgerError) -> [String: IntakeRecord] {
        guard !sha256s.isEmpty else { return [:] }
        return try read("read intake") { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT claim, sha256, seq, outcome FROM intake WHERE sha256 = ? AND outcome != 'duplicate'
                    ORDER BY seq LIMIT 1
                    """)
            var found: [String: IntakeRecord] = [:]
            for sha256 in sha256s where found[sha256] == nil {
                if let row = try Row.fetchOne(statement, arguments: [sha256]) { found[sha256] = Self.intakeRecord(row) }
            }
            return found
        }
    }

    /// Every intake record, in ledger order.
    ///
    /// - Throws: ``LedgerError`` when SQLite fails.
    public func intakeRecords() throws(LedgerError) -> [IntakeRecord] {
        try read("read intake") { db in
            try Row.fetchAll(db, sql: "SELECT claim, sha256, seq, outcome FROM intake ORDER BY seq").map(
                Self.intakeRecord)
        }
    }

    static func intakeRecord(_ row: Row) -> IntakeRecord {
        IntakeRecord(claim: row["claim"], sha256: row["sha256"], outcome: row["outcome"], seq: row["seq"])
    }
}
