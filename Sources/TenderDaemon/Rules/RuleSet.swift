public import TenderPlugins
public import TenderScoring

/// A validated, tested set of methodologies: what the daemon scores with until the next good reload.
public struct RuleSet: Sendable {
    /// One file of the rule set, kept byte for byte for the ledger.
    public struct File: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]
        public var sha256: String

        public init(name: String, bytes: [UInt8], sha256: String) {
            self.name = name
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// A methodology with the file it came from.
    public struct Entry: Sendable {
        public var methodology: Methodology
        public var file: File

        public init(methodology: Methodology, file: File) {
            self.methodology = methodology
            self.file = file
        }
    }

    /// SHA-256 over the sorted listing of `name sha256` lines of every file: the rule set's identity.
    public var digest: String
    public var methodologies: [ProcurementKey: Entry]
    public var files: [File]
    /// The plugins the methodologies use, with their recorded bytes.
    public var plugins: PluginBundle

    public init(
        digest: String, methodologies: [ProcurementKey: Entry], files: [File], plugins: PluginBundle
    ) {
        self.digest = digest
        self.methodologies = methodologies
        self.files = files
        self.plugins = plugins
    }

    /// The methodology for a procurement, if one is active.
    public func entry(for key: ProcurementKey) -> Entry? { methodologies[key] }
}
