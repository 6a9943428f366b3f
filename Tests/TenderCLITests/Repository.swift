import Foundation
import TenderTestSupport

/// Paths into this repository, for tests that use the shipped rules and examples.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static let retrofit = path("Rules/wmca-retrofit-2026-lot1.yaml")

    static var retrofitExamples: [String] {
        let folder = path("Rules/examples/wmca-retrofit-2026-lot1")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .map { "\(folder)/\($0)" }
    }

    static let highways = path("Rules/gm-highways-2027.yaml")

    static var highwaysExamples: [String] {
        let folder = path("Rules/examples/gm-highways-2027")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .map { "\(folder)/\($0)" }
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String {
        try TestFolders.make("cli")
    }
}
