import TenderRules
import TenderScoring

/// A document the ledger holds for a procurement (a `document-received` entry), not yet read back.
struct ReceivedDocument: Sendable {
    var kind: String
    var sha: String
    var name: String
    var seenAt: Timestamp?

    /// The document read back from its bytes, slim; `nil` when the bytes are gone or no longer parse as a
    /// submission or marks (`ledger verify` and `ledger replay` report both).
    func load(_ bytes: [UInt8]?) -> ProcurementBook.Document? {
        guard let bytes else { return nil }
        let parser = DocumentParser(maximumBytes: max(bytes.count, 1))
        switch try? parser.parse(bytes, file: name, documentID: sha) {
        case .submission(var submission):
            if submission.receivedAt == nil { submission.receivedAt = seenAt }
            return .init(
                name: name, sha256: sha, kind: kind, seenAt: seenAt,
                parsed: .submission(ProcurementBook.slim(submission)), complete: false)
        case .marks(let marks):
            return .init(name: name, sha256: sha, kind: kind, seenAt: seenAt, parsed: .marks(marks), complete: false)
        default:
            return nil
        }
    }
}
