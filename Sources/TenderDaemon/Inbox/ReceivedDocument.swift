import TenderLedger
import TenderRules
import TenderScoring

/// A `document-received` entry found at startup: read back from its blob into the procurement book.
struct ReceivedDocument: Sendable {
    var kind: String
    var sha: String
    var name: String
    var seenAt: Timestamp?

    /// The document, slim, and the procurement it belongs to; `nil` when its blob is gone or no longer parses
    /// (`ledger verify` reports both).
    func load(from ledger: LedgerStore) -> (ProcurementKey, ProcurementBook.Document)? {
        guard let blob = try? ledger.blob(sha256: sha) else { return nil }
        let parser = DocumentParser(maximumBytes: max(blob.bytes.count, 1))
        switch try? parser.parse(blob.bytes, file: name, documentID: sha) {
        case .submission(var submission):
            if submission.receivedAt == nil { submission.receivedAt = seenAt }
            return (
                ProcurementKey(reference: submission.procurement, lot: submission.lot),
                .init(
                    name: name, sha256: sha, kind: kind, seenAt: seenAt,
                    parsed: .submission(ProcurementBook.slim(submission)), complete: false)
            )
        case .marks(let marks):
            return (
                ProcurementKey(reference: marks.procurement, lot: marks.lot),
                .init(name: name, sha256: sha, kind: kind, seenAt: seenAt, parsed: .marks(marks), complete: false)
            )
        default:
            return nil
        }
    }
}
