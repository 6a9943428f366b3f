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
        return migrator
    }
}
