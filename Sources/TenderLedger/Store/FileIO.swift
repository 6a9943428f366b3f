import Foundation

/// Small POSIX file helpers: durable appends and exclusive creation with a fixed mode (no umask race).
enum FileIO {
    /// Why a file operation failed (the `strerror` text).
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// Appends `bytes` to `path` (created with `mode`) and fsyncs the file.
    static func appendAndSync(path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw lastError() }
        defer { close(descriptor) }
        try writeAll(descriptor, bytes)
        guard fsync(descriptor) == 0 else { throw lastError() }
    }

    /// Creates `path` exclusively with `mode` (the permission bits are applied with `fchmod`, so the umask
    /// cannot widen or narrow them), writes `bytes` and fsyncs it. Fails if the file exists.
    static func createExclusive(path: String, bytes: [UInt8], mode: mode_t) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw lastError() }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else { throw lastError() }
        try writeAll(descriptor, bytes)
        guard fsync(descriptor) == 0 else { throw lastError() }
    }

    /// Fsyncs a directory so a new entry in it survives power loss.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw lastError()
            }
            offset += written
        }
    }

    private static func lastError() -> Failure {
        Failure(description: String(cString: strerror(errno)))
    }
}
