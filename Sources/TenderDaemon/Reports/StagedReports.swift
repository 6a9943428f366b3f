import Foundation
import TenderLedger

/// Report files written under temporary names as they are rendered, and put in place together once the entries that
/// record them are committed (``publish()``): a close of 10,000 tenders renders 20,000 summaries, and holding every
/// file's bytes until the commit cost hundreds of megabytes. Each file's SHA-256 is kept for the `report-written`
/// entry; nothing else.
///
/// Publishing syncs the filesystem once, then renames each file into place and syncs each folder once (waiting for
/// the disk after each of 20,000 files took most of a minute). A file that could not be written is reported by
/// ``publish()``, after the others are in place; ``discard()`` removes what was written for a batch that was not
/// committed.
///
/// ```swift
/// var staged = StagedReports(folder: folder, suffix: ".final-\(seq).tmp")
/// try ReportBuilder.render(…) { staged.add($0, $1) }
/// // … commit the report-written entry with staged.files …
/// try staged.publish()
/// ```
struct StagedReports: Sendable {
    /// The procurement's report folder; names are relative to it (`summaries/T-0001.md`).
    let folder: String
    /// What each temporary name adds to the file's name. The daemon's final reports and its provisional ones use
    /// different suffixes: they may be written into the same folder at the same time.
    let suffix: String
    /// The files staged, by name, with their SHA-256.
    private(set) var files: [(name: String, sha256: String)] = []
    /// The first file that could not be written, and why.
    private(set) var failure: String?
    private var folders: [String] = []

    init(folder: String, suffix: String) {
        self.folder = folder
        self.suffix = suffix
    }

    /// Writes a file under its temporary name (without waiting for the disk) and records its hash. After a failure
    /// the rest are only hashed: the entry records what the reports are, whether or not they could be written.
    mutating func add(_ name: String, _ bytes: [UInt8]) {
        files.append((name, Hex.sha256(bytes)))
        guard failure == nil else { return }
        let path = temporaryPath(name)
        let parent = (path as NSString).deletingLastPathComponent
        do {
            if !folders.contains(parent) {
                try FileSystem.createDirectory(parent)
                folders.append(parent)
            }
            try FileSystem.write(path, bytes, sync: false)
        } catch {
            failure = "\(name): \(error)"
        }
    }

    /// The files by name, as the `report-written` entry lists them.
    var sortedFiles: [(name: String, sha256: String)] { files.sorted { $0.name < $1.name } }

    /// Puts every staged file in place, durably; throws (after removing the temporary files) if any could not be
    /// written or synced.
    func publish() throws(FileSystem.Failure) {
        if let failure {
            discard()
            throw FileSystem.Failure(description: "cannot write \(failure)")
        }
        let temporary = files.map { temporaryPath($0.name) }
        var moved = 0
        do {
            try FileSystem.syncFiles(temporary, onFileSystemOf: folder)
            for (file, path) in zip(files, temporary) {
                try FileSystem.moveLater(path, to: (folder as NSString).appendingPathComponent(file.name))
                moved += 1
            }
        } catch {
            for path in temporary[moved...] { unlink(path) }
            throw error
        }
        FileSystem.syncFolders(folders)
    }

    /// Removes the temporary files (a batch that was not committed).
    func discard() {
        for file in files { unlink(temporaryPath(file.name)) }
    }

    private func temporaryPath(_ name: String) -> String {
        (folder as NSString).appendingPathComponent(name) + suffix
    }
}
