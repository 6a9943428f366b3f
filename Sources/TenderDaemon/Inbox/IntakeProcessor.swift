import Foundation
import Logging
import TenderLedger
import TenderPlugins
import TenderReports
import TenderRules
import TenderScoring

/// Takes claimed files through the pipeline: read, identify (SHA-256), parse, check against the active rule
/// set, assess or evaluate, then commit every entry and intake record of a batch in one transaction, and
/// only then move each file to `archive/` or `rejected/`. A crash at any point loses nothing and counts
/// nothing twice: restart finds the file in `processing/` and either finishes its move (its intake record
/// committed) or processes it again (it did not).
struct IntakeProcessor {
    let settings: DaemonSettings
    let ledger: LedgerStore
    let holder: RuleSetHolder
    let metrics: DaemonMetrics
    let logger: Logger
    private(set) var book: ProcurementBook
    /// Renames inbox files into `processing/`.
    private var claimer: InboxClaimer
    /// Provisional reports of the procurements that changed, and the queue final reports are written through.
    private var provisional: ProvisionalReports
    /// Commits, moves and logs decided batches, on a thread of its own.
    private let committer: BatchCommitter
    private let commits: CommitQueue
    /// The number of the last batch decided (batch numbers only increase).
    private var batchNumber = 0
    /// When the last claims were processed (``Uptime`` seconds).
    private var lastProcessed = 0.0
    /// When files arrive (the wall clock, held from going backwards).
    let clock: ArrivalClock
    /// Files a failed round left in `processing/`, retried by ``retryWaiting(now:)``.
    private(set) var waiting = WaitingClaims()
    /// Why the round under way could not finish (a ledger that could not be read), if so.
    private var roundFailure: String?
    /// The last batch that accepted a decision document (see ``processBatch(_:following:ruleSet:seen:)``).
    private var lastDecisionBatch = 0
    /// The evaluations the next batch's close requests ask for, made ahead while this one's reports were rendered.
    private var nextAhead: EvaluationsAhead?
    /// The last batch that may evaluate a large procurement (``EvaluationsAhead/evaluatesLarge(_:ruleSet:book:)``):
    /// until it is committed, no batch evaluates ahead or renders in the background.
    private var lastLargeBatch = 0
    /// The digest of the rule set the book's kept submissions were cut down for (``KeptSubmissions``).
    private var keptFor: String?
    /// Whether the book may hold documents of batches that were never committed (its rebuild after a failed
    /// commit failed too): the next retry rebuilds it first.
    private var bookIsStale = false

    /// Windows of claims (four batches each) being prepared at once, ahead of the one this loop decides.
    static let windowsInFlight = 5

    init(
        settings: DaemonSettings, ledger: LedgerStore, holder: RuleSetHolder, metrics: DaemonMetrics, logger: Logger,
        clock: ArrivalClock = ArrivalClock()
    ) {
        self.settings = settings
        self.ledger = ledger
        self.holder = holder
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        book = Self.emptyBook(ledger, keepBytes: settings.keepSubmissionBytes)
        claimer = InboxClaimer(inbox: settings.inbox, processing: settings.processing, logger: logger)
        provisional = ProvisionalReports(reports: settings.reports, metrics: metrics, logger: logger)
        committer = BatchCommitter(
            settings: settings, ledger: ledger, metrics: metrics, logger: logger, reportQueue: provisional.queue)
        commits = CommitQueue(committer: committer)
    }

    /// A book that reads documents back from `ledger`, keeping submissions ready for evaluation within `keepBytes`
    /// (``KeptSubmissions``).
    static func emptyBook(_ ledger: LedgerStore, keepBytes: Int = 0) -> ProcurementBook {
        ProcurementBook(
            loader: { try? ledger.blob(sha256: $0)?.bytes },
            entryLoader: { seq in
                (try? ledger.entry(seq: seq)).flatMap { $0 }.flatMap { try? $0.json() }.flatMap(
                    DocumentReceivedEntry.document)
            }, keepBytes: keepBytes)
    }

