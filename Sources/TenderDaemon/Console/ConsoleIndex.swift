import Foundation
import Synchronization
import TenderLedger
import TenderScoring
import Yams

/// What the console shows about procurements, read from the ledger: every document per procurement with its
/// outcome and reasons, whether it was closed, and its latest evaluation. The ledger is the only source, so the
/// console shows nothing the ledger does not hold. New entries are read incrementally (from the last one read),
/// so a request costs a read of what was appended since the one before.
final class ConsoleIndex: Sendable {
    /// One document of a procurement, as the ledger recorded it.
    struct Document: Sendable {
        var seq: Int
        var name: String
        /// `submission`, `marks`, `decision`, `close`; nil for a rejected or duplicate file (not read as one).
        var kind: String?
        /// `accepted`, `rejected` or `duplicate`.
        var outcome: String
        var reasons: [String]
        var recordedAt: String
        var sha256: String?
    }

    /// The latest `procurement-evaluated` entry of a procurement.
    struct Evaluation: Sendable {
        var seq: Int
        var isFinal: Bool
        var winner: String?
        var tenders: Int
        /// The kind of each open hold (`abnormally-low`, `flag-gate`).
        var holds: [String]
        var missingMarks: Int
    }

    /// One procurement (or one lot) as far as the ledger says.
    struct Procurement: Sendable {
        var key: ProcurementKey
        var documents: [Document] = []
        /// The accepted `document-received` entries that are inputs of its evaluations.
        var inputSeqs: [Int] = []
        var assessed = 0
        var closed = false
        var evaluation: Evaluation?
        /// The latest `lots-awarded` entry (lotted procurements' own key only).
        var awardSeq: Int?
        /// The last entry that changed what an evaluation runs over.
        var lastInputSeq = -1

        /// `open`, `closed` (a close was received, the award is not final) or `final`.
        var state: String {
            if evaluation?.isFinal == true && closed { return "final" }
            return closed ? "closed" : "open"
        }
    }

    private struct State {
        var next = 0
        var procurements: [ProcurementKey: Procurement] = [:]
        /// Accepted documents by SHA-256: a duplicate is shown in the procurement of its first copy.
        var keysBySHA: [String: [ProcurementKey]] = [:]
        /// Rejected documents whose procurement could not be read from them.
        var unattributed: [Document] = []
        /// Every entry whose body names a procurement, by its reference, in order (the ledger page's filter).
        var seqsByReference: [String: [Int]] = [:]
        /// Every entry by its type, in order (the ledger page's type filter).
        var seqsByType: [String: [Int]] = [:]
        /// Each procurement's key by its console id (its reports folder's name).
        var keysByID: [String: ProcurementKey] = [:]
    }

    let ledger: LedgerStore
    private let state = Mutex(State())
    /// Serializes catching up, so two requests never read the same new entries twice.
    private let reading = Mutex(())

    init(ledger: LedgerStore) {
        self.ledger = ledger
    }

    /// Reads the entries appended since the last call. SQLite reads the few members the index needs from each body
    /// (the procurement, an evaluation's outcome and counts); only documents' small bodies are read whole.
    func catchUp() throws(LedgerError) {
        try reading.withLock { _ throws(LedgerError) in
            var copy = state.withLock { $0 }
            let start = copy.next
            // In chunks, each read before it is applied: applying may read a blob, which must not happen inside
            // another read of the same connection.
            while true {
                let chunk = try ledger.sketches(
                    from: copy.next, to: copy.next + 2000, values: Self.values, lengths: Self.lengths,
                    bodies: Self.documentTypes)
                guard let last = chunk.last else { break }
                for sketch in chunk { Self.apply(sketch, ledger: ledger, to: &copy) }
                copy.next = last.seq + 1
            }
            guard copy.next != start else { return }
            state.withLock { $0 = copy }
        }
    }

    private static let documentTypes: Set<String> = [
        DocumentReceivedEntry.type, DocumentRejectedEntry.type, DocumentDuplicateEntry.type,
    ]
    private static let evaluated = [EvaluationEntry.type]
    /// procurement, lot, final, winner, holds (JSON text), stage
    private static let values: [(path: String, types: [String]?)] = [
        ("$.procurement", nil), ("$.lot", nil), ("$.final", evaluated), ("$.winner", evaluated),
        ("$.result.holds", evaluated), ("$.stage", nil),
    ]
    /// tenders, missing marks
    private static let lengths: [(path: String, types: [String])] = [
        ("$.result.tenders", evaluated), ("$.result.missing_marks", evaluated),
    ]

    /// Every procurement, in key order.
    var procurements: [Procurement] { state.withLock { $0.procurements.values.sorted { $0.key < $1.key } } }

    /// The procurement whose reports folder (and console id) is `id`.
    func procurement(id: String) -> Procurement? {
        state.withLock { state in state.keysByID[id].flatMap { state.procurements[$0] } }
    }

    /// The accepted documents of every procurement, by key (what a book needs to evaluate one of them, with the
    /// other lots of a lotted procurement).
    var inputSeqs: [ProcurementKey: [Int]] { state.withLock { $0.procurements.mapValues(\.inputSeqs) } }

