import Logging
import TenderLedger
import TenderReports
import TenderScoring

/// The reports of the final evaluations a batch made (closes, decisions after a close, awards across lots): the
/// ledger sequence number of the entry each set is made from, the files rendered under temporary names, and the
/// `report-written` entry added to the decision that made them.
///
/// A burst of closes puts many evaluations in one batch. Their reports are rendered together on every core (one
/// close of a hundred tenders at a time left a core idle most of the time), in waves of at most ``waveTenders``
/// tenders, so that large procurements are still rendered one at a time (each already uses every core) and memory
/// stays that of one.
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

    let ledger: LedgerStore
    let logger: Logger

    /// Renders the reports of every final evaluation in `decisions`, whose entries are numbered from `start`, and adds
    /// each set's `report-written` entry and staged files to the decision that made it.
    func add(to decisions: inout [IntakeDecision], from start: Int) {
        var failed: Set<Int> = []
        var jobs = plan(decisions, from: start, failed: failed)
        guard !jobs.isEmpty else { return }
        var staged = render(jobs)
        while true {
            let newlyFailed = Set(staged.indices.filter { staged[$0] == nil }).subtracting(failed)
            guard !newlyFailed.isEmpty else { break }
            failed.formUnion(newlyFailed)
            let renumbered = plan(decisions, from: start, failed: failed)
            let moved = renumbered.indices.filter { !failed.contains($0) && !renumbered[$0].rendersLike(jobs[$0]) }
            for index in moved { staged[index]?.discard() }
            for (index, reports) in zip(moved, render(moved.map { renumbered[$0] })) { staged[index] = reports }
            jobs = renumbered
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

    /// The sets of reports of `decisions`, in order, with the sequence numbers their entries get when numbered from
    /// `start` and the sets `failed` add no entry.
    private func plan(_ decisions: [IntakeDecision], from start: Int, failed: Set<Int>) -> [Job] {
        var jobs: [Job] = []
        var next = start
        // The decision-recorded entries of decisions accepted in this batch (the entry after their document-received),
        // by document hash, for the reports that cite them.
        var batch: [String: Int] = [:]
        for (index, decision) in decisions.enumerated() {
            if decision.outcome == .accepted, decision.summary["kind"] == "decision" {
                batch[decision.sha256] = next + 1
            }
            let first = jobs.count
            for final in decision.finalEvaluations {
                jobs.append(
                    Job(
                        decisionIndex: index,
                        source: .evaluation(final, decisionEntries: decisionEntries(batch, final.result)),
                        seq: next + final.draftIndex))
            }
            if let award = decision.lotAward {
                jobs.append(Job(decisionIndex: index, source: .award(award), seq: next + award.draftIndex))
            }
            let written = (first..<jobs.count).filter { !failed.contains($0) }.count
            next += decision.drafts.count + written
        }
        return jobs
    }

    /// The `decision-recorded` entry of each decision an evaluation names: the entry after the decision's
    /// document-received, which carries its intake record (committed before any batch that evaluates), or one
    /// of this batch (`batch`).
    private func decisionEntries(_ batch: [String: Int], _ result: EvaluationResult) -> [String: Int] {
        let hashes = result.decisions.map(\.decision.documentID)
        var entries = batch
        for (sha, record) in (try? ledger.firstIntakes(sha256s: hashes)) ?? [:] where entries[sha] == nil {
            if record.outcome == IntakeDecision.Outcome.accepted.rawValue, let seq = record.seq {
                entries[sha] = seq + 1
            }
        }
        return entries
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