    // MARK: Restart

    /// Rebuilds the procurement book from the ledger (at start; `rebuild`) and returns the claims left in
    /// `processing/` that still need processing, oldest first (those already committed are moved on here).
    mutating func reconcile(rebuild: Bool = true) throws -> [Claim] {
        if rebuild || bookIsStale { try rebuildBook() }
        var written: RecordedReports?
        if rebuild {
            // The folders whose reports the ledger records (a close's or a later decision's): no provisional report
            // is written over them.
            let recorded = try recordedReports()
            for folder in recorded.keys { provisional.reportsRecorded(inFolder: folder) }
            written = recorded
            // A large result's bytes spooled for a batch a crash cut short: a batch that was committed is finished
            // below, one that was not is decided again (spooling anew).
            let removed = SpooledResult.removeLeftovers(in: settings.processing)
            if removed > 0 { logger.info("removed spooled results left by a crash", metadata: ["files": "\(removed)"]) }
        }
        var pending: [Claim] = []
        for name in Self.claimable(in: settings.processing) {
            guard let claim = Claim(claimName: name) ?? adopt(name) else { continue }
            if let record = try ledger.intake(claim: claim.claimName) {
                let outcome = IntakeDecision.Outcome(rawValue: record.outcome) ?? .rejected
                let reasons = outcome == .accepted ? [] : (try? rejectionReasons(seq: record.seq)) ?? []
                committer.finish(claim, outcome: outcome, reasons: reasons, seq: record.seq)
                logger.info("finished moving a document already committed", metadata: ["inbox.claim": "\(name)"])
            } else {
                pending.append(claim)
            }
        }
        committer.syncFinished()
        recoverReports(written)
        return pending.sorted()
    }

    /// What the ledger's `report-written` entries record: by procurement folder name, by the evaluation the reports
    /// were made from, each file's digest by name.
    typealias RecordedReports = [String: [Int: [String: String]]]

    /// Every `report-written` entry's record (``RecordedReports``); a body that does not parse is passed over.
    private func recordedReports() throws -> RecordedReports {
        var index: RecordedReports = [:]
        try ledger.forEachEntry(type: ReportWrittenEntry.type) { entry in
            guard let body = try? entry.json(), let recorded = ReportWrittenEntry.recorded(body) else { return }
            index[recorded.folderName, default: [:]][recorded.evaluationSeq] = recorded.files
        }
        return index
    }

    /// Final reports a crash left under temporary names: those the ledger records are put in place, the rest removed
    /// (``StagedReports/recover(under:recorded:)``). The ledger is read only when there are any, unless `written`
    /// already holds what it records.
    private func recoverReports(_ written: RecordedReports?) {
        var written = written
        let outcome = StagedReports.recover(under: settings.reports) { folder, seq in
            if written == nil { written = (try? recordedReports()) ?? [:] }
            return written?[folder]?[seq]
        }
        if outcome.published > 0 {
            logger.notice(
                "put in place final reports a crash left under temporary names (the ledger records them)",
                metadata: ["reports.files": "\(outcome.published)"])
        }
        if outcome.removed > 0 {
            logger.notice(
                "removed temporary report files of evaluations that were never committed",
                metadata: ["reports.files": "\(outcome.removed)"])
        }
    }

    /// The names in `processing/` that are files to account for: not dotfiles (an editor's swap file beside a
    /// claim) and not folders.
    static func claimable(in processing: String) -> [String] {
        FileSystem.names(in: processing).filter { name in
            guard !name.hasPrefix(".") else { return false }
            switch FileSystem.kind((processing as NSString).appendingPathComponent(name)) {
            case .regular, .symlink: return true
            case .other, .missing: return false
            }
        }
    }

