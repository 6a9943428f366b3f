import Foundation
import TenderLedger
import TenderScoring

/// The canonical bytes of a large evaluation's result, written to a file when the evaluation is drafted and read back
/// when its entry is appended.
///
/// The result of 10,000 tenders is about 90 MB in memory and 67 MB as bytes. Made when drafted, the bytes were held
/// beside the result while the reports were made; made when appended, the result was held beside them. Spooled, they
/// are made once, a megabyte at a time, while the result is held, and read back once it has been let go: the close's
/// peak is either, never both.
///
/// The file is in `processing/` under a name intake ignores (it starts with a dot: ``IntakeProcessor/claimable(in:)``),
/// removed when the last reference to it goes (its entry appended, or its batch given up), and at start if a crash left
/// it (``removeLeftovers(in:)``).
final class SpooledResult: Sendable {
    let path: String
    /// How many bytes were written, and their SHA-256: what is read back must be them.
    let count: Int
    let sha256: String

    /// Writes `result`'s canonical bytes to a new file in `folder`, hashing them as they are written.
    /// - Throws: ``FileSystem/Failure`` when it cannot be written (the caller keeps the bytes in memory instead).
    init(_ result: EvaluationResult, in folder: String) throws(FileSystem.Failure) {
        path = (folder as NSString).appendingPathComponent(Self.prefix + UUID().uuidString + ".tmp")
        do {
            (count, sha256) = try FileSystem.writeHashing(path) { result.writeCanonicalBytes(to: $0) }
        } catch {
            unlink(path)
            throw error
        }
    }

    deinit {
        unlink(path)
    }

    /// The bytes as written.
    /// - Throws: ``LedgerError/database(operation:reason:)`` when the file cannot be read back whole and unchanged:
    ///   the append fails, and the batch is decided again (spooling the result again).
    func bytes() throws(LedgerError) -> [UInt8] {
        let operation = "reading back the evaluation's result spooled to \(path)"
        let read: [UInt8]?
        do {
            read = try FileSystem.read(path, limit: count).bytes
        } catch {
            throw .database(
                operation: operation,
                reason: "\(error); the batch is retried: check that nothing removes hidden files from processing/")
        }
        guard let read, read.count == count, Hex.sha256(read) == sha256 else {
            throw .database(
                operation: operation,
                reason: "it changed after it was written (\(count) bytes, SHA-256 \(sha256)); the batch is retried: "
                    + "nothing but the daemon may write in processing/")
        }
        return read
    }

    /// What every spooled file's name starts with.
    static let prefix = ".result-"

    /// Removes the files a crash left in `folder`.
    /// - Returns: how many were removed.
    @discardableResult
    static func removeLeftovers(in folder: String) -> Int {
        var removed = 0
        for name in FileSystem.names(in: folder) where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            if unlink((folder as NSString).appendingPathComponent(name)) == 0 { removed += 1 }
        }
        return removed
    }
}
