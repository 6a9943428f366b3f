import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Fresh folders for tests, all under one folder per test process that is removed when the process exits, so
/// test runs do not pile up folders in the system's temporary directory. Set `TENDER_KEEP_TEST_FOLDERS=1` to
/// keep them for a look after the run.
public enum TestFolders {
    /// `<temporary directory>/tender-tests-<pid>`: created on first use, removed at exit.
    public static let root: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tender-tests-\(getpid())").path
        // A folder with this name was left by an earlier process with the same pid (one that did not exit).
        try? FileManager.default.removeItem(atPath: path)
        if ProcessInfo.processInfo.environment["TENDER_KEEP_TEST_FOLDERS"] != "1" {
            atexit { try? FileManager.default.removeItem(atPath: TestFolders.root) }
        }
        return path
    }()

    /// A new empty folder named `<prefix>-<UUID>` under ``root``; its path.
    public static func make(_ prefix: String) throws -> String {
        let path = (root as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
