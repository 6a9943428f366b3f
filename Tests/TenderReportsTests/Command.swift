import Foundation
import TenderTestSupport

/// Runs a child process synchronously and reaps it; stdout and stderr are merged. Call only from
/// synchronous tests (`Process.waitUntilExit()` can hang inside async tests on Linux).
struct Command {
    var status: Int32
    var output: String

    static func run(_ executable: String, _ arguments: [String]) throws -> Command {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        finished.wait()
        return Command(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String) throws -> URL {
        URL(fileURLWithPath: try TestFolders.make(name))
    }

    /// Writes report files under a folder, creating subfolders.
    static func write(_ files: [(name: String, bytes: [UInt8])], to folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
    }
}
