import TenderLedger
import TenderScoring

/// What to do with one claimed file: the ledger entries to commit and where the file goes afterwards.
struct IntakeDecision {
    enum Outcome: String {
        case accepted
        case rejected
        case duplicate
    }

    var claim: Claim
    var outcome: Outcome
    var sha256: String
    /// The entries to append, in order; the first carries the intake record.
    var drafts: [EntryDraft]
    /// Why it was rejected (or what it duplicates): written to `NAME.error.txt`.
    var reasons: [String] = []
    /// A final evaluation whose reports are rendered once its ledger sequence number is known.
    var finalEvaluation: FinalEvaluation?
    /// Reports to write after the commit (final evaluations).
    var reports: [(folder: String, files: [ReportBuilder.File])] = []
    /// The procurement it changed (for provisional reports).
    var procurement: ProcurementKey?
    /// A one-line summary for the log.
    var summary: [String: String] = [:]
}

/// What the reports of a final evaluation are made from.
struct FinalEvaluation {
    var key: ProcurementKey
    var methodology: Methodology
    var submissions: [Submission]
    var result: EvaluationResult
    var rulesetDigest: String
    var publishedAt: Timestamp
    var noticeDate: String?
    var folder: String
}
