import TenderRules
import TenderScoring

/// The documents accepted so far, per procurement, in arrival order: what an evaluation runs over.
/// Rebuilt from the ledger, so it never holds anything the ledger does not.
///
/// Memory stays small however much the ledger holds:
/// - at startup only references are recorded (``record(_:to:)``); a procurement's documents are read back from
///   the ledger's blobs the first time it is touched;
/// - submissions are kept slim: arrival checks need who sent them, when, and under which names, not their
///   answers, marks or outcomes. An evaluation re-reads the whole documents (``completeSubmissions(_:reads:)``),
///   except those kept ready for it within an allowance (``KeptSubmissions``).
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
        /// What `parsed` keeps of a submission after its commit for an evaluation that reads this (its tree cut down
        /// by these reads, its marks and outcomes); `nil` when it is whole or slim.
        var ready: SubmissionReads? = nil
    }

    enum Parsed: Sendable {
        case submission(Submission)
        case marks(MarksDocument)
        case decision(Decision)
        /// A close request: not an input of evaluations, but it says the procurement has been closed.
        case close(CloseRequest)
    }

    /// Reads a document's bytes by SHA-256 (the ledger's blobs).
    typealias Loader = @Sendable (_ sha256: String) -> [UInt8]?
    /// Reads the `document-received` entry with this sequence number.
    typealias EntryLoader = @Sendable (_ seq: Int) -> ReceivedDocument?

    private let loader: Loader
    private let entryLoader: EntryLoader
    private var documents: [ProcurementKey: [Document]] = [:]
    /// The marks documents among `documents`, by key, in arrival order (what a submission's assessment on arrival
    /// reads, without walking a procurement of thousands of tenders).
    private var marksDocuments: [ProcurementKey: [MarksDocument]] = [:]
    /// Where each supplier's submissions are in `documents` (so a new submission finds the ones it supersedes
    /// without walking a procurement of thousands of tenders).
    private var bySupplier: [ProcurementKey: [String: [Int]]] = [:]
    /// The `document-received` entries not read back yet (only their sequence numbers, so a large ledger costs
    /// eight bytes a document); they come before any in `documents` for the same key.
    private var unread: [ProcurementKey: [Int]] = [:]
    /// Documents added and not slimmed yet (still complete), with the batch each came in.
    private var recent: [(key: ProcurementKey, index: Int, batch: Int)] = []
    /// The outcome of each concluded stage, by key: its `stage-concluded` entry (a concluded stage takes no more
    /// documents, so its outcome never changes).
    private var concludedStages: [ProcurementKey: StageOutcome] = [:]
    /// The submissions kept ready for evaluation after their commit, within an allowance.
    private var kept: KeptSubmissions
    /// The intake batch that documents added now belong to (see ``slimDown(through:reads:)``).
    var batch = 0

    /// - Parameter keepBytes: the allowance for submissions kept ready for evaluation (``KeptSubmissions``).
    init(loader: @escaping Loader, entryLoader: @escaping EntryLoader, keepBytes: Int = 0) {
        self.loader = loader
        self.entryLoader = entryLoader
        kept = KeptSubmissions(budget: keepBytes)
    }

    /// What the submissions kept ready for evaluation hold (estimated bytes).
    var keptBytes: Int { kept.used }

    /// Records a document the ledger already holds (its `document-received` entry), to be read back when its
    /// procurement is first touched.
    mutating func record(seq: Int, to key: ProcurementKey) {
        unread[key, default: []].append(seq)
    }

    /// Adds a parsed document; it is kept whole until its batch is committed (``slimDown(through:reads:)``).
    mutating func add(_ document: Document, to key: ProcurementKey) {
        load(key)
        documents[key, default: []].append(document)
        if case .marks(let marks) = document.parsed { marksDocuments[key, default: []].append(marks) }
        let index = documents[key]!.count - 1
        indexSupplier(of: document, at: index, in: key)
        if document.complete { recent.append((key, index, batch)) }
    }

    /// Takes back the document with SHA-256 `sha256` last added to `key` (``add(_:to:)``): a close request or decision
    /// whose evaluation could not be made is rejected, and the book keeps only what the ledger records as accepted (as
    /// it is rebuilt at start). Nothing is taken back if the last document of `key` is another.
    mutating func withdrawLast(_ sha256: String, from key: ProcurementKey) {
        guard let index = documents[key]?.indices.last, documents[key]![index].sha256 == sha256 else { return }
        switch documents[key]![index].parsed {
        case .submission(let submission): bySupplier[key]?[submission.supplier.identity]?.removeAll { $0 == index }
        case .marks: marksDocuments[key]?.removeLast()
        case .decision, .close: break
        }
        documents[key]!.removeLast()
        recent.removeAll { $0.key == key && $0.index == index }
    }

    /// Drops what arrival checks do not need from the documents of batches up to `committed`: their bytes are
    /// in the ledger now. Documents of later batches, still being committed, stay whole. A submission whose
    /// procurement's evaluation reads `reads(key)` keeps what that reads while the allowance lasts
    /// (``KeptSubmissions``), unless the procurement has a close request (an evaluation after it reads the ledger).
    mutating func slimDown(through committed: Int, reads: (ProcurementKey) -> SubmissionReads? = { _ in nil }) {
        var waiting: [(key: ProcurementKey, index: Int, batch: Int)] = []
        var readsByKey: [ProcurementKey: SubmissionReads?] = [:]
        for item in recent {
            guard item.batch <= committed else {
                waiting.append(item)
                continue
            }
            guard case .submission(let submission) = documents[item.key]?[item.index].parsed else { continue }
            documents[item.key]![item.index].complete = false
            let keyReads = readsByKey[item.key] ?? (lastClose(item.key) == nil ? reads(item.key) : nil)
            readsByKey[item.key] = keyReads
            if let keyReads {
                let ready = keyReads.trimmed(submission)
                if kept.take(ready, for: item.key) {
                    documents[item.key]![item.index].parsed = .submission(ready)
                    documents[item.key]![item.index].ready = keyReads
                    continue
                }
            }
            documents[item.key]![item.index].parsed = .submission(Self.slim(submission))
        }
        recent = waiting
    }

    /// Slims every submission kept ready for evaluation (a new rule set may read other members).
    mutating func releaseAll() {
        for key in Array(documents.keys) where kept.keeps(key) { release(key) }
    }

    /// Slims the submissions of `key` kept ready for evaluation and gives their allowance back (once `key` is
    /// evaluated at its close).
    mutating func release(_ key: ProcurementKey) {
        guard kept.keeps(key), let indices = documents[key]?.indices else { return }
        for index in indices where documents[key]![index].ready != nil {
            if case .submission(let submission) = documents[key]![index].parsed {
                documents[key]![index].parsed = .submission(Self.slim(submission))
            }
            documents[key]![index].ready = nil
        }
        kept.release(key)
    }

    /// A submission without its document tree, marks and outcomes.
    static func slim(_ submission: Submission) -> Submission {
        var slim = submission
        slim.content = .null
        slim.marks = [:]
        slim.outcomes = []
        return slim
    }

    /// Reads back the documents of `key` that are still only references, on every core.
    private mutating func load(_ key: ProcurementKey) {
        guard let references = unread.removeValue(forKey: key) else { return }
        let (loader, entryLoader) = (self.loader, self.entryLoader)
        let loaded = ConcurrentMap.map(references.count) { index -> Document? in
            guard let received = entryLoader(references[index]) else { return nil }
            return received.load(loader(received.sha), lot: key.lot)
        }
        // `add` loads a key before appending to it, so nothing of this key is in `documents` or `recent` yet.
        documents[key] = loaded.compactMap { $0 }
        for (index, document) in documents[key]!.enumerated() {
            indexSupplier(of: document, at: index, in: key)
            if case .marks(let marks) = document.parsed { marksDocuments[key, default: []].append(marks) }
        }
    }

    /// Records where a submission is in `documents[key]`, under its supplier.
    private mutating func indexSupplier(of document: Document, at index: Int, in key: ProcurementKey) {
        guard case .submission(let submission) = document.parsed else { return }
        bySupplier[key, default: [:]][submission.supplier.identity, default: []].append(index)
    }

    /// The submissions from the supplier with `identity`, slim or whole, in arrival order.
    mutating func submissions(_ key: ProcurementKey, supplier identity: String) -> [Submission] {
        load(key)
        return (bySupplier[key]?[identity] ?? []).compactMap {
            if case .submission(let value) = documents[key]?[$0].parsed { value } else { nil }
        }
    }

    /// The submissions, slim or whole: enough for arrival checks (supplier, time, names), not for evaluation.
    mutating func submissions(_ key: ProcurementKey) -> [Submission] {
        load(key)
        return (documents[key] ?? []).compactMap {
            if case .submission(let value) = $0.parsed { value } else { nil }
        }
    }

    /// How many submissions `key` has (without copying them).
    mutating func submissionCount(_ key: ProcurementKey) -> Int {
        load(key)
        return (documents[key] ?? []).reduce(0) { count, document in
            if case .submission = document.parsed { count + 1 } else { count }
        }
    }

    /// The submissions as whole documents, re-read and re-parsed from the ledger where they were slimmed (on every
    /// core), each with only the members of its tree that `reads` keeps. Those kept ready for the same reads are
    /// taken as they are: the same bytes parse to the same submission.
    mutating func completeSubmissions(_ key: ProcurementKey, reads: SubmissionReads = .everything) throws(BookError)
        -> [Submission]
    {
        load(key)
        let documents = (self.documents[key] ?? []).compactMap { document -> (Document, Submission)? in
            if case .submission(let submission) = document.parsed { (document, submission) } else { nil }
        }
        let loader = self.loader
        let read = ConcurrentMap.map(documents.count) { index -> Result<Submission, BookError> in
            let (document, submission) = documents[index]
            if document.complete { return .success(reads.trimmed(submission)) }
            if document.ready == reads { return .success(submission) }
            guard let bytes = loader(document.sha256) else {
                return .failure(
                    BookError(description: "the ledger has no blob for \(document.name) (\(document.sha256))"))
            }
            let received = ReceivedDocument(
                kind: document.kind, sha: document.sha256, name: document.name, seenAt: document.seenAt)
            guard case .submission(let whole)? = received.read(bytes, lot: key.lot) else {
                return .failure(
                    BookError(description: "\(document.name) (\(document.sha256)) no longer parses as a submission"))
            }
            return .success(reads.trimmed(whole))
        }
        var result: [Submission] = []
        result.reserveCapacity(read.count)
        for submission in read { result.append(try submission.get()) }
        return result
    }

    /// What an evaluation of `key` runs over: its tenders (whole documents, each tree cut down to what the
    /// methodology, its `plugins` and the reports read: ``SubmissionReads``) and the inputs the ledger records with
    /// it. For a lot of a procurement that limits the lots one supplier may tender for, the other lots' submissions
    /// count for the limit: they are inputs too, after the lot's own (a replay reads them in that order), and the
    /// lot's tenders beyond a supplier's limit are marked (``LotTenderLimit``).
    mutating func evaluation(_ key: ProcurementKey, methodology: Methodology, plugins: (any PluginEvaluator)?)
        throws(BookError) -> (tenders: [Submission], inputs: [EvaluationEntry.Input])
    {
        let tenders = try completeSubmissions(key, reads: SubmissionReads(methodology: methodology, plugins: plugins))
        var inputs = inputs(key)
        guard let lot = key.lot, let limit = LotTenderLimit(methodology), let lotting = methodology.lotting else {
            return (tenders, inputs)
        }
        var across = tenders
        var seen = Set(inputs.map(\.sha256))
        for other in lotting.ids where other != lot {
            let otherKey = ProcurementKey(reference: key.reference, lot: other)
            load(otherKey)
            for document in documents[otherKey] ?? [] where seen.insert(document.sha256).inserted {
                guard case .submission(let submission) = document.parsed else { continue }
                across.append(submission)
                inputs.append(
                    .init(
                        name: document.name, kind: document.kind, sha256: document.sha256, receivedAt: document.seenAt))
            }
        }
        let marked = limit.apply(to: lot, tenders, across: across, deadline: methodology.procurement.tenderDeadline)
        return (marked, inputs)
    }

    /// The evaluation of `key` as its documents stand now, not yet closed (a provisional report's, the console's
    /// standings before a close); nil when its documents cannot be read back.
    mutating func provisionalResult(_ key: ProcurementKey, methodology: Methodology, plugins: (any PluginEvaluator)?)
        -> EvaluationResult?
    {
        guard let evaluation = try? evaluation(key, methodology: methodology, plugins: plugins) else { return nil }
        return ScoringEngine(methodology: methodology, plugins: plugins)
            .evaluate(submissions: evaluation.tenders, marks: marks(key), decisions: decisions(key))
    }

    /// The outcome of the stage `key` once it has concluded: its `stage-concluded` entry, read from the ledger at
    /// start or drafted since (``conclude(_:with:)``); `nil` for a stage not concluded, or not a stage. The ledger is
    /// the one record of a stage's conclusion: nothing is inferred from the stage's documents.
    func concludedOutcome(_ key: ProcurementKey) -> StageOutcome? { concludedStages[key] }

    /// Records the outcome of the stage `key`, as its `stage-concluded` entry says.
    mutating func conclude(_ key: ProcurementKey, with outcome: StageOutcome) { concludedStages[key] = outcome }

    /// The outcomes of the concluded stages before `stage` of `procedure`, in order (for `key`'s reports).
    func earlierStages(before stage: Stage, of procedure: StagedProcedure, _ key: ProcurementKey) -> [StageOutcome] {
        procedure.declared.filter { $0.number < stage.number }.compactMap {
            concludedOutcome(ProcurementKey(reference: key.reference, lot: key.lot, stage: $0.id))
        }
    }

    /// One supplier's submissions in every lot in `keys`, slim or whole (enough for the limit on tendered lots).
    mutating func lotSubmissions(of keys: [ProcurementKey], supplier identity: String) -> [Submission] {
        keys.flatMap { submissions($0, supplier: identity) }
    }

    /// The marks documents of every procurement as they are now, for assessments made ahead on other threads: the
    /// marks alone, not a copy of the book (which would keep each document it held then alive until they finish).
    var loadedMarks: LoadedMarks { LoadedMarks(marks: marksDocuments, unread: unread) }

    /// The marks documents of the procurements whose documents are all in memory, as they were when taken.
    struct LoadedMarks: Sendable {
        fileprivate let marks: [ProcurementKey: [MarksDocument]]
        fileprivate let unread: [ProcurementKey: [Int]]

        /// The marks documents of `key`, in arrival order; `nil` when some of its documents are still unread.
        subscript(key: ProcurementKey) -> [MarksDocument]? {
            unread[key] == nil ? marks[key] ?? [] : nil
        }
    }

    mutating func marks(_ key: ProcurementKey) -> [MarksDocument] {
        load(key)
        return marksDocuments[key] ?? []
    }

    /// The buyer's decisions for `key`, in arrival order.
    mutating func decisions(_ key: ProcurementKey) -> [Decision] {
        load(key)
        return (documents[key] ?? []).compactMap { if case .decision(let value) = $0.parsed { value } else { nil } }
    }

    /// The latest close request for `key`: once there is one, every decision is followed by a new evaluation.
    mutating func lastClose(_ key: ProcurementKey) -> CloseRequest? {
        load(key)
        return (documents[key] ?? []).reversed().lazy.compactMap {
            if case .close(let value) = $0.parsed { value } else { nil }
        }.first
    }

    /// Every document recorded for `key`, as decisions and marks documents may name them.
    mutating func known(_ key: ProcurementKey) -> [KnownDocument] {
        load(key)
        return (documents[key] ?? []).map { document in
            var decision: Decision?
            if case .decision(let value) = document.parsed { decision = value }
            return KnownDocument(name: document.name, sha256: document.sha256, kind: document.kind, decision: decision)
        }
    }

    /// The inputs of an evaluation: submissions, marks documents and decisions (close requests are not inputs).
    mutating func inputs(_ key: ProcurementKey) -> [EvaluationEntry.Input] {
        load(key)
        return (documents[key] ?? []).compactMap {
            if case .close = $0.parsed { return nil }
            return EvaluationEntry.Input(name: $0.name, kind: $0.kind, sha256: $0.sha256, receivedAt: $0.seenAt)
        }
    }

    /// A submission recorded in the ledger could not be read back whole.
    struct BookError: Error, Sendable, CustomStringConvertible {
        var description: String
    }
}
