import Foundation

#if canImport(Glibc)
    package import Glibc
#elseif canImport(Darwin)
    package import Darwin
#endif

/// The one layer of POSIX file calls tender makes (the ledger's key and checkpoint log, the daemon's inbox,
/// folders and reports): renames, directory fsyncs, reads without following symlinks, durable writes. Every
/// read and write retries on `EINTR`, and a failed `fsync` of a file is an error. Folder fsyncs
/// (``syncFolders(_:)``) are best effort: a move a power cut undoes is finished again at restart, because the file
/// is still in `processing/` and the ledger has its record.
package enum FileSystem {
    /// Why a file operation failed: the path, and `strerror`'s text.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    /// What is at a path, without following a final symlink.
    package enum Kind {
        case regular(size: Int64, modified: Int64)
        case symlink
        case other
        case missing
    }

    package static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            #if canImport(Darwin)
                let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
            #else
                let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            #endif
            return .regular(size: Int64(info.st_size), modified: modified)
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Renames within one filesystem (atomic), then makes both directories durable.
    package static func move(_ from: String, to: String) throws(Failure) {
        try moveLater(from, to: to)
        syncDirectory(of: to)
        syncDirectory(of: from)
    }

    /// Renames within one filesystem (atomic) without waiting for the disk: for many files at once, followed
    /// by one ``syncFolders(_:)`` of the folders involved.
    package static func moveLater(_ from: String, to: String) throws(Failure) {
        guard rename(from, to) == 0 else {
            throw Failure(description: "cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    /// Waits until `files`, written without `sync`, are on disk: one `syncfs` of the filesystem holding `folder`
    /// (Linux; it reports write-back errors since Linux 5.8), or an fsync of each file where that is not available (no
    /// such call, or the folder cannot be opened). Throws when the files cannot be shown to be on disk, and when
    /// `syncfs` reports an error: a write-back error is reported once, so an fsync of each file after it could pass
    /// with the data lost.
    package static func syncFiles(_ files: [String], onFileSystemOf folder: String) throws(Failure) {
        guard !files.isEmpty else { return }
        #if os(Linux)
            // Glibc declares syncfs only for _GNU_SOURCE, which Swift's Glibc module does not define.
            typealias SyncFS = @convention(c) (Int32) -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") {
                let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if descriptor >= 0 {
                    defer { close(descriptor) }
                    if unsafeBitCast(symbol, to: SyncFS.self)(descriptor) == 0 { return }
                    // A kernel without the call (ENOSYS) is left to the fsyncs below; any other error is thrown.
                    guard errno == ENOSYS else { throw failure("cannot sync the filesystem of \(folder)") }
                }
            }
        #endif
        for file in files {
            let descriptor = open(file, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure("cannot open \(file) to sync it") }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw failure("cannot sync \(file)") }
        }
    }

    /// The device (filesystem) `path` is on, or nil when it cannot be read.
    package static func device(of path: String) -> UInt? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt(info.st_dev)
    }

    /// fsyncs each folder, so the renames and creates in them survive power loss.
    package static func syncFolders(_ folders: [String]) {
        for folder in folders {
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    /// fsyncs the directory holding `path`, so a rename or create in it survives power loss.
    package static func syncDirectory(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        syncFolders([folder.isEmpty ? "." : folder])
    }

    /// Reads a regular file without following symlinks, refusing anything larger than `limit` bytes.
    /// Returns `nil` bytes (with the size) when the file is over the limit.
    package static func read(_ path: String, limit: Int) throws(Failure) -> (bytes: [UInt8]?, size: Int) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(path)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(description: "\(path) is not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else { return (nil, size) }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + offset, size - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure("cannot read \(path)") }
            if count == 0 { break }
            offset += count
        }
        // Shorter than it was when it was opened: the bytes read, without copying them.
        if offset < size { bytes.removeSubrange(offset...) }
        return (bytes, offset)
    }

    /// What tells one version of a file from the next: its inode, size and modification time.
    package struct Stamp: Sendable, Hashable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    /// The file's stamp, or nil when it cannot be read.
    package static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(
            inode: UInt64(info.st_ino), size: Int64(info.st_size), seconds: info.st_mtim.tv_sec,
            nanoseconds: info.st_mtim.tv_nsec)
    }

    /// Free bytes for an unprivileged user on the file system holding `path`, or nil.
    package static func freeBytes(_ path: String) -> Int? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Writes a file and fsyncs it and its directory.
    package static func writeDurably(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        try write(path, bytes, sync: true)
    }

    /// Writes `bytes` to `path` (created or truncated); with `sync`, waits until they and the folder entry are
    /// on disk.
    /// With `mode`, the file gets exactly those permission bits (a secret's 0600); without, 0644 less the umask.
    package static func write(_ path: String, _ bytes: [UInt8], sync: Bool, mode: mode_t? = nil) throws(Failure) {
        try write(path, pieces: [bytes], sync: sync, mode: mode)
    }

    /// Writes the bytes of `pieces`, one after another, to `path` as ``write(_:_:sync:mode:)`` writes one array: a
    /// file made of a large array and a few more bytes is written without joining them into a copy.
    package static func write(_ path: String, pieces: [[UInt8]], sync: Bool, mode: mode_t? = nil) throws(Failure) {
        try write(path, sync: sync, mode: mode) { write in pieces.forEach(write) }
    }

    /// Writes the pieces `produce` hands to its argument, one after another as they come, to `path` as
    /// ``write(_:_:sync:mode:)`` writes one array: a file of any size without holding it. After a failed write the
    /// rest of the pieces are not written (`produce` still runs to its end), and the failure is thrown.
    package static func write(
        _ path: String, sync: Bool, mode: mode_t? = nil, producing produce: (_ write: ([UInt8]) -> Void) -> Void
    ) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode ?? 0o644)
        guard descriptor >= 0 else { throw failure("cannot write \(path)") }
        defer { close(descriptor) }
        if let mode, fchmod(descriptor, mode) != 0 { throw failure("cannot set the mode of \(path)") }
        var failed: Failure?
        produce { piece in
            guard failed == nil else { return }
            do throws(Failure) { try writeAll(descriptor, piece, path: path) } catch { failed = error }
        }
        if let failed { throw failed }
        guard sync else { return }
        guard fsync(descriptor) == 0 else { throw failure("cannot sync \(path)") }
        syncDirectory(of: path)
    }

    /// Writes the pieces `produce` hands to its argument to `path` (without waiting for the disk), hashing and counting
    /// them as they come: a file of any size written and identified without being held. Throws as
    /// ``write(_:sync:mode:producing:)`` does. (`produce` is only called before this returns; it is marked escaping so
    /// that it may be handed the hashing writer.)
    package static func writeHashing(_ path: String, producing produce: @escaping (_ write: ([UInt8]) -> Void) -> Void)
        throws(Failure) -> (count: Int, sha256: String)
    {
        var (count, sha256) = (0, "")
        try write(path, sync: false) { write in
            sha256 = Hex.sha256 { hash in
                produce { piece in
                    hash(piece)
                    write(piece)
                    count += piece.count
                }
            }
        }
        return (count, sha256)
    }

    /// Appends `bytes` to `path` (created with `mode`) and fsyncs the file.
    package static func appendAndSync(path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot append to \(path)") }
        defer { close(descriptor) }
        try writeAll(descriptor, bytes, path: path)
        guard fsync(descriptor) == 0 else { throw failure("cannot sync \(path)") }
    }

    /// Creates `path` exclusively with `mode` (the permission bits are applied with `fchmod`, so the umask
    /// cannot widen or narrow them), writes `bytes` and fsyncs it and its folder. Fails if the file exists.
    package static func createExclusive(path: String, bytes: [UInt8], mode: mode_t) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create \(path)") }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else { throw failure("cannot set the mode of \(path)") }
        try writeAll(descriptor, bytes, path: path)
        guard fsync(descriptor) == 0 else { throw failure("cannot sync \(path)") }
        syncDirectory(of: path)
    }

    package static func createDirectory(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create folder \(path): \(error.localizedDescription)")
        }
    }

    /// Names in a folder (no `.`/`..`), sorted.
    package static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw failure("cannot write \(path)") }
            offset += written
        }
    }

    /// `what`, then the current `errno` as text.
    private static func failure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
