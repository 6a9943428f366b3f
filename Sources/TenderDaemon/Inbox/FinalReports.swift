import Foundation
import Logging
import TenderLedger
import TenderReports
import TenderScoring

/// The reports of the final evaluations a batch made (closes, decisions after a close, awards across lots): the
/// ledger sequence number of the entry each set is made from, the files rendered under temporary names, and the
/// `report-written` entry added to the decision that made them.
///
/// A burst of closes puts many evaluations in one batch. Their reports are rendered while the batch is decided: each
/// set of at most ``backgroundTenders`` tenders is started in the background as soon as its decision is made, one a
/// core (``BackgroundRenders``), so the cores render while the intake loop decides the next closes (one close of a
/// hundred tenders at a time left a core idle most of the time). Larger sets are rendered once the batch is decided,
/// in waves of at most ``waveTenders`` tenders, so that large procurements are still rendered one at a time (each
/// already uses every core) and memory stays that of one.
///
/// Sequence numbers count each set's `report-written` entry, which exists only when its reports could be rendered.
/// They are worked out assuming every set renders; after a failure they are worked out again without the failed
/// sets' entries, and the sets whose numbers moved are rendered again (their files name the numbers, and their first
/// temporary files are removed). The failed sets only grow from one pass to the next, so this ends; and a set's
/// failure does not depend on its numbers, so the numbers and files are those one set after another would give. A
/// failure is rare (a notice date the bank-holiday table cannot count): the sets after it are rendered twice.
struct FinalReports {
    /// One set of reports to render.
    struct Job: Sendable {
        enum Source: Sendable {
            /// An evaluation's reports, citing the `decision-recorded` entry of each decision it names.
            case evaluation(FinalEvaluation, decisionEntries: [String: Int])
            /// An award across lots.
            case award(LotAwardRecord)
        }

        /// Which decision of the batch made it (its index).
        var decisionIndex: Int
        var source: Source
        /// The ledger sequence number of the entry the reports are made from.
        var seq: Int

        /// How many tenders its reports are about.
        var tenders: Int {
            switch source {
            case .evaluation(let final, _): final.result.tenders.count
            case .award(let award): award.lots.reduce(0) { $0 + $1.result.tenders.count }
            }
        }

        /// Whether `other` renders the same files (the same numbers cited).
        func rendersLike(_ other: Job) -> Bool {
            guard seq == other.seq else { return false }
            switch (source, other.source) {
            case (.evaluation(_, let mine), .evaluation(_, let theirs)): return mine == theirs
            default: return true
            }
        }
    }

    /// The most tenders rendered at once across the evaluations of a batch.
    static let waveTenders = 1_000

    /// Sets of at most this many tenders are rendered in the background as soon as their decision is made, one a core
    /// (so at most ``waveTenders`` at once); larger ones once the batch is decided, alone or in waves.
    static let backgroundTenders = waveTenders / max(1, ProcessInfo.processInfo.activeProcessorCount)

    let ledger: LedgerStore
    let logger: Logger
    /// The sequence number the batch's entries are numbered from.
    private let start: Int
    /// The sets planned so far, numbered as if every set renders.
    private var planner: Planner
    /// Sets being rendered in the background, by index in the planner's jobs (made with the first: most batches, a
    /// burst's arrivals, render nothing).
    private var background: BackgroundRenders?
    private var startedInBackground: Set<Int> = []
    /// Whether smaller sets are rendered in the background as their decisions are made (not beside the evaluation of a
    /// large procurement: ``EvaluationsAhead/evaluatesLarge(_:ruleSet:book:)``).
    private let inBackground: Bool

    /// The reports of a batch whose entries are numbered from `start`; with `background`, smaller sets are rendered
    /// in the background as their decisions are made.
    init(ledger: LedgerStore, logger: Logger, from start: Int, background: Bool = true) {
        self.ledger = ledger
        self.logger = logger
        self.start = start
        inBackground = background
        planner = Planner(from: start)
    }

    /// Plans the reports of `decision`, the batch's decision number `index` (decided just now, after those before it),
    /// and starts rendering its smaller sets in the background while the next decisions are made.
    mutating func started(_ decision: IntakeDecision, at index: Int) {
        let first = planner.jobs.count
        planner.add(decision, at: index, ledger: ledger)
        for job in first..<planner.jobs.count where inBackground && planner.jobs[job].tenders <= Self.backgroundTenders
        {
            let (planned, logger) = (planner.jobs[job], logger)
            if background == nil { background = BackgroundRenders(width: ProcessInfo.processInfo.activeProcessorCount) }
            background?.start(job) { Self.render(planned, logger: logger) }
            startedInBackground.insert(job)
        }
    }

