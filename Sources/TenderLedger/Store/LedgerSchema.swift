import GRDB

/// The ledger's migrations. Shipped migrations are never edited; new ones are appended.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE entries(
                      seq INTEGER PRIMARY KEY CHECK (seq >= 0),
                      type TEXT NOT NULL,
                      body BLOB NOT NULL,
                      leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
                      chain_hash BLOB NOT NULL CHECK (length(chain_hash) = 32)
                    );
                    CREATE TABLE blobs(
                      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
                      media_type TEXT,
                      bytes BLOB NOT NULL
                    );
                    CREATE TABLE checkpoints(
                      size INTEGER PRIMARY KEY CHECK (size > 0),
                      root BLOB NOT NULL CHECK (length(root) = 32),
                      note TEXT NOT NULL
                    );
                    """)
            for table in ["entries", "blobs", "checkpoints"] {
                for event in ["UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_no_\(event.lowercased()) BEFORE \(event) ON \(table)
                            BEGIN SELECT RAISE(ABORT, 'tender ledger table \(table) is append-only'); END;
                            """)
                }
            }
        }
        migrator.registerMigration("v2") { db in
            // The daemon's intake records: not part of the verifiable format, but committed with the entries.
            try db.execute(
                sql: """
                    CREATE TABLE intake(
                      claim TEXT PRIMARY KEY,
                      sha256 TEXT NOT NULL,
                      seq INTEGER NOT NULL,
                      outcome TEXT NOT NULL
                    );
                    CREATE INDEX intake_by_sha256 ON intake(sha256, seq);
                    CREATE TRIGGER intake_no_update BEFORE UPDATE ON intake
                    BEGIN SELECT RAISE(ABORT, 'tender ledger table intake is append-only'); END;
                    CREATE TRIGGER intake_no_delete BEFORE DELETE ON intake
                    BEGIN SELECT RAISE(ABORT, 'tender ledger table intake is append-only'); END;
                    """)
        }
        return migrator
    }
}
