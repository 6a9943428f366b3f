import Foundation
import TenderLedger
import TenderRules
import TenderScoring

/// A document read from disk: its identity (SHA-256), decoded form and, until they are let go, its bytes.
struct DocumentFile {
    let path: String
    /// The bytes read; `nil` once let go (``releasingBytes()``: thousands of tenders need not be held twice, once as
    /// bytes and once decoded, when only a ledger record reads the bytes again).
    let bytes: [UInt8]?
    let sha256: String
    let parsed: ParsedDocument

    /// Reads and parses a file. Every problem is reported as `file:line:col: message`.
    static func load(_ path: String, parser: DocumentParser = DocumentParser()) throws(DocumentError) -> DocumentFile {
        let bytes = try read(path)
        let digest = Hex.sha256(bytes)
        let parsed = try parser.parse(bytes, file: path, documentID: digest)
        return DocumentFile(path: path, bytes: bytes, sha256: digest, parsed: parsed)
    }

    /// The file with a submission's tree cut down to the members `reads` keeps (see `SubmissionReads`).
    func trimmed(_ reads: SubmissionReads) -> DocumentFile {
        guard case .submission(let submission) = parsed else { return self }
        return DocumentFile(path: path, bytes: bytes, sha256: sha256, parsed: .submission(reads.trimmed(submission)))
    }

    /// The file without its bytes (``recordedBytes()`` reads them again if a ledger record needs them), when it can
    /// be read again: a regular file. A pipe (`<(…)`, `/dev/stdin`) keeps them.
    func releasingBytes() -> DocumentFile {
        // lstat(2) itself, as FileManager's attributes do (a symbolic link, such as /dev/stdin, keeps its bytes),
        // without their look-up of the owner's and group's names, a twentieth of a large procurement's reading time.
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return self }
        return DocumentFile(path: path, bytes: nil, sha256: sha256, parsed: parsed)
    }

    /// The bytes to record in a ledger: those read, or the file read again, which must still be what was scored.
    func recordedBytes() throws(DocumentError) -> [UInt8] {
        if let bytes { return bytes }
        let again = try Self.read(path)
        guard Hex.sha256(again) == sha256 else {
            throw Self.failure(path, "changed after it was read for scoring; nothing was recorded: score it again")
        }
        return again
    }

    static func read(_ path: String) throws(DocumentError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure(path, "no such file; check the path")
        }
        guard !isDirectory.boolValue else { throw failure(path, "is a folder; give a document file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure(path, "cannot be read; check its permissions")
        }
        return Array(data)
    }

    static func failure(_ path: String, _ message: String) -> DocumentError {
        DocumentError(diagnostics: [
            Diagnostic(location: SourceLocation(file: path, line: 1, column: 1), severity: .error, message: message)
        ])
    }

    /// The YAML and JSON files directly inside a folder, sorted by name; dotfiles are skipped.
    static func documents(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && [".yaml", ".yml", ".json"].contains { name.hasSuffix($0) }
        }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
