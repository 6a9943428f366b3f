import WasmKit

/// A plugin whose manifest, module hash and module passed every load-time check, ready to run.
public struct LoadedPlugin: Sendable {
    /// The decoded `plugin.yaml`.
    public let manifest: PluginManifest
    /// The module bytes, as hashed (the ledger stores them for replay).
    public let moduleBytes: [UInt8]
    /// Lowercase hex SHA-256 of ``moduleBytes``.
    public let moduleSHA256: String
    /// The parsed module. `Module` is `Sendable` and stateless: every call instantiates it in a fresh store.
    let module: Module

    init(manifest: PluginManifest, moduleBytes: [UInt8], moduleSHA256: String, module: Module) {
        self.manifest = manifest
        self.moduleBytes = moduleBytes
        self.moduleSHA256 = moduleSHA256
        self.module = module
    }

    /// The plugin's name (its folder name).
    public var name: String { manifest.name }
}
