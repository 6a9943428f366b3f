import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls the inbox needs to be crash safe: rename, directory fsync, reading without
/// following symlinks.
enum FileSystem {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What is at a path, without following a final symlink.
    enum Kind {
        case regular(size: Int64, modified: Int64)
        case symlink
        case other
        case missing
    }

    static func kind(_ path: String) -> Kind {
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
    static func move(_ from: String, to: String) throws(Failure) {
        try moveLater(from, to: to)
        syncDirectory(of: to)
        syncDirectory(of: from)
    }

    /// Renames within one filesystem (atomic) without waiting for the disk: for many files at once, followed
    /// by one ``syncFolders(_:)`` of the folders involved.
    static func moveLater(_ from: String, to: String) throws(Failure) {
        guard rename(from, to) == 0 else {
            throw Failure(description: "cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    /// fsyncs each folder, so the renames and creates in them survive power loss.
    static func syncFolders(_ folders: [String]) {
        for folder in folders {
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
            guard descriptor >= 0 else { continue }
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    /// fsyncs the directory holding `path`, so a rename or create in it survives power loss.
    static func syncDirectory(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        syncFolders([folder.isEmpty ? "." : folder])
    }

    /// Reads a regular file without following symlinks, refusing anything larger than `limit` bytes.
    /// Returns `nil` bytes (with the size) when the file is over the limit.
    static func read(_ path: String, limit: Int) throws(Failure) -> (bytes: [UInt8]?, size: Int) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
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
            if count <= 0 { break }
            offset += count
        }
        return (Array(bytes.prefix(offset)), offset)
    }

    /// Writes a file and fsyncs it and its directory.
    static func writeDurably(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        try write(path, bytes, sync: true)
    }

    /// Writes `bytes` to `path` (created or truncated); with `sync`, waits until they and the folder entry are
    /// on disk.
    static func write(_ path: String, _ bytes: [UInt8], sync: Bool) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            guard count > 0 else {
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += count
        }
        guard sync else { return }
        _ = fsync(descriptor)
        syncDirectory(of: path)
    }

    static func createDirectory(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create folder \(path): \(error.localizedDescription)")
        }
    }

    /// Names in a folder (no `.`/`..`), sorted.
    static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
