import TenderLedger
import TenderRules
import TenderScoring

/// A document the ledger holds for a procurement (a `document-received` entry, read by
/// ``DocumentReceivedEntry/document(_:)``), not yet read back.
struct ReceivedDocument: Sendable {
    var kind: String
    var sha: String
    var name: String
    var seenAt: Timestamp?

    init(kind: String, sha: String, name: String, seenAt: Timestamp?) {
        self.kind = kind
        self.sha = sha
        self.name = name
        self.seenAt = seenAt
    }

    /// The document read back whole from its bytes, as intake had it (a submission with no `received_at`
    /// gets the time the daemon first saw it; a tender for several lots is read as its tender for `lot`); `nil` when
    /// the bytes are gone or no longer parse as a submission marks, decision or close request (`ledger verify` and
    /// `ledger replay` report both).
    func read(_ bytes: [UInt8]?, lot: String?) -> ProcurementBook.Parsed? {
        guard let bytes else { return nil }
        let parser = DocumentParser(maximumBytes: max(bytes.count, 1))
        switch try? parser.parse(bytes, file: name, documentID: sha) {
        case .submission(var submission):
            if submission.receivedAt == nil { submission.receivedAt = seenAt }
            if !submission.lots.isEmpty {
                guard let lot, let view = submission.lot(lot) else { return nil }
                return .submission(view)
            }
            return .submission(submission)
        case .marks(let marks):
            return .marks(marks)
        case .decision(let decision):
            return .decision(decision)
        case .close(let close):
            return .close(close)
        default:
            return nil
        }
    }

    /// The document read back from its bytes, slim, for the procurement book.
    func load(_ bytes: [UInt8]?, lot: String?) -> ProcurementBook.Document? {
        switch read(bytes, lot: lot) {
        case .submission(let submission)?:
            return .init(
                name: name, sha256: sha, kind: kind, seenAt: seenAt,
                parsed: .submission(ProcurementBook.slim(submission)), complete: false)
        case .some(let parsed):
            return .init(name: name, sha256: sha, kind: kind, seenAt: seenAt, parsed: parsed, complete: false)
        case nil:
            return nil
        }
    }
}
