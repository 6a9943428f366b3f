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

    /// ``markdown`` in UTF-8, made without the string.
    var markdownBytes: [UInt8] { ReportBlock.markdownBytes(blocks) }

    /// ``html`` in UTF-8, made without the string.
    var htmlBytes: [UInt8] { HTML.page(title: title) { ReportBlock.html(blocks, into: &$0) } }

    /// A summary (or notice) for every tender that needs one: assessed and incomplete tenders get s.50
    /// summaries; disregarded and late tenders get notices; superseded and failed tenders get nothing.
    ///
    /// - Throws: ``ReportError`` when the standstill end cannot be counted from the context's notice date.
    public static func all(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext
    ) throws(ReportError) -> [AssessmentSummary] {
        var summaries: [AssessmentSummary] = []
        try each(result: result, methodology: methodology, submissions: submissions, context: context) {
            summaries.append($0)
        }
        return summaries
    }

    /// Each summary of ``all(result:methodology:submissions:context:)``, in the same order, handed to `body` one at a
    /// time (none is kept).
    public static func each(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext,
        _ body: (AssessmentSummary) -> Void
    ) throws(ReportError) {
        try each(
            result: result, methodology: methodology, submissions: submissions, context: context, making: { $0 },
            body)
    }

    /// Each summary made and turned into what `making` gives (its files, say) on every core, ``chunk`` at a time, and
    /// handed to `body` in the order of ``all(result:methodology:submissions:context:)``: a close of thousands of
    /// tenders renders its letters on both cores and holds only one chunk of them at once. The same values, in the
    /// same order, on any number of cores.
    public static func each<Made: Sendable>(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext,
        making: @escaping @Sendable (AssessmentSummary) -> Made, _ body: (Made) -> Void
    ) throws(ReportError) {
        let standstillEnd = try context.standstillEnd()
        // Each tender's submission by its document (the first of each, as a search from the start would find).
        var byDocument: [String: Submission] = [:]
        for submission in submissions where byDocument[submission.documentID] == nil {
            byDocument[submission.documentID] = submission
        }
        // Who gets a letter, in order. A stage before the final one: only the suppliers it drops are written to,
        // once it has concluded (the assessed tenders of s.50 are the final stage's).
        var letters: [(tender: TenderResult, stageReason: String?)] = []
        if let stage = methodology.stage, stage.progression != nil {
            guard result.isFinal, let outcome = StageProgression.outcome(of: stage, result: result) else { return }
            // Each tender by its key, the first with a key as `result.tender(_:)` finds it, without a search per supplier.
            var byKey: [String: TenderResult] = [:]
            for tender in result.tenders where byKey[tender.key] == nil { byKey[tender.key] = tender }
            for dropped in outcome.dropped.sorted(by: { $0.tender < $1.tender }) {
                if let tender = byKey[dropped.tender] { letters.append((tender, dropped.reason)) }
            }
        } else {
            letters = result.tenders.sorted { $0.key < $1.key }.map { ($0, nil) }
        }
        let byStage = methodology.stage?.progression != nil
        let lookup = byDocument
        let shared = Shared(result: result, methodology: methodology, context: context)
        var first = 0
        while first < letters.count {
            let part = Array(letters[first..<min(first + chunk, letters.count)])
            let made = ConcurrentMap.map(part.count) { index -> Made? in
                let (tender, stageReason) = part[index]
                return AssessmentSummary(
                    tender: tender, result: result, methodology: methodology,
                    submission: lookup[tender.documentID], context: context,
                    standstillEnd: byStage ? nil : standstillEnd, stageReason: stageReason, shared: shared
                ).map(making)
            }
            for value in made { if let value { body(value) } }
            first += chunk
        }
    }

    /// How many letters are made at once by ``each(result:methodology:submissions:context:making:_:)``.
    static let chunk = 256

    /// What every letter of an evaluation has alike, made once for them all: the methodology in brief (rendered once),
    /// and the most advantageous tender's result (found once, not by a search of thousands of tenders in each letter).
    struct Shared: Sendable {
        var brief: [ReportBlock]
        var winner: TenderResult?

        init(result: EvaluationResult, methodology: Methodology, context: ReportContext) {
            brief = [ReportBlock.rendered(SummaryWriter.brief(methodology, context: context))]
            winner = result.winner.flatMap { result.tender($0) }
        }
    }

    /// The summary for one tender, or `nil` when its status needs no letter.
    init?(
        tender: TenderResult, result: EvaluationResult, methodology: Methodology, submission: Submission?,
        context: ReportContext, standstillEnd: CalendarDate?, stageReason: String? = nil, shared: Shared? = nil
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
        let shared = shared ?? Shared(result: result, methodology: methodology, context: context)
        let writer = SummaryWriter(
            tender: tender, result: result, methodology: methodology, submission: submission, context: context,
            standstillEnd: standstillEnd, stageReason: stageReason, brief: shared.brief, winner: shared.winner)
        self.tender = tender.key
        self.supplier = tender.supplier
        self.kind = kind
        self.isDraft = !result.isFinal
        self.blocks = writer.blocks(kind)
        self.title = writer.title(kind)
    }
}
