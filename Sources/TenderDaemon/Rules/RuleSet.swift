public import TenderPlugins
public import TenderScoring

/// A validated, tested set of methodologies: what the daemon scores with until the next good reload.
public struct RuleSet: Sendable {
    /// One file of the rule set, kept byte for byte for the ledger.
    public struct File: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]
        public var sha256: String
    }

    /// A methodology with the file it came from.
    public struct Entry: Sendable {
        public var methodology: Methodology
        public var file: File
    }

    /// SHA-256 over the sorted listing of `name sha256` lines of every file: the rule set's identity.
    public var digest: String
    public var methodologies: [ProcurementKey: Entry]
    public var files: [File]
    /// The plugins the methodologies use, with their recorded bytes.
    public var plugins: PluginBundle

    /// The methodology for a procurement, if one is active.
    public func entry(for key: ProcurementKey) -> Entry? { methodologies[key] }
}
