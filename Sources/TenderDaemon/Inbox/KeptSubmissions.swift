import TenderScoring

/// The procurement book's allowance for submissions kept ready for evaluation after their commit: cut down to what
/// their procurement's evaluation reads (``SubmissionReads``: the members of the tree its gates, plugins and reports
/// read, with the marks and outcome commitments), so that a close evaluates them without reading their bytes back
/// from the ledger and parsing them again (most of a close's work for a procurement of a hundred tenders).
///
/// Submissions are kept in arrival order while their estimated ``footprint(of:)`` fits within ``budget``, and at most
/// ``perProcurement`` for one procurement key (a procurement, or one lot or stage of it); later ones are slimmed as
/// before, and re-read when evaluated. (A close of thousands of tenders re-reads on every core, and its peak memory is
/// the one to watch: keeping them all would add theirs to it.) A procurement's kept submissions are let go once it is
/// evaluated at its close (``release(_:)``): what a decision after the close evaluates is read back from the ledger,
/// and the allowance goes to procurements still open. The book read back at start keeps none.
struct KeptSubmissions: Sendable {
    /// The most the kept submissions may hold, in (estimated) bytes; 0 keeps none.
    let budget: Int
    /// What the kept submissions hold, in all.
    private(set) var used = 0
    /// What each procurement's kept submissions hold, and how many there are.
    private var byKey: [ProcurementKey: (bytes: Int, count: Int)] = [:]
    /// The most submissions kept for one procurement key.
    static let perProcurement = 1_000

    init(budget: Int) {
        self.budget = max(0, budget)
    }

    /// Whether `submission` of `key` fits within the budget; if it does, it is counted.
    mutating func take(_ submission: Submission, for key: ProcurementKey) -> Bool {
        guard budget > 0, (byKey[key]?.count ?? 0) < Self.perProcurement else { return false }
        let bytes = Self.footprint(of: submission)
        guard used + bytes <= budget else { return false }
        used += bytes
        byKey[key, default: (0, 0)].bytes += bytes
        byKey[key, default: (0, 0)].count += 1
        return true
    }

    /// Gives back what `key`'s kept submissions held (they are slimmed).
    mutating func release(_ key: ProcurementKey) {
        used -= byKey.removeValue(forKey: key)?.bytes ?? 0
    }

    /// Whether `key` has kept submissions.
    func keeps(_ key: ProcurementKey) -> Bool { byKey[key] != nil }

    /// About how much memory a kept submission holds: its text (reasons, names, the members of its tree) and a fixed
    /// allowance for each value, map, list and mark, set above what Swift's strings, arrays and dictionaries take for
    /// the sizes tenders have. An estimate: Swift gives no object's size.
    static func footprint(of submission: Submission) -> Int {
        var bytes = 1_024 + value(submission.content)
        bytes += marks(submission.marks)
        bytes += submission.outcomes.reduce(0) { $0 + value(.map($1)) }
        for lot in submission.lots {
            bytes += 256 + value(.map(lot.content)) + marks(lot.marks)
            bytes += (lot.outcomes ?? []).reduce(0) { $0 + value(.map($1)) }
        }
        return bytes
    }

    private static func marks(_ marks: [String: QuestionMarks]) -> Int {
        marks.reduce(0) { total, question in
            var bytes = 128 + question.key.utf8.count
            if let consensus = question.value.consensus { bytes += 96 + (consensus.reason?.utf8.count ?? 0) }
            for evaluator in question.value.evaluators {
                bytes += 128 + evaluator.evaluator.utf8.count + (evaluator.mark.reason?.utf8.count ?? 0)
            }
            return total + bytes
        }
    }

    private static func value(_ value: DocumentValue) -> Int {
        switch value {
        case .null, .bool, .number: 32
        case .string(let text): 48 + text.utf8.count
        case .list(let items): 64 + items.reduce(0) { $0 + Self.value($1) }
        case .map(let members): 96 + members.reduce(0) { $0 + 64 + $1.key.utf8.count + Self.value($1.value) }
        }
    }
}
