import Crypto
import Foundation
import GRDB

/// The floor: what no design can beat. Read each file, hash it (SHA-256) and insert a row holding it into
/// SQLite with the ledger's durability (WAL, `synchronous=FULL`) and the daemon's batching (one transaction
/// per `batchSize` documents). No parsing, no scoring, no ledger hashing, no file moves.
struct Floor {
    let batchSize: Int

    /// Processes every file in `folder`; returns documents per second.
    func run(folder: String, database: String) throws -> (documents: Int, seconds: Double) {
        try? FileManager.default.removeItem(atPath: database)
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: database, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(
                sql: "CREATE TABLE documents(sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, bytes BLOB NOT NULL)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let (_, seconds) = try Timing.measure {
            var start = 0
            while start < names.count {
                let batch = names[start..<min(names.count, start + batchSize)]
                start += batch.count
                let rows = try batch.map { name -> (String, String, Data) in
                    let data = try Data(
                        contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
                    let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                    return (sha, name, data)
                }
                try pool.write { db in
                    for (sha, name, data) in rows {
                        try db.execute(
                            sql: "INSERT OR IGNORE INTO documents(sha256, name, bytes) VALUES (?, ?, ?)",
                            arguments: [sha, name, data])
                    }
                }
            }
        }
        return (names.count, seconds)
    }
}
