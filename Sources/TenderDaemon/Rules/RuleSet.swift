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
        /// For a call-off: the record of the framework or dynamic market it calls off from (recorded with each
        /// evaluation, so a replay reads the same members).
        public var framework: File?

        public init(methodology: Methodology, file: File, framework: File? = nil) {
            self.methodology = methodology
            self.file = file
            self.framework = framework
        }
    }

    /// SHA-256 over the sorted listing of `name sha256` lines of every file: the rule set's identity.
    public var digest: String
    public var methodologies: [ProcurementKey: Entry]
    public var files: [File]
    /// The plugins the methodologies use, with their recorded bytes.
    public var plugins: PluginBundle
    /// The procedures with stages, by procurement and lot (no stage): their stages in order, each with the
    /// methodology in force (``methodologies`` has each under its stage's key).
    public var procedures: [ProcurementKey: StagedProcedure]

    public init(
        digest: String, methodologies: [ProcurementKey: Entry], files: [File], plugins: PluginBundle,
        procedures: [ProcurementKey: StagedProcedure] = [:]
    ) {
        self.digest = digest
        self.methodologies = methodologies
        self.files = files
        self.plugins = plugins
        self.procedures = procedures
    }

    /// The procedure with stages that `key`'s procurement and lot runs, if it has stages.
    public func procedure(of key: ProcurementKey) -> StagedProcedure? { procedures[key.procedure] }

    /// The methodology for a procurement, if one is active. A methodology with lots is active for the procurement as
    /// a whole (its key without a lot) and for each lot (``Methodology/lot(_:)``).
    public func entry(for key: ProcurementKey) -> Entry? { methodologies[key] }

    /// What an evaluation of `key` (and its reports) reads of each submission, as
    /// ``ProcurementBook/evaluation(_:methodology:plugins:)`` cuts them down; `nil` when no methodology is active.
    func evaluationReads(_ key: ProcurementKey) -> SubmissionReads? {
        entry(for: key).map { SubmissionReads(methodology: $0.methodology, plugins: plugins.host) }
    }

    /// The keys of every lot of the lotted procurement `reference`, in the order the lots are listed; empty when the
    /// procurement is not lotted (or not active).
    public func lotKeys(of reference: String) -> [ProcurementKey] {
        guard let lotting = methodologies[ProcurementKey(reference: reference, lot: nil)]?.methodology.lotting else {
            return []
        }
        return lotting.ids.map { ProcurementKey(reference: reference, lot: $0) }
    }
}
