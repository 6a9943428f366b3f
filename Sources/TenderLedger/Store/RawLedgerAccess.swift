import Foundation
import GRDB

/// Unguarded SQL on a ledger file, bypassing every invariant. Internal: it exists so tamper tests can act
/// as an attacker with write access to the file (drop the triggers, edit rows) and check that
/// ``LedgerVerifier`` notices. Never use it to "repair" a ledger.
enum RawLedgerAccess {
    /// Runs `sql` (several statements allowed) in one transaction on the file at `path`.
    static func execute(path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
    }

    /// The first column of the first row of `sql`, as text (nil when there is no row).
    static func scalar(path: String, _ sql: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { try String.fetchOne($0, sql: sql) }
    }

    /// Recomputes `leaf_hash` and `chain_hash` of every row from the stored bodies, as an attacker who
    /// edited bodies would, so that only signed checkpoints can reveal the edit.
    static func rehashAll(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS entries_no_update")
            var chain = [UInt8](repeating: 0, count: 32)
            let rows = try Row.fetchAll(db, sql: "SELECT seq, body FROM entries ORDER BY seq")
            for row in rows {
                let leaf = MerkleTree.leafHash(Array(row["body"] as Data))
                chain = SHA256Hashing.hash(prefix: 0x02, chain, leaf)
                try db.execute(
                    sql: "UPDATE entries SET leaf_hash = ?, chain_hash = ? WHERE seq = ?",
                    arguments: [Data(leaf), Data(chain), row["seq"] as Int])
            }
        }
    }
}
