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
    /// Final evaluations whose reports are rendered once their ledger sequence numbers are known (one, or one a lot
    /// of a lotted procurement).
    var finalEvaluations: [FinalEvaluation] = []
    /// The award across the lots of a lotted procurement, when this document made one.
    var lotAward: LotAwardRecord?
    /// Reports written under temporary names, to put in place after the commit (final evaluations).
    var reports: [StagedReports] = []

    /// Removes the reports' temporary files: the decision was not committed, and deciding it again renders them again.
    func discardReports() {
        for staged in reports { staged.discard() }
    }
    /// The procurements (lots) it changed, for provisional reports.
    var procurements: [ProcurementKey] = []
    /// A one-line summary for the log.
    var summary: [String: String] = [:]
}

/// What the reports of a final evaluation are made from.
struct FinalEvaluation {
    var key: ProcurementKey
    var methodology: Methodology
    /// The tenders as the reports read them (``forReports(_:)``).
    var submissions: [Submission]
    var result: EvaluationResult
    var rulesetDigest: String
    var publishedAt: Timestamp
    var noticeDate: String?
    var folder: String
    /// Which of the decision's drafts is the `procurement-evaluated` entry.
    var draftIndex: Int
    /// The result's canonical bytes as that entry records them (`evaluation.json` holds the same bytes): serialized
    /// once, not again for the report. Nil for a spooled result (``SpooledResult``): the report writes
    /// `evaluation.json` from the result.
    var resultBytes: [UInt8]? = nil
    /// For a stage of a procedure with stages that this evaluation concluded: who goes forward and who is dropped
    /// (the reports add a notice for each dropped supplier).
    var stageOutcome: StageOutcome? = nil
    /// For a stage of a procedure with stages: the outcomes of the stages before it, in order (its reports show them).
    var earlierStages: [StageOutcome] = []

    /// A tender as the reports read it: its identity, supplier and the members of its tree the reports read
    /// (``SubmissionReads/reports``), without its marks and outcomes (the result has the marks used, what the outcomes
    /// scored, and what each gate and plugin found in the tree). The reports of a close are rendered before its entries
    /// are committed, and a procurement of thousands of tenders would hold every tender whole through them.
    static func forReports(_ submission: Submission) -> Submission {
        var kept = SubmissionReads.reports.trimmed(submission)
        kept.marks = [:]
        kept.outcomes = []
        return kept
    }
}

/// What the reports of an award across lots are made from.
struct LotAwardRecord {
    var key: ProcurementKey
    var methodology: Methodology
    var award: LotAward
    /// Each lot's final evaluation, in the order the lots are listed.
    var lots: [FinalEvaluation]
    var folder: String
    /// Which of the decision's drafts is the `lots-awarded` entry.
    var draftIndex: Int
}
