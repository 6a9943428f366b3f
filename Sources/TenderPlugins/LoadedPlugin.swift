import Foundation
import WasmKit

/// A plugin whose manifest, module hash and module passed every load-time check, ready to run.
public struct LoadedPlugin: Sendable {
    /// The decoded `plugin.yaml`.
    public let manifest: PluginManifest
    /// The module bytes, as hashed (the ledger stores them for replay).
    public let moduleBytes: [UInt8]
    /// Lowercase hex SHA-256 of ``moduleBytes``.
    public let moduleSHA256: String
    /// The parsed module, as fresh instances are made from it. `Module` is `Sendable` and stateless.
    let module: Module
    /// Instances kept between calls, shared by every host built from this load of the plugin.
    let instances: InstancePool
    /// The manifest's `reads`, parsed once.
    let fields: SubmissionFields?

    init(manifest: PluginManifest, moduleBytes: [UInt8], moduleSHA256: String, module: Module) {
        self.manifest = manifest
        self.moduleBytes = moduleBytes
        self.moduleSHA256 = moduleSHA256
        self.module = module
        self.fields = manifest.reads.map(SubmissionFields.init)
        self.instances = InstancePool(moduleBytes: moduleBytes, capacity: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Why calls of this plugin each get a fresh instance instead of a kept one; nil when instances are kept.
    public var notReusedBecause: String? { instances.refusal }

    /// Instances kept idle for the next call now.
    public var keptInstances: Int { instances.idleCount }

    /// The plugin's name (its folder name).
    public var name: String { manifest.name }
}
