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

    /// Writes `result`'s canonical bytes to a new file in `folder`.
    /// - Throws: ``FileSystem/Failure`` when it cannot be written (the caller keeps the bytes in memory instead).
    init(_ result: EvaluationResult, in folder: String) throws(FileSystem.Failure) {
        path = (folder as NSString).appendingPathComponent(Self.prefix + UUID().uuidString + ".tmp")
        do {
            try FileSystem.write(path, sync: false) { write in result.writeCanonicalBytes(to: write) }
        } catch {
            unlink(path)
            throw error
        }
    }

    deinit {
        unlink(path)
    }

    /// The bytes as written.
    /// - Throws: ``LedgerError/invalidDraft(_:)`` when the file cannot be read back (the append fails, and the batch
    ///   is retried).
    func bytes() throws(LedgerError) -> [UInt8] {
        do {
            guard let bytes = try FileSystem.read(path, limit: .max).bytes else {
                throw FileSystem.Failure(description: "\(path) could not be read whole")
            }
            return bytes
        } catch {
            throw .invalidDraft("cannot read back the evaluation's result: \(error)")
        }
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