    /// Renders the reports of every final evaluation in `decisions` (each passed to ``started(_:at:)`` in turn): waits
    /// for those rendered in the background, renders the rest, and adds each set's `report-written` entry and staged
    /// files to the decision that made it.
    mutating func finish(_ decisions: inout [IntakeDecision]) {
        var jobs = planner.jobs
        guard !jobs.isEmpty else { return }
        // What the sets were made from is let go with them, before the batch waits for its commit.
        defer {
            planner = Planner(from: start)
            startedInBackground = []
            background = nil
        }
        let done = background?.finish() ?? [:]
        let rest = jobs.indices.filter { !startedInBackground.contains($0) }
        var staged = jobs.indices.map { done[$0] ?? nil }
        for (index, reports) in zip(rest, render(rest.map { jobs[$0] })) { staged[index] = reports }
        var failed: Set<Int> = []
        while true {
            let newlyFailed = Set(staged.indices.filter { staged[$0] == nil }).subtracting(failed)
            guard !newlyFailed.isEmpty else { break }
            failed.formUnion(newlyFailed)
            var renumbered = Planner(from: start)
            for (index, decision) in decisions.enumerated() {
                renumbered.add(decision, at: index, ledger: ledger, failed: failed)
            }
            let moved = renumbered.jobs.indices.filter {
                !failed.contains($0) && !renumbered.jobs[$0].rendersLike(jobs[$0])
            }
            for index in moved { staged[index]?.discard() }
            for (index, reports) in zip(moved, render(moved.map { renumbered.jobs[$0] })) { staged[index] = reports }
            jobs = renumbered.jobs
        }
        for (job, reports) in zip(jobs, staged) {
            guard let reports else { continue }
            let (key, final): (ProcurementKey, Bool) =
                switch job.source {
                case .evaluation(let evaluation, _): (evaluation.key, evaluation.result.isFinal)
                case .award(let award): (award.key, award.award.isFinal)
                }
            decisions[job.decisionIndex].drafts.append(
                ReportWrittenEntry.draft(
                    key: key, evaluationSeq: job.seq, folder: reports.folder, final: final,
                    reports: reports.sortedFiles, recordedAt: WallClock.now()))
            decisions[job.decisionIndex].reports.append(reports)
        }
    }

    /// The sets of reports of a batch's decisions, in order, with the sequence numbers their entries get.
    private struct Planner {
        private(set) var jobs: [Job] = []
        /// The sequence number of the next decision's first entry.
        private var next: Int
        /// The decision-recorded entries of decisions accepted in this batch (the entry after their
        /// document-received), by document hash, for the reports that cite them.
        private var batch: [String: Int] = [:]

        init(from start: Int) { next = start }

        /// Adds the sets of `decision` (the batch's decision number `index`, after every one before it); the sets
        /// numbered in `failed` (by index in ``jobs``) add no entry.
        mutating func add(_ decision: IntakeDecision, at index: Int, ledger: LedgerStore, failed: Set<Int> = []) {
            if decision.outcome == .accepted, decision.summary["kind"] == "decision" {
                batch[decision.sha256] = next + 1
            }
            let first = jobs.count
            for final in decision.finalEvaluations {
                jobs.append(
                    Job(
                        decisionIndex: index,
                        source: .evaluation(
                            final, decisionEntries: Self.decisionEntries(batch, final.result, ledger: ledger)),
                        seq: next + final.draftIndex))
            }
            if let award = decision.lotAward {
                jobs.append(Job(decisionIndex: index, source: .award(award), seq: next + award.draftIndex))
            }
            let written = (first..<jobs.count).filter { !failed.contains($0) }.count
            next += decision.drafts.count + written
        }

        /// The `decision-recorded` entry of each decision an evaluation names: the entry after the decision's
        /// document-received, which carries its intake record (committed before any batch that evaluates), or one
        /// of this batch (`batch`).
        private static func decisionEntries(_ batch: [String: Int], _ result: EvaluationResult, ledger: LedgerStore)
            -> [String: Int]
        {
            let hashes = result.decisions.map(\.decision.documentID)
            var entries = batch
            for (sha, record) in (try? ledger.firstIntakes(sha256s: hashes)) ?? [:] where entries[sha] == nil {
                if record.outcome == IntakeDecision.Outcome.accepted.rawValue, let seq = record.seq {
                    entries[sha] = seq + 1
                }
            }
            return entries
        }
    }

    /// Each job's reports (nil where they could not be rendered), in order: jobs of a wave on every core.
    private func render(_ jobs: [Job]) -> [StagedReports?] {
        var rendered: [StagedReports?] = []
        var first = 0
        while first < jobs.count {
            var end = first + 1
            var tenders = jobs[first].tenders
            while end < jobs.count, tenders + jobs[end].tenders <= Self.waveTenders {
                tenders += jobs[end].tenders
                end += 1
            }
            let (wave, logger) = (Array(jobs[first..<end]), logger)
            rendered += ConcurrentMap.map(wave.count) { Self.render(wave[$0], logger: logger) }
            first = end
        }
        return rendered
    }

    /// One job's reports, each written under a temporary name as it is rendered; nil (and logged) if they could not
    /// be rendered.
    private static func render(_ job: Job, logger: Logger) -> StagedReports? {
        switch job.source {
        case .evaluation(let final, let decisionEntries):
            var staged = StagedReports(folder: final.folder, suffix: StagedReports.suffix(job.seq))
            do {
                try ReportBuilder.render(
                    result: final.result, methodology: final.methodology, submissions: final.submissions,
                    rulesetDigest: final.rulesetDigest, publishedAt: final.publishedAt, noticeDate: final.noticeDate,
                    evaluatedSeq: job.seq, decisionEntries: decisionEntries, earlierStages: final.earlierStages,
                    resultBytes: final.resultBytes, intoPieces: { staged.add($0, pieces: $1) })
            } catch {
                staged.discard()
                logger.error(
                    "could not render reports", metadata: ["procurement": "\(final.key)", "error": "\(error)"])
                return nil
            }
            return staged
        case .award(let award):
            do {
                let files = try ReportBuilder.buildLots(
                    award: award.award, methodology: award.methodology,
                    lots: award.lots.map {
                        .init(methodology: $0.methodology, result: $0.result, submissions: $0.submissions)
                    },
                    rulesetDigest: award.lots.first?.rulesetDigest ?? "",
                    publishedAt: award.lots.first?.publishedAt ?? Timestamp(seconds: 0),
                    noticeDate: award.lots.first?.noticeDate, awardSeq: job.seq)
                var staged = StagedReports(folder: award.folder, suffix: StagedReports.suffix(job.seq))
                staged.add(files)
                return staged
            } catch {
                logger.error(
                    "could not render reports", metadata: ["procurement": "\(award.key)", "error": "\(error)"])
                return nil
            }
        }
    }
}
