import TenderRules
import TenderScoring

/// The documents accepted so far, per procurement, in arrival order: what an evaluation runs over.
/// Rebuilt from the ledger at startup, so it never holds anything the ledger does not.
///
/// Submissions are kept slim (without their document tree, the narrative answers that make up most of their
/// size): arrival checks need only who sent them, when, and their marks. An evaluation re-reads the whole
/// documents from the ledger's blobs (``completeSubmissions(_:loader:)``), so memory stays small however many
/// tenders the ledger holds.
struct ProcurementBook: Sendable {
    struct Document: Sendable {
        var name: String
        var sha256: String
        var kind: String
        /// When the daemon first saw it (used for submissions with no `received_at`).
        var seenAt: Timestamp?
        var parsed: Parsed
        /// Whether `parsed` still holds the whole document (only until its batch is committed).
        var complete: Bool
    }

    enum Parsed: Sendable {
        case submission(Submission)
        case marks(MarksDocument)
    }

    /// Reads a document's bytes by SHA-256 (the ledger's blobs).
    typealias Loader = (_ sha256: String) -> [UInt8]?

    private(set) var documents: [ProcurementKey: [Document]] = [:]
    /// Documents added since the last ``slimDown()``, still complete.
    private var recent: [(key: ProcurementKey, index: Int)] = []

    /// Adds a parsed document; it is kept whole until ``slimDown()``.
    mutating func add(_ document: Document, to key: ProcurementKey) {
        documents[key, default: []].append(document)
        if document.complete { recent.append((key, documents[key]!.count - 1)) }
    }

    /// Drops the document trees of the documents added since the last call (their bytes are in the ledger now).
    mutating func slimDown() {
        for (key, index) in recent {
            guard case .submission(let submission) = documents[key]?[index].parsed else { continue }
            documents[key]![index].parsed = .submission(Self.slim(submission))
            documents[key]![index].complete = false
        }
        recent.removeAll()
    }

    static func slim(_ submission: Submission) -> Submission {
        var slim = submission
        slim.content = .null
        return slim
    }

    /// The submissions, slim or whole: enough for arrival checks (supplier, time, marks), not for evaluation.
    func submissions(_ key: ProcurementKey) -> [Submission] {
        (documents[key] ?? []).compactMap { if case .submission(let value) = $0.parsed { value } else { nil } }
    }

    /// The submissions as whole documents, re-read and re-parsed from the ledger where they were slimmed.
    func completeSubmissions(_ key: ProcurementKey, loader: Loader) throws(BookError) -> [Submission] {
        var result: [Submission] = []
        for document in documents[key] ?? [] {
            guard case .submission(let submission) = document.parsed else { continue }
            if document.complete {
                result.append(submission)
                continue
            }
            guard let bytes = loader(document.sha256) else {
                throw BookError(description: "the ledger has no blob for \(document.name) (\(document.sha256))")
            }
            guard
                case .submission(var whole)? = try? DocumentParser(maximumBytes: max(bytes.count, 1))
                    .parse(bytes, file: document.name, documentID: document.sha256)
            else {
                throw BookError(description: "\(document.name) (\(document.sha256)) no longer parses as a submission")
            }
            if whole.receivedAt == nil { whole.receivedAt = document.seenAt }
            result.append(whole)
        }
        return result
    }

    func marks(_ key: ProcurementKey) -> [MarksDocument] {
        (documents[key] ?? []).compactMap { if case .marks(let value) = $0.parsed { value } else { nil } }
    }

    func inputs(_ key: ProcurementKey) -> [EvaluationEntry.Input] {
        (documents[key] ?? []).map {
            EvaluationEntry.Input(name: $0.name, kind: $0.kind, sha256: $0.sha256, receivedAt: $0.seenAt)
        }
    }

    /// A submission recorded in the ledger could not be read back whole.
    struct BookError: Error, CustomStringConvertible {
        var description: String
    }
}
