import Foundation
public import TenderScoring

/// The plugins one or more methodologies use, with the exact bytes of each manifest and module: what the
/// ledger stores so that a replay can rebuild the very same host from the ledger alone.
public struct PluginBundle: Sendable {
    /// One plugin's recorded files.
    public struct Member: Sendable, Hashable {
        public var name: String
        public var manifestBytes: [UInt8]
        public var manifestSHA256: String
        public var moduleBytes: [UInt8]
        public var moduleSHA256: String

        /// `{name, manifest_sha256, module_sha256}` for ledger bodies (both hashes name stored blobs).
        public var json: JSONValue {
            .object([
                "name": .string(name), "manifest_sha256": .string(manifestSHA256),
                "module_sha256": .string(moduleSHA256),
            ])
        }

        public init(name: String, manifestBytes: [UInt8], moduleBytes: [UInt8]) {
            self.name = name
            self.manifestBytes = manifestBytes
            self.manifestSHA256 = PluginCatalog.sha256(of: manifestBytes)
            self.moduleBytes = moduleBytes
            self.moduleSHA256 = PluginCatalog.sha256(of: moduleBytes)
        }
    }

    public var members: [Member]
    public var catalog: PluginCatalog

    /// The host to evaluate with, or nil when no plugin is used.
    public var host: (any PluginEvaluator)? { members.isEmpty ? nil : WasmPluginHost(catalog: catalog) }

    /// Every problem loading the plugins, as printable lines.
    public var problems: [String] { catalog.problems.map(\.description) }

    /// The plugin names referenced by criteria, parts and gates of `methodologies`, sorted.
    public static func referenced(by methodologies: [Methodology]) -> [String] {
        Set(methodologies.flatMap(\.pluginReferences).map(\.name)).sorted()
    }

    /// The plugin folders under `directory` that hold a manifest; `nil` when there is no such folder.
    public static func installedNames(in directory: String) -> Set<String>? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return Set(names.filter { FileManager.default.fileExists(atPath: "\(directory)/\($0)/plugin.yaml") })
    }

    /// Loads the plugins `methodologies` use from `directory`, and checks each reference's configuration.
    public static func load(directory: String, for methodologies: [Methodology]) -> PluginBundle {
        let names = referenced(by: methodologies)
        guard !names.isEmpty else { return PluginBundle(members: [], catalog: PluginCatalog()) }
        var catalog = PluginCatalog.load(directory: directory, only: names)
        var members: [Member] = []
        for name in names {
            guard let plugin = catalog[name] else { continue }
            let manifest =
                FileManager.default.contents(atPath: "\(directory)/\(name)/plugin.yaml").map(Array.init) ?? []
            members.append(Member(name: name, manifestBytes: manifest, moduleBytes: plugin.moduleBytes))
        }
        var configProblems: [PluginProblem] = []
        for methodology in methodologies {
            for reference in methodology.pluginReferences where catalog[reference.name] != nil {
                for message in catalog.validateConfig(reference.config, for: reference.name) {
                    configProblems.append(
                        PluginProblem(
                            file: "methodology \(methodology.id)", plugin: reference.name, message: "config: \(message)"
                        ))
                }
            }
        }
        catalog = PluginCatalog(plugins: Array(catalog.plugins.values), problems: catalog.problems + configProblems)
        return PluginBundle(members: members, catalog: catalog)
    }

    /// Rebuilds the plugins from recorded bytes (a replay), checking them exactly as a load does.
    public static func rebuild(_ members: [Member]) -> PluginBundle {
        var plugins: [LoadedPlugin] = []
        var problems: [PluginProblem] = []
        for member in members {
            let (manifest, manifestProblems) = PluginManifest.decode(
                yaml: String(decoding: member.manifestBytes, as: UTF8.self), file: "ledger:\(member.manifestSHA256)",
                folderName: member.name)
            problems += manifestProblems
            guard let manifest else { continue }
            switch PluginCatalog.validate(
                manifest: manifest, module: member.moduleBytes, moduleFile: "ledger:\(member.moduleSHA256)")
            {
            case .success(let plugin): plugins.append(plugin)
            case .failure(let failure): problems += failure.problems
            }
        }
        return PluginBundle(members: members, catalog: PluginCatalog(plugins: plugins, problems: problems))
    }
}
