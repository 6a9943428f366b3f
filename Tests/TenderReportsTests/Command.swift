import Foundation
import TenderTestSupport

/// Runs a child process and reaps it; stdout then stderr as one output. It waits without blocking a thread of
/// the cooperative pool (``ChildProcess``): in-process daemons of other tests need those threads meanwhile.
struct Command {
    var status: Int32
    var output: String

    static func run(_ executable: String, _ arguments: [String]) async throws -> Command {
        let run = try await ChildProcess.run([executable] + arguments)
        return Command(status: run.status, output: run.out + run.errors)
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