    /// Rejected documents that named no procurement the console could read.
    var unattributed: [Document] { state.withLock { $0.unattributed } }

    /// Entries read so far.
    var size: Int { state.withLock { $0.next } }

    /// The entries whose body names procurement `reference`, in order.
    func seqs(naming reference: String) -> [Int] { state.withLock { $0.seqsByReference[reference] ?? [] } }

    /// The entries of one type, in order.
    func seqs(ofType type: String) -> [Int] { state.withLock { $0.seqsByType[type] ?? [] } }

    private static func apply(_ sketch: EntrySketch, ledger: LedgerStore, to state: inout State) {
        let reference = sketch.values[0]
        if let reference { state.seqsByReference[reference, default: []].append(sketch.seq) }
        state.seqsByType[sketch.type, default: []].append(sketch.seq)
        // Each stage of a procedure with stages is a procurement of its own here, as its reports folder is.
        let key = reference.map { ProcurementKey(reference: $0, lot: sketch.values[1], stage: sketch.values[5]) }
        func touch(_ key: ProcurementKey, _ change: (inout Procurement) -> Void) {
            // Taken out while it changes, so its arrays are not copied.
            var procurement = state.procurements.removeValue(forKey: key) ?? Procurement(key: key)
            change(&procurement)
            state.procurements[key] = procurement
            state.keysByID[key.folderName] = key
        }
        let body = sketch.body.flatMap { try? JSONParser(maximumDepth: 64).parse($0) }
        let recordedAt = body?["recorded_at"]?.stringValue ?? ""
        switch sketch.type {
        case DocumentReceivedEntry.type:
            guard let body else { return }
            let keys = DocumentReceivedEntry.procurements(body)
            let sha = body["document_sha256"]?.stringValue
            let kind = body["kind"]?.stringValue ?? ""
            let document = Document(
                seq: sketch.seq, name: body["name"]?.stringValue ?? "", kind: kind, outcome: "accepted", reasons: [],
                recordedAt: recordedAt, sha256: sha)
            if let sha { state.keysBySHA[sha] = keys }
            for key in keys {
                touch(key) {
                    $0.documents.append(document)
                    $0.inputSeqs.append(sketch.seq)
                    $0.lastInputSeq = sketch.seq
                    if kind == "close" { $0.closed = true }
                }
            }
        case DocumentRejectedEntry.type:
            guard let body else { return }
            let document = Document(
                seq: sketch.seq, name: body["name"]?.stringValue ?? "", kind: nil, outcome: "rejected",
                reasons: (body["reasons"]?.arrayValue ?? []).compactMap(\.stringValue), recordedAt: recordedAt,
                sha256: body["document_sha256"]?.stringValue)
            if let key = document.sha256.flatMap({ Self.namedProcurement(sha: $0, ledger: ledger) }) {
                touch(key) { $0.documents.append(document) }
            } else {
                state.unattributed.append(document)
            }
        case DocumentDuplicateEntry.type:
            guard let body else { return }
            let sha = body["document_digest"]?.stringValue
            let document = Document(
                seq: sketch.seq, name: body["name"]?.stringValue ?? "", kind: nil, outcome: "duplicate",
                reasons: [DocumentDuplicateEntry.summary(body)], recordedAt: recordedAt, sha256: sha)
            if let keys = sha.flatMap({ state.keysBySHA[$0] }), !keys.isEmpty {
                for key in keys { touch(key) { $0.documents.append(document) } }
            } else {
                state.unattributed.append(document)
            }
        case SubmissionAssessedEntry.type:
            guard let key else { return }
            touch(key) { $0.assessed += 1 }
        case EvaluationEntry.type:
            guard let key else { return }
            let holds = sketch.values[4].flatMap { try? JSONParser(maximumDepth: 64).parse(Array($0.utf8)) }
            let evaluation = Evaluation(
                seq: sketch.seq, isFinal: sketch.values[2] == "1", winner: sketch.values[3],
                tenders: sketch.lengths[0] ?? 0,
                holds: (holds?.arrayValue ?? []).map { $0["kind"]?.stringValue ?? "" },
                missingMarks: sketch.lengths[1] ?? 0)
            touch(key) { $0.evaluation = evaluation }
        case LotsAwardedEntry.type:
            guard let reference else { return }
            touch(ProcurementKey(reference: reference, lot: nil)) { $0.awardSeq = sketch.seq }
        default:
            break
        }
    }

    /// The procurement a rejected document names at its top level (`procurement`, `lot`), when its bytes are
    /// YAML that says so; nil otherwise.
    private static func namedProcurement(sha: String, ledger: LedgerStore) -> ProcurementKey? {
        guard let bytes = (try? ledger.blob(sha256: sha))??.bytes, bytes.count < 1 << 20,
            let text = String(validating: bytes, as: UTF8.self),
            let mapping = (try? Yams.compose(yaml: text))??.mapping,
            let reference = mapping["procurement"]?.string
        else { return nil }
        return ProcurementKey(reference: reference, lot: mapping["lot"]?.string, stage: mapping["stage"]?.string)
    }
}
