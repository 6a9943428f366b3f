import Foundation
import TenderLedger
import TenderReports

/// Report files written under temporary names as they are rendered, and put in place together once the entries that
/// record them are committed (``publish(sync:)``): a close of 10,000 tenders renders 20,000 summaries, and holding every
/// file's bytes until the commit cost hundreds of megabytes. Each file's SHA-256 is kept for the `report-written`
/// entry; nothing else.
///
/// Publishing syncs the filesystem once (or ``syncTogether(_:)`` once for a whole batch of closes), then renames each
/// file into place and syncs each folder once (waiting for the disk after each of 20,000 files took most of a minute).
/// If a file could not be written, ``publish(sync:)`` puts none in place, removes the temporary files and says which;
/// ``discard()`` removes what was written for a batch that was not committed; after a crash,
/// ``recover(under:recorded:)`` puts in place what the ledger records and removes the rest.
///
/// ```swift
/// var staged = StagedReports(folder: folder, suffix: ".final-\(seq).tmp")
/// try ReportBuilder.render(…, intoPieces: { staged.add($0, pieces: $1) })
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

    /// Files already under their temporary names (found after a crash), with their hashes.
    private init(folder: String, suffix: String, found: [(name: String, sha256: String)]) {
        self.init(folder: folder, suffix: suffix)
        files = found
        for file in found {
            let parent = parent(of: file.name)
            if !folders.contains(parent) { folders.append(parent) }
        }
    }

    /// What a temporary name of the daemon's final reports adds: unique to the evaluation `seq` the reports are made
    /// from, since the next evaluation of the same procurement may be staged before these are put in place, and the
    /// provisional reports (`.tmp`) may be written into the same folder at the same time.
    static func suffix(_ seq: Int) -> String { ".final-\(seq).tmp" }

    /// Final reports left under temporary names by a crash (``suffix(_:)``, in any procurement's folder under `root`):
    /// those that `recorded` says the ledger's `report-written` entry for evaluation SEQ lists in that folder, with
    /// the same SHA-256, are put in place (oldest evaluation first, as they would have been); the others (a batch
    /// that was never committed, a file cut short) are removed.
    ///
    /// - Parameter recorded: the names and digests listed for evaluation `seq` in the folder named `folder` (a
    ///   procurement's folder name under `root`), or `nil` when the ledger has no such entry.
    /// - Returns: how many files were put in place, and how many removed.
    static func recover(under root: String, recorded: (_ folder: String, _ seq: Int) -> [String: String]?)
        -> (published: Int, removed: Int)
    {
        var found: [Int: [String: [String]]] = [:]  // seq → procurement folder → names
        for case let relative as String in FileManager.default.enumerator(atPath: root)?.allObjects ?? [] {
            guard relative.hasSuffix(".tmp"), let marker = relative.range(of: ".final-", options: .backwards) else {
                continue
            }
            let digits = relative[marker.upperBound..<relative.index(relative.endIndex, offsetBy: -4)]
            let parts = relative[..<marker.lowerBound].split(separator: "/", maxSplits: 1).map(String.init)
            guard let seq = Int(digits), String(seq) == digits, parts.count == 2 else { continue }
            found[seq, default: [:]][parts[0], default: []].append(parts[1])
        }
        var (published, removed) = (0, 0)
        for seq in found.keys.sorted() {
            for (name, names) in found[seq]!.sorted(by: { $0.key < $1.key }) {
                let folder = (root as NSString).appendingPathComponent(name)
                let listed = recorded(name, seq) ?? [:]
                var keep: [(name: String, sha256: String)] = []
                for file in names.sorted() {
                    let path = (folder as NSString).appendingPathComponent(file) + suffix(seq)
                    let digest = FileManager.default.contents(atPath: path).map { Hex.sha256(Array($0)) }
                    if let digest, listed[file] == digest {
                        keep.append((file, digest))
                    } else {
                        unlink(path)
                        removed += 1
                    }
                }
                guard !keep.isEmpty else { continue }
                let staged = StagedReports(folder: folder, suffix: suffix(seq), found: keep)
                if (try? staged.publish()) != nil { published += keep.count } else { removed += keep.count }
            }
        }
        return (published, removed)
    }

    /// Writes a file under its temporary name (without waiting for the disk) and records its hash. After a failure
    /// the rest are only hashed: the entry records what the reports are, whether or not they could be written.
    mutating func add(_ name: String, _ bytes: [UInt8]) {
        add(name, pieces: FilePieces([bytes]))
    }

    /// Writes a file given as pieces (``add(_:_:)``), hashing and writing each as it comes: `evaluation.json` of a
    /// large procurement is written as the result's bytes are made, never held whole.
    mutating func add(_ name: String, pieces: FilePieces) {
        var written: (count: Int, sha256: String)?
        if failure == nil {
            let parent = parent(of: name)
            do {
                if !folders.contains(parent) {
                    try FileSystem.createDirectory(parent)
                    folders.append(parent)
                }
                written = try FileSystem.writeHashing(temporaryPath(name), producing: pieces.forEach)
            } catch {
                failure = "\(name): \(error)"
            }
        }
        // Not written (an earlier failure, or this file's folder or file could not be written): only hashed.
        files.append((name, written?.sha256 ?? Hex.sha256(producing: pieces.forEach)))
        if let written, written.count >= FreedMemory.fileWorthReleasing { FreedMemory.release() }
    }

    /// Writes each of `files` (``add(_:_:)``), rendered all at once (an award across lots).
    mutating func add(_ files: [ReportBuilder.File]) {
        for file in files { add(file.name, file.bytes) }
    }

    /// The files by name, as the `report-written` entry lists them.
    var sortedFiles: [(name: String, sha256: String)] { files.sorted { $0.name < $1.name } }

    /// Whether a set's files are on disk before it is published (``syncTogether(_:)``).
    enum Sync: Equatable, Sendable {
        /// Not known: ``publish(sync:)`` syncs them itself.
        case own
        /// They are on disk: only the renames and the folders' syncs are left.
        case done
        /// They could not be shown to be on disk. They are not synced again: Linux reports a write-back error to one
        /// sync only, and a second would pass with the data lost.
        case failed(String)
    }

    /// Puts every staged file in place, durably; throws (after removing the temporary files) if any could not be
    /// written or synced (`sync`: whether they were synced with other sets' already).
    func publish(sync: Sync = .own) throws(FileSystem.Failure) {
        if let failure {
            discard()
            throw FileSystem.Failure(description: "cannot write \(failure)")
        }
        if case .failed(let reason) = sync {
            discard()
            throw FileSystem.Failure(description: reason)
        }
        let temporary = files.map { temporaryPath($0.name) }
        var moved = 0
        do {
            if sync == .own { try FileSystem.syncFiles(temporary, onFileSystemOf: folder) }
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

    /// Waits until the files of every one of `staged` are on disk at once: one `syncfs` for a batch of closes, where
    /// publishing each made its own (each also waited for the disk). Each set comes back `.done` (publish it with
    /// `sync: .done`), `.own` (a file that could not be written, a folder on another filesystem than the first's, or
    /// fewer than two sets: it syncs itself as before), or `.failed` when the sync failed: then no set that was written
    /// is put in place, since syncing again would not report the error again.
    static func syncTogether(_ staged: [StagedReports]) -> [Sync] {
        guard staged.count > 1, let first = staged.first(where: { $0.failure == nil && !$0.files.isEmpty }) else {
            return staged.map { _ in .own }
        }
        let device = FileSystem.device(of: first.folder)
        let together = staged.map { $0.failure == nil && device != nil && FileSystem.device(of: $0.folder) == device }
        let paths = zip(staged, together).flatMap { staged, joins in
            joins ? staged.files.map { staged.temporaryPath($0.name) } : []
        }
        do {
            try FileSystem.syncFiles(paths, onFileSystemOf: first.folder)
        } catch {
            // Every set that was written fails, those left out for another device too: folders with different devices
            // can share one filesystem (btrfs subvolumes), whose error the failed sync has already reported.
            return staged.map {
                $0.failure == nil ? .failed("the batch's reports could not be synced: \(error)") : .own
            }
        }
        return together.map { $0 ? .done : .own }
    }

    /// Removes the temporary files (a batch that was not committed).
    func discard() {
        for file in files { unlink(temporaryPath(file.name)) }
    }

    private func temporaryPath(_ name: String) -> String {
        (folder as NSString).appendingPathComponent(name) + suffix
    }

    /// The folder a file named `name` goes in.
    private func parent(of name: String) -> String {
        ((folder as NSString).appendingPathComponent(name) as NSString).deletingLastPathComponent
    }
}
