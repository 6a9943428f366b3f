import Foundation

/// File writes for tests.
public enum TestFiles {
    /// Replaces the file at `path` with `text` the way an editor saves: written beside it, then renamed over it, so
    /// a daemon watching the folder never reads half of it. (Foundation's `write(toFile:atomically: true)` does the
    /// same through a folder it makes in the temporary directory and leaves behind.)
    public static func replace(_ path: String, with text: String) throws {
        let temporary = "\(path).\(UUID().uuidString).part"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
