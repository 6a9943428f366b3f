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

    /// The methodology for a procurement, if one is active. A methodology with lots is active for the procurement as
    /// a whole (its key without a lot) and for each lot (``Methodology/lot(_:)``).
    public func entry(for key: ProcurementKey) -> Entry? { methodologies[key] }

    /// The keys of every lot of the lotted procurement `reference`, in the order the lots are listed; empty when the
    /// procurement is not lotted (or not active).
    public func lotKeys(of reference: String) -> [ProcurementKey] {
        guard let lotting = methodologies[ProcurementKey(reference: reference, lot: nil)]?.methodology.lotting else {
            return []
        }
        return lotting.ids.map { ProcurementKey(reference: reference, lot: $0) }
    }
}