    /// Gives a file in `processing/` whose name is not a claim name (put there by hand) a claim name of its own,
    /// once and durably, so it is processed like any other and never again under a new name; nil if it cannot be
    /// renamed (it stays, and the log says why).
    private func adopt(_ name: String) -> Claim? {
        let claim = Claim(originalName: name, seenAt: WallClock.timestamp(), counter: 0)
        do {
            try FileSystem.move(
                (settings.processing as NSString).appendingPathComponent(name),
                to: (settings.processing as NSString).appendingPathComponent(claim.claimName))
            logger.notice(
                "a file in processing/ had no claim name; it is processed as a new document",
                metadata: ["inbox.file": "\(name)", "inbox.claim": "\(claim.claimName)"])
            return claim
        } catch {
            logger.error(
                "a file in processing/ has no claim name and cannot be renamed; move it back into the inbox",
                metadata: ["inbox.file": "\(name)", "error": "\(error)"])
            return nil
        }
    }

    /// Records every document the ledger holds per procurement; each procurement's documents are read back
    /// when it is first touched.
    private mutating func rebuildBook() throws {
        var book = Self.emptyBook(ledger, keepBytes: settings.keepSubmissionBytes)
        try ledger.forEachEntry(type: DocumentReceivedEntry.type) { entry in
            let body = try entry.json()
            guard DocumentReceivedEntry.document(body) != nil else { return }
            for key in DocumentReceivedEntry.procurements(body) { book.record(seq: entry.seq, to: key) }
        }
        // Each concluded stage's outcome, as recorded: later stages admit only whom it took forward.
        try ledger.forEachEntry(type: StageConcludedEntry.type) { entry in
            let body = try entry.json()
            guard let key = StageConcludedEntry.key(body),
                let outcome = body["outcome"].flatMap(StageOutcome.init(json:))
            else { return }
            book.conclude(key, with: outcome)
        }
        self.book = book
        bookIsStale = false
    }

