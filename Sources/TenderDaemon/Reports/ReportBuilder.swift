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
        var context = ReportContext(
            noticeDate: noticeDate.flatMap { CalendarDate(iso: $0) }, publishedAt: publishedAt,
            rulesetDigest: rulesetDigest,
            ledger: LedgerReference(
                sequence: Int64(evaluatedSeq), decisions: decisionEntries.mapValues { Int64($0) }))
        context.earlierStages = earlierStages
        let plain = EvaluationFiles.render(result, methodology: methodology, earlierStages: earlierStages)
        let people = try ReportSet.render(
            result: result, methodology: methodology, submissions: submissions, context: context)
        return (plain + people).map { File(name: $0.name, bytes: $0.bytes) }.sorted { $0.name < $1.name }
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

    /// Writes the files under `folder` (creating `summaries/`), each atomically, and returns once all of them are
    /// on disk. Each is written under a temporary name without waiting; the filesystem is synced once; then each
    /// is renamed into place and each folder synced once. (A close of 10,000 tenders writes 20,000 assessment
    /// summaries: waiting for the disk after each file and each rename took most of a minute.)
    public static func write(_ files: [File], into folder: String) throws {
        var folders: [String] = []
        var temporary: [String] = []
        var moved = 0
        // A write or sync that fails leaves the reports as they were: the temporary files not moved go.
        defer { for path in temporary[moved...] { unlink(path) } }
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file.name)
            let parent = (path as NSString).deletingLastPathComponent
            if !folders.contains(parent) {
                try FileSystem.createDirectory(parent)
                folders.append(parent)
            }
            temporary.append(path + ".tmp")
            try FileSystem.write(path + ".tmp", file.bytes, sync: false)
        }
        try FileSystem.syncFiles(temporary, onFileSystemOf: folder)
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file.name)
            try FileSystem.moveLater(path + ".tmp", to: path)
            moved += 1
        }
        FileSystem.syncFolders(folders)
    }
}
