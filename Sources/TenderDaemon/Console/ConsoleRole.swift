/// What a console user may see. A role grants areas; every route needs one area.
public enum ConsoleRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// Procurements, standings, documents and their statuses, flags, decisions, reports.
    case buyer
    /// What a buyer sees, with prices always unsealed, and the ledger: history, entries, proofs, checkpoints,
    /// verification.
    case auditor
    /// Health, readiness, status and metrics only.
    case `operator`

    /// A part of the console that one or more roles may use.
    public enum Area: String, Sendable, Hashable {
        case procurements
        case ledger
        case operations
    }

    /// The areas this role may use.
    public var areas: Set<Area> {
        switch self {
        case .buyer: [.procurements]
        case .auditor: [.procurements, .ledger]
        case .operator: [.operations]
        }
    }

    /// Where a signed-in user of this role starts.
    var home: String { self == .operator ? "/status" : "/procurements" }
}
