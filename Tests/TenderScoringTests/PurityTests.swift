import Foundation
import Testing

/// The scoring core must stay pure: no files, clock, randomness or network.
struct PurityTests {
    @Test func theCoreSourcesTouchNoClockFilesOrRandomness() throws {
        let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TenderScoring").standardized
        let files = try #require(FileManager.default.enumerator(atPath: core.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        let forbidden = [
            "Date()", "FileManager", "random", "ProcessInfo", "URLSession", "FileHandle", "fopen", "clock_gettime",
            "Glibc",
        ]
        for file in files {
            let text = try String(contentsOf: core.appendingPathComponent(file), encoding: .utf8)
            for word in forbidden {
                #expect(!text.contains(word), "\(file) uses \(word)")
            }
        }
    }
}
