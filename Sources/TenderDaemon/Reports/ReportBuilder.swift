import Foundation
import TenderLedger
public import TenderReports
public import TenderScoring

/// Every report of a final evaluation: the plain evaluation files (JSON, CSV, Markdown) and the report set
/// for people (HTML report with charts, assessment summaries, OCDS package, red flags). TenderReports renders them
/// all (`EvaluationFiles`, `ReportSet`); this only composes them and writes them. The same inputs give the same
/// bytes, so `tender report` regenerates from the ledger exactly what the daemon wrote.
public enum ReportBuilder {
    /// One file to write under the procurement's reports folder.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var sha256: String { Hex.sha256(bytes) }
    }

    /// - Parameters:
    ///   - publishedAt: the instant the evaluation was requested (recorded in the ledger as `published_at`).
    ///   - noticeDate: the contract details notice date (`YYYY-MM-DD`) the standstill counts from, if known.
    ///   - evaluatedSeq: the ledger sequence number of the `procurement-evaluated` entry.
    ///   - decisionEntries: the `decision-recorded` entry of each decision, by the decision document's SHA-256.
    ///   - earlierStages: for a stage of a procedure with stages, the outcomes of the stages before it, in order.
    public static func build(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], rulesetDigest: String,
        publishedAt: Timestamp, noticeDate: String? = nil, evaluatedSeq: Int, decisionEntries: [String: Int] = [:],
        earlierStages: [StageOutcome] = []
    ) throws(ReportError) -> [File] {
        var files: [File] = []
        try render(
            result: result, methodology: methodology, submissions: submissions, rulesetDigest: rulesetDigest,
            publishedAt: publishedAt, noticeDate: noticeDate, evaluatedSeq: evaluatedSeq,
            decisionEntries: decisionEntries, earlierStages: earlierStages,
            intoPieces: { name, pieces in files.append(File(name: name, bytes: pieces.joined)) })
        return files.sorted { $0.name < $1.name }
    }

    /// The files of ``build(result:methodology:submissions:rulesetDigest:publishedAt:noticeDate:evaluatedSeq:decisionEntries:earlierStages:)``
    /// handed to `file` one at a time as each is rendered (the daemon writes each to a temporary file at once:
    /// ``StagedReports``), in no particular order, each as pieces whose bytes one after another are the file's.
    ///
    /// - Parameter resultBytes: the result's canonical bytes, when the caller has them (`evaluation.json` is them and
    ///   a newline, handed as two pieces).
    public static func render(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], rulesetDigest: String,
        publishedAt: Timestamp, noticeDate: String? = nil, evaluatedSeq: Int, decisionEntries: [String: Int] = [:],
        earlierStages: [StageOutcome] = [], resultBytes: [UInt8]? = nil,
        intoPieces file: (_ name: String, _ pieces: FilePieces) -> Void
    ) throws(ReportError) {
        var context = ReportContext(
            noticeDate: noticeDate.flatMap { CalendarDate(iso: $0) }, publishedAt: publishedAt,
            rulesetDigest: rulesetDigest,
            ledger: LedgerReference(
                sequence: Int64(evaluatedSeq), decisions: decisionEntries.mapValues { Int64($0) }))
        context.earlierStages = earlierStages
        EvaluationFiles.render(
            result, methodology: methodology, earlierStages: earlierStages, resultBytes: resultBytes, intoPieces: file)
        try ReportSet.render(
            result: result, methodology: methodology, submissions: submissions, context: context, intoPieces: file)
    }

    /// The reports of an award across the lots of a lotted procurement (`LotReportSet`), for its own folder.
    ///
    /// - Parameter awardSeq: the ledger sequence number of the `lots-awarded` entry.
    public static func buildLots(
        award: LotAward, methodology: Methodology, lots: [LotReportSet.Lot], rulesetDigest: String,
        publishedAt: Timestamp,
        noticeDate: String? = nil, awardSeq: Int
    ) throws(ReportError) -> [File] {
        let context = ReportContext(
            noticeDate: noticeDate.flatMap { CalendarDate(iso: $0) }, publishedAt: publishedAt,
            rulesetDigest: rulesetDigest, ledger: LedgerReference(sequence: Int64(awardSeq)))
        let files = try LotReportSet.render(award: award, methodology: methodology, lots: lots, context: context)
        return files.map { File(name: $0.name, bytes: $0.bytes) }.sorted { $0.name < $1.name }
    }

    /// The reports of an award across lots rebuilt from the ledger (``EvaluationReplayer/reconstructAward(_:evaluations:)``):
    /// the same bytes the daemon wrote when it recorded the `lots-awarded` entry `awardSeq`.
    public static func buildLots(_ rebuilt: EvaluationReplayer.AwardReconstruction, awardSeq: Int) throws(ReportError)
        -> [File]
    {
        let first = rebuilt.lots.first
        return try buildLots(
            award: rebuilt.award, methodology: rebuilt.methodology,
            lots: rebuilt.lots.map {
                .init(methodology: $0.methodology, result: $0.result, submissions: $0.submissions)
            },
            rulesetDigest: first?.rulesetDigest ?? "", publishedAt: first?.publishedAt ?? Timestamp(seconds: 0),
            noticeDate: first?.noticeDate, awardSeq: awardSeq)
    }

    /// The files of ``build(result:methodology:submissions:rulesetDigest:publishedAt:noticeDate:evaluatedSeq:decisionEntries:earlierStages:)``
    /// written under `folder` as they are rendered, as ``write(_:into:)`` writes them (each under a temporary name,
    /// one sync, the renames): a procurement of thousands of tenders is never held as every file at once (`tender
    /// report`). Nothing is put in place if any file cannot be rendered or written.
    public static func write(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], rulesetDigest: String,
        publishedAt: Timestamp, noticeDate: String? = nil, evaluatedSeq: Int, decisionEntries: [String: Int] = [:],
        earlierStages: [StageOutcome] = [], into folder: String
    ) throws {
        var staged = StagedReports(folder: folder, suffix: ".tmp")
        do {
            try render(
                result: result, methodology: methodology, submissions: submissions, rulesetDigest: rulesetDigest,
                publishedAt: publishedAt, noticeDate: noticeDate, evaluatedSeq: evaluatedSeq,
                decisionEntries: decisionEntries, earlierStages: earlierStages,
                intoPieces: { staged.add($0, pieces: $1) })
        } catch {
            staged.discard()
            throw error
        }
        try staged.publish()
    }

    /// Writes the files under `folder` (creating `summaries/`), each atomically, and returns once all of them are
    /// on disk (``StagedReports``: each under a temporary name without waiting, one sync, the renames).
    public static func write(_ files: [File], into folder: String) throws {
        var staged = StagedReports(folder: folder, suffix: ".tmp")
        staged.add(files)
        try staged.publish()
    }
}