    private func rejectionReasons(seq: Int?) throws -> [String] {
        guard let seq, let entry = try ledger.entry(seq: seq) else { return [] }
        return (try entry.json()["reasons"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    // MARK: Processing

    /// Claims the inbox files `names`, found ready by the scan just made, and processes them (see
    /// ``process(_:)``). A window is claimed just before it is prepared, so the cores start on the first while
    /// later files wait in the inbox; every claim carries the scan's time as when the daemon first saw the file.
    mutating func intake(_ names: [String]) {
        guard holder.current != nil, !names.isEmpty else { return }
        let (seenAt, steppedBack) = clock.now()
        if let steppedBack {
            logger.warning(
                """
                the system clock went back; arrival times are held at the last one until it catches up \
                (check the machine's time synchronisation)
                """,
                metadata: ["clock.stepped_back_seconds": "\(steppedBack)", "arrival.held_at": "\(seenAt)"])
        }
        run(.names(names, seenAt: seenAt))
    }

    // MARK: Waiting files

    /// Retries the files a failed round left in `processing/`, oldest first, once their backoff is over (`now` in
    /// ``Uptime`` seconds). Files already committed are only moved on; the rest are processed again.
    mutating func retryWaiting(now: Double) {
        guard waiting.isDue(now: now), holder.current != nil else { return }
        let pending: [Claim]
        do {
            pending = try reconcile(rebuild: false)
        } catch {
            roundFailure = "cannot read the ledger's intake records: \(error)"
            noteWaiting()
            return
        }
        logger.info(
            "retrying documents that wait in processing/",
            metadata: [
                "processing.waiting": "\(pending.count)", "processing.oldest": "\(pending.first?.claimName ?? "")",
            ])
        guard !pending.isEmpty else { return noteWaiting() }
        run(.claims(pending))
    }

    /// Counts what waits in `processing/` after a round, schedules the next retry and says so in the log.
    private mutating func noteWaiting() {
        let left = Self.claimable(in: settings.processing)
        // A batch numbered before a rules reload appended its outcome: nothing is wrong (the commit queue said so in a
        // notice), and its files are decided again at the next scan, without a warning or a backoff.
        let renumber = roundFailure == nil && commits.failedBecauseTheLedgerGrew
        let reason = roundFailure ?? (commits.hasFailed ? commits.failure : nil)
        roundFailure = nil
        metrics.waitingInProcessing(left.count)
        switch waiting.update(left: left.count, reason: reason, now: Uptime.seconds(), retryNow: renumber) {
        case .none:
            break
        case .waiting(let count, 0) where renumber:
            logger.debug("files to be numbered again wait in processing/", metadata: ["processing.waiting": "\(count)"])
        case .waiting(let count, let retryIn):
            logger.warning(
                """
                documents wait in processing/; new inbox files wait until they are recorded. Free the disk or fix \
                the ledger's folder as the reason says; the daemon retries by itself
                """,
                metadata: [
                    "processing.waiting": "\(count)", "processing.oldest": "\(left.min() ?? "")",
                    "reason": "\(waiting.reason)", "retry.seconds": "\(retryIn)",
                ])
        case .cleared(let count):
            logger.notice(
                "the documents that waited in processing/ are recorded; intake goes on",
                metadata: ["processing.recovered": "\(count)"])
        }
    }

    /// Processes claims already in `processing/` (those a crash left there).
    mutating func process(_ claims: [Claim]) {
        guard !claims.isEmpty else { return }
        guard holder.current != nil else {
            // They wait (and new inbox files behind them) until a rule set is active; the retry takes them then.
            roundFailure = "no rule set is active; fix the rules folder (tender rules check)"
            return noteWaiting()
        }
        run(.claims(claims))
    }

    /// What a round takes in: inbox files still to claim, or claims already made.
    private enum Intake {
        case names([String], seenAt: Timestamp)
        case claims([Claim])

        var count: Int {
            switch self {
            case .names(let names, _): names.count
            case .claims(let claims): claims.count
            }
        }
    }

    /// Processes a round in batches of `batch_size`, one transaction each (a group commit), in three stages
    /// that overlap: files are read, hashed, parsed and assessed a window of a few batches ahead on every core;
    /// this loop decides each batch in arrival order (it alone owns the book); the commit queue commits the
    /// batch before, and its finishing queue moves the files and logs them.
    private mutating func run(_ intake: Intake) {
        guard let ruleSet = holder.current else { return }
        commits.clearFailure()
        // Submissions kept for another rule set's evaluations may lack what this one's read: let them go.
        if keptFor != ruleSet.digest {
            book.releaseAll()
            keptFor = ruleSet.digest
        }
        let roundStart = DispatchTime.now().uptimeNanoseconds
        defer {
            commits.drain()
            logger.debug(
                "intake round done",
                metadata: [
                    "intake.documents": "\(intake.count)",
                    "intake.seconds": "\(Double(DispatchTime.now().uptimeNanoseconds - roundStart) / 1e9)",
                ])
            if commits.hasFailed {
                // Later batches were decided on top of the one that failed: forget them all and read the book
                // back from what the ledger holds.
                do {
                    try rebuildBook()
                } catch {
                    bookIsStale = true
                    logger.error(
                        "cannot read the ledger back; the next retry reads it again first",
                        metadata: ["error": "\(error)"])
                }
            } else {
                book.slimDown(through: batchNumber, reads: ruleSet.evaluationReads)
            }
            // The round's moves out of processing/ made durable together (lost ones are finished at restart).
            committer.syncFinished()
            lastProcessed = Uptime.seconds()
            noteWaiting()
        }
        let window = max(1, settings.batchSize) * 4
        var seen: [String: String] = [:]
        // Windows in flight: the background cores keep preparing while this loop waits on a commit or an fsync, and
        // have prepared enough ahead that this loop does not wait for them (they run only when it and the commit queue
        // leave a core free: BackgroundCores).
        var windows: [BackgroundCores.Pending<PreparedClaim>] = []
        var started = 0
        var unsynced = false
        func startWindow() {
            guard started < intake.count else { return }
            let end = min(intake.count, started + window)
            let claims: [Claim]
            switch intake {
            case .claims(let all):
                claims = Array(all[started..<end])
            case .names(let names, let seenAt):
                claims = claimer.claim(names[started..<end], seenAt: seenAt)
                unsynced = unsynced || !claims.isEmpty
            }
            started = end
            windows.append(
                PreparedClaim.start(
                    claims, settings: settings, context: .init(ruleSet: ruleSet, marks: book.loadedMarks)))
        }
        // Claims made since the last sync become durable before any of them is handed to the commit queue.
        func syncNewClaims() {
            guard unsynced else { return }
            claimer.sync()
            unsynced = false
        }
        startWindow()
        syncNewClaims()
        committer.crashPoint("after-claim")
        while windows.count < Self.windowsInFlight, started < intake.count { startWindow() }
        while !windows.isEmpty, !commits.hasFailed, roundFailure == nil {
            let prepared = windows.removeFirst().wait()
            startWindow()
            syncNewClaims()
            var offset = 0
            let size = max(1, settings.batchSize)
            while offset < prepared.count, !commits.hasFailed, roundFailure == nil {
                let batch = Array(prepared[offset..<min(prepared.count, offset + size)])
                offset += batch.count
                let following = prepared[offset..<min(prepared.count, offset + size)]
                processBatch(batch, following: following, ruleSet: ruleSet, seen: &seen)
            }
            nextAhead = nil
        }
        // A round that stopped early (a failed commit, an unreadable ledger) lets the windows still being prepared go:
        // their files stay in processing/ for the retry, which reads them again.
        for window in windows { window.cancel() }
    }

    /// Decides one batch and hands it to the commit queue. `seen` maps the SHA-256 of every file decided this
    /// round to its claim, so a copy in a later batch is a duplicate even before the first is committed. While its
    /// smaller reports are rendered in the background, the evaluations the `following` batch's close requests ask for
    /// are made ahead (not when either may evaluate a large procurement, or one is still being committed).
    private mutating func processBatch(
        _ claims: [PreparedClaim], following: ArraySlice<PreparedClaim>, ruleSet: RuleSet,
        seen: inout [String: String]
    ) {
        // A close document (or a decision after one) evaluates, and its reports cite sequence numbers and the
        // decision-recorded entries of the decisions it names, read from the ledger: it waits for the commit of any
        // batch that accepted a decision. (The documents it evaluates are whole in the book until committed.)
        let evaluates = claims.contains(where: \.mayEvaluate)
        if evaluates, lastDecisionBatch > commits.committedBatch { commits.drain() }
        batchNumber += 1
        book.slimDown(through: commits.committedBatch, reads: ruleSet.evaluationReads)
        book.batch = batchNumber
        // Its entries are numbered from the ledger's size once the batches still being committed are: what the commit
        // queue counts, or what the ledger says when nothing is queued. Numbers another writer (a rules reload) made
        // wrong since fail the batch's commit, and it is decided again.
        var next = 0
        if evaluates {
            if let size = commits.sizeAfterQueued {
                logger.debug("entries numbered behind queued commits", metadata: ["ledger.next": "\(size)"])
                next = size
            } else {
                commits.drain()
                guard let size = try? ledger.size() else {
                    logger.error("cannot read the ledger; the batch stays in processing/ and is retried")
                    roundFailure = "cannot read the ledger's size"
                    return
                }
                next = size
            }
        }
        // The ledger's record of every hash in the batch, in one read. Without it a copy of an earlier document
        // could not be told from a new one: the batch waits in processing/ (as when the size cannot be read).
        let hashes = claims.compactMap { claim -> String? in
            guard case .read(_, let sha, _) = claim.content, seen[sha] == nil else { return nil }
            return sha
        }
        let earlier: [String: IntakeRecord]
        do {
            earlier = try ledger.firstIntakes(sha256s: hashes)
        } catch {
            logger.error(
                "cannot read the ledger's intake records; the batch stays in processing/ and is retried",
                metadata: ["error": "\(error)"])
            roundFailure = "cannot read the ledger's intake records: \(error)"
            return
        }
        var decider = IntakeDecider(settings: settings, ruleSet: ruleSet)
        // A burst of close requests: their evaluations made together, on every core (while the batch before rendered
        // its reports, or now). Nothing overlaps the evaluation of a large procurement (its memory is the one to watch).
        // (Nor the commit of one: its spooled result is read back then.)
        let evaluatesLarge = evaluates && EvaluationsAhead.evaluatesLarge(claims, ruleSet: ruleSet, book: &book)
        if evaluatesLarge { lastLargeBatch = batchNumber }
        let large = evaluatesLarge || (evaluates && lastLargeBatch > commits.committedBatch)
        var aheadMadeDuring = "this_batch"
        if let made = nextAhead {
            decider.ahead = made
            nextAhead = nil
            aheadMadeDuring = "previous_batch"
        } else if evaluates, !large {
            decider.ahead = EvaluationsAhead(claims, ruleSet: ruleSet, book: &book)
        }
        // The evaluation entries' sequence numbers are known before the commit, so the reports can cite them and their
        // hashes go into the same transaction; each decision's are rendered while the next ones are made.
        var reports = FinalReports(ledger: ledger, logger: logger, from: next, background: !large)
        var decisions: [IntakeDecision] = []
        for claim in claims {
            decisions.append(decider.decide(claim, book: &book, seen: &seen, earlier: earlier))
            reports.started(decisions[decisions.count - 1], at: decisions.count - 1)
        }
        if decider.ahead.madeCount > 0 {
            logger.debug(
                "close evaluations made ahead",
                metadata: [
                    "evaluations.made": "\(decider.ahead.madeCount)",
                    "evaluations.taken": "\(decider.ahead.takenCount)",
                    "evaluations.made_during": "\(aheadMadeDuring)",
                ])
        }
        // (Not beside a large procurement's reports, rendered below, nor before its commit; nor for a large one.)
        if !large, following.contains(where: \.mayEvaluate),
            !EvaluationsAhead.evaluatesLarge(following, ruleSet: ruleSet, book: &book)
        {
            let made = EvaluationsAhead(Array(following), ruleSet: ruleSet, book: &book)
            if made.madeCount > 0 {
                logger.debug(
                    "close evaluations made ahead for the next batch",
                    metadata: ["evaluations.made": "\(made.madeCount)"])
            }
            nextAhead = made
        }
        reports.finish(&decisions)
        for index in decisions.indices {
            let decision = decisions[index]
            if decision.outcome == .accepted { decision.procurements.forEach { provisional.changed($0) } }
            if decision.outcome == .accepted, decision.summary["kind"] == "decision" { lastDecisionBatch = batchNumber }
            // A procurement this document evaluated (a close, or a decision after one) whose reports were rendered
            // has them from that evaluation: evaluating it again for provisional ones would only write the same files.
            for final in decision.finalEvaluations
            where decision.reports.contains(where: { $0.folder == final.folder }) {
                provisional.evaluated(final.key)
            }
            // The reports are staged: what they were made from is let go before the batch waits for its commit (the
            // drafts keep a small result's bytes, or the file a large one's were spooled to: never the result).
            decisions[index].finalEvaluations = []
            decisions[index].lotAward = nil
        }
        // A large batch, or one that evaluated while a large one was being committed, queues once the queue is empty:
        // the commit queue never holds another batch's evaluations beside a large one's.
        if large { commits.drain() }
        commits.submit(decisions, batch: batchNumber, first: evaluates ? next : nil)
    }

    // MARK: Provisional reports

    /// Rewrites provisional reports for procurements that changed (see ``ProvisionalReports``), only once the inbox
    /// has been quiet for a second: under a steady stream of documents intake keeps both cores, and the reports
    /// catch up in the first pause.
    mutating func refreshProvisionalReports(now: Double) {
        guard now - lastProcessed >= 1, let ruleSet = holder.current else { return }
        provisional.refresh(now: now, book: book, ruleSet: ruleSet)
    }

    /// Waits for provisional reports still being written (at shutdown).
    func finishReports() {
        provisional.finish()
    }
}
