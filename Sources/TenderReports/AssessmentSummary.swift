public import TenderScoring

/// The assessment summary sent privately to one supplier before the contract award notice (Procurement Act
/// 2023 s.50(3); Procurement Regulations 2024 reg.31), or a short notice for a tender that was not assessed.
///
/// A summary shows the supplier its own tender's scores and the reasons, the methodology, and, when it did
/// not win, why: the winner's name and scores per criterion, never another bidder's price or content.
///
/// ```swift
/// let summaries = try AssessmentSummary.all(
///     result: result, methodology: methodology, submissions: submissions, context: context)
/// for summary in summaries { write(summary.markdown, to: "summaries/\(summary.tender).md") }
/// ```
public struct AssessmentSummary: Sendable, Hashable {
    /// What kind of letter this is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// s.50 summary for the most advantageous tender.
        case successful
        /// s.50 summary for an assessed tender that did not win, with the reasons.
        case unsuccessful
        /// A tender disregarded by a gate or minimum: not an assessed tender under s.50, told why.
        case disqualificationNotice = "disqualification-notice"
        /// A tender received after the deadline: not assessed.
        case lateNotice = "late-notice"
        /// A tender for a lot beyond the number of lots one supplier may tender for: not assessed.
        case notAssessedNotice = "not-assessed-notice"
        /// A supplier ranked at a stage of a procedure with stages and not taken forward (not shortlisted, or
        /// dropped by an intermediate assessment): its scores, rank and the published rule (s.20).
        case stageNotice = "stage-notice"
    }

    /// The tender key.
    public var tender: String
    public var supplier: Supplier
    public var kind: Kind
    /// `true` when the evaluation is not final: the letter is marked as a draft that must not be sent.
    public var isDraft: Bool
    var blocks: [ReportBlock]
    var title: String

    /// The letter as Markdown.
    public var markdown: String { ReportBlock.markdown(blocks) }

    /// The letter as a printable, self-contained HTML page.
    public var html: String { HTML.page(title: title, body: ReportBlock.html(blocks)) }

    /// A summary (or notice) for every tender that needs one: assessed and incomplete tenders get s.50
    /// summaries; disregarded and late tenders get notices; superseded and failed tenders get nothing.
    ///
    /// - Throws: ``ReportError`` when the standstill end cannot be counted from the context's notice date.
    public static func all(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext
    ) throws(ReportError) -> [AssessmentSummary] {
        let standstillEnd = try context.standstillEnd()
        // Each tender's submission by its document (the first of each, as a search from the start would find).
        var byDocument: [String: Submission] = [:]
        for submission in submissions where byDocument[submission.documentID] == nil {
            byDocument[submission.documentID] = submission
        }
        // A stage before the final one: only the suppliers it drops are written to, once it has concluded (the
        // assessed tenders of s.50 are the final stage's).
        if let stage = methodology.stage, stage.progression != nil {
            guard result.isFinal, let outcome = StageProgression.outcome(of: stage, result: result) else { return [] }
            return outcome.dropped.sorted { $0.tender < $1.tender }.compactMap { dropped in
                guard let tender = result.tender(dropped.tender) else { return nil }
                return AssessmentSummary(
                    tender: tender, result: result, methodology: methodology,
                    submission: byDocument[tender.documentID], context: context,
                    standstillEnd: nil, stageReason: dropped.reason)
            }
        }
        return result.tenders.sorted { $0.key < $1.key }.compactMap { tender in
            AssessmentSummary(
                tender: tender, result: result, methodology: methodology,
                submission: byDocument[tender.documentID], context: context,
                standstillEnd: standstillEnd)
        }
    }

    /// The summary for one tender, or `nil` when its status needs no letter.
    init?(
        tender: TenderResult, result: EvaluationResult, methodology: Methodology, submission: Submission?,
        context: ReportContext, standstillEnd: CalendarDate?, stageReason: String? = nil
    ) {
        var kind: Kind
        switch tender.status {
        case .assessed, .incomplete: kind = tender.key == result.winner ? .successful : .unsuccessful
        case .disregarded, .excluded: kind = .disqualificationNotice
        case .late: kind = .lateNotice
        case .notAssessed: kind = .notAssessedNotice
        case .failed, .superseded, .withdrawn: return nil
        }
        if stageReason != nil, tender.rank != nil { kind = .stageNotice }
        let writer = SummaryWriter(
            tender: tender, result: result, methodology: methodology, submission: submission, context: context,
            standstillEnd: standstillEnd, stageReason: stageReason)
        self.tender = tender.key
        self.supplier = tender.supplier
        self.kind = kind
        self.isDraft = !result.isFinal
        self.blocks = writer.blocks(kind)
        self.title = writer.title(kind)
    }
}
