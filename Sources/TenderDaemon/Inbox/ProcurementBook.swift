import TenderScoring

/// The documents accepted so far, per procurement, in arrival order: what an evaluation runs over.
/// Rebuilt from the ledger at startup, so it never holds anything the ledger does not.
struct ProcurementBook {
    struct Document {
        var name: String
        var sha256: String
        var kind: String
        /// When the daemon first saw it (used for submissions with no `received_at`).
        var seenAt: Timestamp?
        var parsed: Parsed
    }

    enum Parsed {
        case submission(Submission)
        case marks(MarksDocument)
    }

    private(set) var documents: [ProcurementKey: [Document]] = [:]

    mutating func add(_ document: Document, to key: ProcurementKey) {
        documents[key, default: []].append(document)
    }

    func submissions(_ key: ProcurementKey) -> [Submission] {
        (documents[key] ?? []).compactMap { if case .submission(let value) = $0.parsed { value } else { nil } }
    }

    func marks(_ key: ProcurementKey) -> [MarksDocument] {
        (documents[key] ?? []).compactMap { if case .marks(let value) = $0.parsed { value } else { nil } }
    }

    func inputs(_ key: ProcurementKey) -> [EvaluationEntry.Input] {
        (documents[key] ?? []).map {
            EvaluationEntry.Input(name: $0.name, kind: $0.kind, sha256: $0.sha256, receivedAt: $0.seenAt)
        }
    }
}
