import Foundation
import TenderPlugins
import TenderScoring
import TenderTestSupport
import Testing
import WAT

struct PluginCatalogTests {
    /// Writes a plugin folder with a manifest and module into `directory`.
    func writePlugin(_ name: String, in directory: URL, module: [UInt8], manifest: String) throws {
        let folder = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(module).write(to: folder.appendingPathComponent("\(name).wasm"))
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("plugin.yaml"))
    }

    func manifest(_ name: String, sha256: String) -> String {
        """
        name: \(name)
        version: 0.1.0
        kind: score
        sha256: \(sha256)
        fuel: 100000
        max_memory_pages: 2
        config:
          target: {type: number, required: true, description: The share to aim for}
          areas: {type: list, description: Local areas}
          places: {type: integer, description: Decimal places}
        """
    }

    func temporaryDirectory() throws -> URL {
        URL(fileURLWithPath: try TestFolders.make("plugins"))
    }

    @Test func loadsGoodPluginsAndReportsEveryProblemOfTheBadOnes() throws {
        // Given
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try wat2wasm(GuestModules.wat(output: #"{"fraction":"1","explanation":"ok"}"#))
        try writePlugin(
            "good", in: directory, module: good, manifest: manifest("good", sha256: PluginCatalog.sha256(of: good)))
        let stale = String(repeating: "0", count: 64)
        try writePlugin("stale", in: directory, module: good, manifest: manifest("stale", sha256: stale))
        let importing = try wat2wasm(GuestModules.wat(maxPages: "", imports: #"(import "env" "now" (func))"#))
        try writePlugin(
            "importing", in: directory, module: importing,
            manifest: manifest("importing", sha256: PluginCatalog.sha256(of: importing)))
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sdk"), withIntermediateDirectories: true)
        // When
        let catalog = PluginCatalog.load(directory: directory.path)
        // Then
        #expect(catalog.names == ["good"])
        let problems = catalog.problems.map(\.description)
        #expect(problems.count == 3)
        #expect(
            problems.contains {
                $0.hasPrefix("\(directory.path)/stale/stale.wasm: plugin 'stale': sha256 is ")
                    && $0.contains("but plugin.yaml says \(stale)")
            })
        #expect(problems.contains { $0.contains("plugin 'importing': imports function 'env.now'") })
        #expect(problems.contains { $0.contains("plugin 'importing': memory declares no maximum") })
    }

    @Test func namedPluginsThatAreMissingAreProblems() throws {
        // Given
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // When
        let catalog = PluginCatalog.load(directory: directory.path, only: ["absent"])
        // Then
        #expect(
            catalog.problems.map(\.message) == [
                "plugin.yaml not found; every plugin folder needs one (see Plugins/README.md)"
            ])
    }

    @Test func configIsCheckedAgainstTheManifestSchema() throws {
        // Given
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let module = try wat2wasm(GuestModules.wat(output: #"{"fraction":"1","explanation":"ok"}"#))
        try writePlugin(
            "p", in: directory, module: module, manifest: manifest("p", sha256: PluginCatalog.sha256(of: module)))
        let catalog = PluginCatalog.load(directory: directory.path)
        // When
        let good = catalog.validateConfig(
            .map(["target": .string("0.25"), "areas": .list([]), "places": .number(2)]), for: "p")
        let bad = catalog.validateConfig(
            .map(["target": .string("a quarter"), "places": .number(2.5), "colour": .bool(true)]), for: "p")
        let missing = catalog.validateConfig(.map([:]), for: "p")
        let unknown = catalog.validateConfig(.map([:]), for: "nope")
        // Then
        #expect(good.isEmpty)
        #expect(
            bad == [
                "plugin 'p' has no config key 'colour' (known: target, areas, places)",
                "plugin 'p' config key 'target' must be a number (such as 0.25 or \"0.25\"), found \"a quarter\"",
                "plugin 'p' config key 'places' must be a whole number, found 2.5",
            ])
        #expect(missing == ["plugin 'p' needs config key 'target' (number): The share to aim for"])
        #expect(unknown == ["plugin 'nope' is not loaded, so its config cannot be checked"])
    }
}
