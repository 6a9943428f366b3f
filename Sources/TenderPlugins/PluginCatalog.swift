import Foundation

/// The plugins under a `Plugins/` directory that passed every check, and every problem found on the way.
///
/// Each plugin is a folder `Plugins/<name>/` holding `plugin.yaml` and its module. Loading checks the
/// manifest, the module's SHA-256, and the module itself (no imports, bounded memory, the ABI exports).
/// A plugin with any problem is left out of ``plugins``; the problems are all reported together.
///
/// ```swift
/// let catalog = PluginCatalog.load(directory: "Plugins")
/// for problem in catalog.problems { print(problem) }   // Plugins/x/plugin.yaml:3:7: plugin 'x': …
/// let host = WasmPluginHost(catalog: catalog)
/// ```
public struct PluginCatalog: Sendable {
    /// Folders under the plugins directory that are never plugins.
    public static let reservedFolders: Set<String> = ["sdk"]

    /// The plugins that loaded, by name.
    public private(set) var plugins: [String: LoadedPlugin]
    /// Every problem found, in folder order.
    public private(set) var problems: [PluginProblem]

    /// A catalog of already validated plugins.
    public init(plugins: [LoadedPlugin] = [], problems: [PluginProblem] = []) {
        self.plugins = Dictionary(plugins.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.problems = problems
    }

    /// The loaded plugin names, sorted.
    public var names: [String] { plugins.keys.sorted() }

    /// The loaded plugin called `name`.
    public subscript(name: String) -> LoadedPlugin? { plugins[name] }

    /// Loads the plugins under `directory`: every folder with a `plugin.yaml`, or only the folders named.
    ///
    /// - Parameters:
    ///   - directory: The plugins directory, such as `Plugins`.
    ///   - names: The plugins to load; `nil` loads every folder. A named plugin with no folder is a problem.
    public static func load(directory: String, only names: [String]? = nil) -> PluginCatalog {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            let problem = PluginProblem(
                file: directory, plugin: names?.first ?? "*",
                message: "plugins directory not found; create it or point the plugins setting at it")
            return PluginCatalog(problems: [problem])
        }
        let folders: [String]
        if let names {
            folders = Array(Set(names)).sorted()
        } else {
            let entries = (try? files.contentsOfDirectory(atPath: directory)) ?? []
            folders = entries.sorted().filter { entry in
                guard !entry.hasPrefix("."), !reservedFolders.contains(entry) else { return false }
                return files.fileExists(atPath: path(directory, entry, "plugin.yaml"))
            }
        }
        var catalog = PluginCatalog()
        for folder in folders {
            switch loadPlugin(folder: path(directory, folder), name: folder) {
            case .success(let plugin): catalog.plugins[plugin.name] = plugin
            case .failure(let failure): catalog.problems += failure.problems
            }
        }
        return catalog
    }

    /// Loads and checks the one plugin in `folder`, whose folder name is `name`.
    public static func loadPlugin(folder: String, name: String) -> Result<LoadedPlugin, PluginProblems> {
        let manifestFile = path(folder, "plugin.yaml")
        guard let data = FileManager.default.contents(atPath: manifestFile) else {
            let problem = PluginProblem(
                file: manifestFile, plugin: name,
                message: "plugin.yaml not found; every plugin folder needs one (see Plugins/README.md)")
            return .failure(PluginProblems([problem]))
        }
        let (decoded, problems) = PluginManifest.decode(
            yaml: String(decoding: data, as: UTF8.self), file: manifestFile, folderName: name)
        guard let manifest = decoded else { return .failure(PluginProblems(problems)) }
        return validate(manifest: manifest, moduleFile: path(folder, manifest.module))
    }

    /// Checks the module at `moduleFile` against `manifest`.
    public static func validate(manifest: PluginManifest, moduleFile: String) -> Result<LoadedPlugin, PluginProblems> {
        guard let data = FileManager.default.contents(atPath: moduleFile) else {
            let problem = PluginProblem(
                file: moduleFile, plugin: manifest.name,
                message: "module not found; build it with Plugins/build.sh or fix 'module' in plugin.yaml")
            return .failure(PluginProblems([problem]))
        }
        return validate(manifest: manifest, module: [UInt8](data), moduleFile: moduleFile)
    }

    /// Checks module bytes against `manifest`; `moduleFile` is only used in problems.
    public static func validate(
        manifest: PluginManifest, module: [UInt8], moduleFile: String
    ) -> Result<LoadedPlugin, PluginProblems> {
        ModuleValidator(manifest: manifest, file: moduleFile).validate(module)
    }

    /// Lowercase hex SHA-256 of `bytes`, as `plugin.yaml` records it.
    public static func sha256(of bytes: [UInt8]) -> String {
        ModuleValidator.sha256(bytes)
    }

    private static func path(_ components: String...) -> String {
        components.joined(separator: "/")
    }
}
