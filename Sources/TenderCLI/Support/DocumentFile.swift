import Foundation
import TenderLedger
import TenderRules
import TenderScoring

/// A document read from disk: its bytes, identity (SHA-256) and decoded form.
struct DocumentFile {
    let path: String
    let bytes: [UInt8]
    let sha256: String
    let parsed: ParsedDocument

    /// Reads and parses a file. Every problem is reported as `file:line:col: message`.
    static func load(_ path: String, parser: DocumentParser = DocumentParser()) throws(DocumentError) -> DocumentFile {
        let bytes = try read(path)
        let digest = Hex.sha256(bytes)
        let parsed = try parser.parse(bytes, file: path, documentID: digest)
        return DocumentFile(path: path, bytes: bytes, sha256: digest, parsed: parsed)
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
