/// Whether a plugin scores (a criterion or part) or decides a pass/fail gate.
public enum PluginKind: String, Sendable, Hashable, CaseIterable {
    case score
    case gate
}

/// The type a plugin declares for one of its configuration keys.
public enum PluginConfigType: String, Sendable, Hashable, CaseIterable {
    /// A decimal number: a YAML number or a decimal string such as `"0.25"`.
    case number
    /// A whole number.
    case integer
    case string
    case boolean
    case list
    case map
}

/// One configuration key a plugin accepts, as declared in its manifest.
public struct PluginConfigField: Sendable, Hashable {
    public var name: String
    public var type: PluginConfigType
    public var required: Bool
    public var description: String

    public init(name: String, type: PluginConfigType, required: Bool, description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
    }
}

/// A plugin's `plugin.yaml`: what it is, which module runs it, and the limits it runs under.
///
/// ```yaml
/// name: local-supply-chain          # must equal the folder name
/// version: 1.0.0
/// kind: score                       # score | gate
/// module: local-supply-chain.wasm   # optional, defaults to <name>.wasm
/// sha256: 3f1c…                     # lowercase hex SHA-256 of the module
/// fuel: 2000000                     # budget per call (about one unit per WebAssembly instruction)
/// max_memory_pages: 64              # cap on the module's declared memory maximum (64 KiB pages, at most 64)
/// description: Share of subcontract spend with local SMEs and VCSEs.
/// config:
///   local_areas: {type: list, required: true, description: Local authority areas that count as local}
/// reads: [supply_chain.subcontracts]   # optional: the submission members it reads; it receives only those
/// ```
public struct PluginManifest: Sendable, Hashable {
    /// The largest `max_memory_pages` a manifest may declare: 64 pages, 4 MiB.
    public static let memoryPagesLimit = 64
    /// The largest `fuel` budget a manifest may declare.
    public static let fuelLimit: UInt64 = 1_000_000_000

    public var name: String
    public var version: String
    public var kind: PluginKind
    /// The module's file name inside the plugin folder.
    public var module: String
    /// Lowercase hex SHA-256 of the module file.
    public var sha256: String
    /// Fuel budget per call.
    public var fuel: UInt64
    /// The largest memory maximum (in 64 KiB pages) the module may declare.
    public var maxMemoryPages: Int
    public var description: String?
    /// The configuration keys the plugin accepts, in manifest order.
    public var config: [PluginConfigField]
    /// The submission members the plugin reads, as dotted paths (`supply_chain.subcontracts`), in manifest order;
    /// the plugin receives only these (least privilege, and a smaller input to parse). `nil`: the whole submission.
    public var reads: [String]?

    public init(
        name: String, version: String, kind: PluginKind, module: String? = nil, sha256: String, fuel: UInt64,
        maxMemoryPages: Int, description: String? = nil, config: [PluginConfigField] = [], reads: [String]? = nil
    ) {
        self.name = name
        self.version = version
        self.kind = kind
        self.module = module ?? "\(name).wasm"
        self.sha256 = sha256
        self.fuel = fuel
        self.maxMemoryPages = maxMemoryPages
        self.description = description
        self.config = config
        self.reads = reads
    }
}
