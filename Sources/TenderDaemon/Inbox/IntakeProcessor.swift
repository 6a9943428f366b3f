import Foundation
import Logging
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring

#if canImport(Glibc)
    import Glibc
#endif

/// Takes claimed files through the pipeline: read, identify (SHA-256), parse, check against the active rule
/// set, assess or evaluate, then commit every entry and intake record of a batch in one transaction, and
/// only then move each file to `archive/` or `rejected/`. A crash at any point loses nothing and counts
/// nothing twice: restart finds the file in `processing/` and either finishes its move (its intake record
/// committed) or processes it again (it did not).
struct IntakeProcessor {
    let settings: DaemonSettings
    let ledger: LedgerStore
    let holder: RuleSetHolder
    let logger: Logger
    private(set) var book: ProcurementBook
    private var counter = 0
    private var lastProvisional: [ProcurementKey: Double] = [:]
    private var dirty: Set<ProcurementKey> = []
    /// Provisional reports are rendered here, off the intake loop; final reports are written through it too.
    private let reportQueue = DispatchQueue(label: "tender.reports")
    /// Provisional report jobs queued and not yet written.
    private let reportJobs = JobCounter()
    /// When the last claims were processed (seconds since 1970).
    private var lastProcessed = 0.0

    init(settings: DaemonSettings, ledger: LedgerStore, holder: RuleSetHolder, logger: Logger) {
        self.settings = settings
        self.ledger = ledger
        self.holder = holder
        self.logger = logger
        book = Self.emptyBook(ledger)
    }

    /// A book that reads documents back from `ledger`.
    static func emptyBook(_ ledger: LedgerStore) -> ProcurementBook {
        ProcurementBook(
            loader: { try? ledger.blob(sha256: $0)?.bytes },
            entryLoader: { seq in
                (try? ledger.entry(seq: seq)).flatMap { $0 }.flatMap { try? $0.json() }.flatMap(ReceivedDocument.init)
            })
    }

    // MARK: Claiming

    /// Renames ready inbox files into `processing/` under unique claim names.
    mutating func claim(_ names: [String]) -> [Claim] {
        var claims: [Claim] = []
        for name in names {
            counter += 1
            let claim = Claim(originalName: name, seenAt: Clock.timestamp(), counter: counter)
            let from = (settings.inbox as NSString).appendingPathComponent(name)
            let to = (settings.processing as NSString).appendingPathComponent(claim.claimName)
            do {
                try FileSystem.moveLater(from, to: to)
                claims.append(claim)
            } catch {
                logger.debug("file vanished before it could be claimed", metadata: ["inbox.file": "\(name)"])
            }
        }
        // One fsync per folder for the whole round, before anything is committed: a claim the ledger records
        // is never undone by a power cut.
        if !claims.isEmpty { FileSystem.syncFolders([settings.inbox, settings.processing]) }
        return claims
    }

    // MARK: Restart

    /// Rebuilds the procurement book from the ledger and returns the claims left in `processing/` that
    /// still need processing (those already committed are moved on here).
    mutating func reconcile() throws -> [Claim] {
        try rebuildBook()
        var pending: [Claim] = []
        for name in FileSystem.names(in: settings.processing) {
            let claim = Claim(claimName: name) ?? Claim(originalName: name, seenAt: Clock.timestamp(), counter: 0)
            if let record = try ledger.intake(claim: claim.claimName) {
                let outcome = IntakeDecision.Outcome(rawValue: record.outcome) ?? .rejected
                let reasons = outcome == .accepted ? [] : (try? rejectionReasons(seq: record.seq)) ?? []
                finish(claim, outcome: outcome, reasons: reasons, seq: record.seq)
                logger.info("finished a document committed before a restart", metadata: ["inbox.claim": "\(name)"])
            } else {
                pending.append(claim)
            }
        }
        syncFinished()
        return pending.sorted { $0.claimName < $1.claimName }
    }

    /// Records every document the ledger holds per procurement; each procurement's documents are read back
    /// when it is first touched.
    private mutating func rebuildBook() throws {
        var book = Self.emptyBook(ledger)
        try ledger.forEachEntry(type: "document-received") { entry in
            let body = try entry.json()
            guard ReceivedDocument(body) != nil, let key = ReceivedDocument.key(body) else { return }
            book.record(seq: entry.seq, to: key)
        }
        self.book = book
    }

    private func rejectionReasons(seq: Int?) throws -> [String] {
        guard let seq, let entry = try ledger.entry(seq: seq) else { return [] }
        return (try entry.json()["reasons"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    // MARK: Processing

    /// The crash-test seam: dies by SIGKILL at the named step, as a power cut or `kill -9` would.
    private func crashPoint(_ step: String) {
        if settings.crashAt == step { _ = kill(getpid(), SIGKILL) }
    }

    /// Processes claims in batches of `batch_size`, one transaction each (a group commit). Files are read,
    /// hashed and parsed a window of a few batches ahead, on the other cores, while this loop decides and commits
    /// the window before: parsing is the costly step, and deciding must stay in arrival order on one thread.
    mutating func process(_ claims: [Claim]) {
        if !claims.isEmpty { crashPoint("after-claim") }
        guard let ruleSet = holder.current, !claims.isEmpty else { return }
        defer {
            // The round's moves out of processing/ made durable together (lost ones are finished at restart).
            syncFinished()
            lastProcessed = Date().timeIntervalSince1970
        }
        let window = max(1, settings.batchSize) * 4
        func prepareWindow(from start: Int, book: ProcurementBook) -> PreparedClaim.Pending {
            PreparedClaim.start(
                Array(claims[start..<min(claims.count, start + window)]), settings: settings,
                context: .init(ruleSet: ruleSet, book: book))
        }
        var start = 0
        var pending = prepareWindow(from: 0, book: book)
        while start < claims.count {
            let prepared = pending.wait()
            start += prepared.count
            if start < claims.count { pending = prepareWindow(from: start, book: book) }
            var offset = 0
            while offset < prepared.count {
                let batch = Array(prepared[offset..<min(prepared.count, offset + max(1, settings.batchSize))])
                offset += batch.count
                processBatch(batch, ruleSet: ruleSet)
            }
        }
    }

    private mutating func processBatch(_ claims: [PreparedClaim], ruleSet: RuleSet) {
        var book = self.book
        var seenInBatch: [String: String] = [:]
        var decisions: [IntakeDecision] = []
        guard var next = try? ledger.size() else {
            logger.error("cannot read the ledger; the batch stays in processing/")
            return
        }
        for claim in claims {
            var decider = IntakeDecider(settings: settings, ledger: ledger, ruleSet: ruleSet)
            var decision = decider.decide(claim, book: &book, seenInBatch: &seenInBatch)
            if let final = decision.finalEvaluation {
                // The evaluation entry is the last draft so far: its sequence number is known before the commit,
                // so the reports can cite it and their hashes go into the same transaction.
                addReports(final, evaluatedSeq: next + decision.drafts.count - 1, to: &decision)
            }
            next += decision.drafts.count
            decisions.append(decision)
        }
        let appended: [LedgerEntry]
        do {
            appended = try ledger.append(decisions.flatMap(\.drafts))
        } catch {
            // Transient (disk full, locked): the files stay in processing/ and are retried at the next restart
            // or scan; nothing was committed, so nothing is counted.
            logger.error("could not commit a batch; its files stay in processing/", metadata: ["error": "\(error)"])
            return
        }
        book.slimDown()
        self.book = book
        crashPoint("after-commit")
        var offset = 0
        for decision in decisions {
            let seq = appended[offset].seq
            offset += decision.drafts.count
            for (folder, files) in decision.reports {
                do {
                    // On the provisional reports' queue, after any of theirs in flight: a final report is never
                    // overwritten by an older provisional one.
                    try reportQueue.sync { try ReportBuilder.write(files, into: folder) }
                } catch {
                    logger.error(
                        "could not write reports", metadata: ["reports.folder": "\(folder)", "error": "\(error)"])
                }
            }
            finish(decision.claim, outcome: decision.outcome, reasons: decision.reasons, seq: seq)
            crashPoint("mid-moves")
            var metadata: Logger.Metadata = [
                "inbox.file": "\(decision.claim.originalName)", "document.sha256": "\(decision.sha256)",
                "ledger.seq": "\(seq)", "outcome": "\(decision.outcome.rawValue)",
            ]
            for (key, value) in decision.summary { metadata[key] = "\(value)" }
            if decision.outcome == .accepted {
                logger.info("document accepted", metadata: metadata)
            } else {
                metadata["reason"] = "\(decision.reasons.first ?? "")"
                logger.notice("document not accepted", metadata: metadata)
            }
            if decision.outcome == .accepted, let key = decision.procurement { dirty.insert(key) }
        }
    }

    /// Renders a final evaluation's reports and adds the `report-written` entry that records their hashes.
    private func addReports(_ final: FinalEvaluation, evaluatedSeq: Int, to decision: inout IntakeDecision) {
        do {
            let files = try ReportBuilder.build(
                result: final.result, methodology: final.methodology, submissions: final.submissions,
                rulesetDigest: final.rulesetDigest, publishedAt: final.publishedAt, noticeDate: final.noticeDate,
                evaluatedSeq: evaluatedSeq)
            decision.drafts.append(
                EntryDraft(
                    type: "report-written",
                    body: [
                        "procurement": .string(final.key.reference), "lot": .optional(final.key.lot),
                        "evaluation_seq": .integer(Int64(evaluatedSeq)), "folder": .string(final.folder),
                        "final": .bool(final.result.isFinal),
                        "reports": .array(
                            files.map { .object(["name": .string($0.name), "digest": .string($0.sha256)]) }),
                        "recorded_at": .string(Clock.now()), "source": "tender serve",
                    ]))
            decision.reports = [(final.folder, files)]
        } catch {
            logger.error("could not render reports", metadata: ["procurement": "\(final.key)", "error": "\(error)"])
        }
    }

    /// Moves a committed file out of `processing/`; rejected files get `NAME.error.txt` beside them.
    private func finish(_ claim: Claim, outcome: IntakeDecision.Outcome, reasons: [String], seq: Int?) {
        let from = (settings.processing as NSString).appendingPathComponent(claim.claimName)
        let folder = outcome == .accepted ? settings.archive : settings.rejected
        let to = (folder as NSString).appendingPathComponent(claim.claimName)
        if outcome != .accepted {
            var text = "\(claim.originalName) was not accepted by tender (first seen \(claim.seenAt)).\n\n"
            text += reasons.map { "  \($0)\n" }.joined()
            text += "\nWhat to do: correct the file and drop it into the inbox again (any name).\n"
            if let seq { text += "Ledger entry: #\(seq)\n" }
            try? FileSystem.writeDurably(to + ".error.txt", Array(text.utf8))
        }
        do {
            try FileSystem.moveLater(from, to: to)
        } catch {
            logger.error("could not move a committed file", metadata: ["error": "\(error)"])
        }
    }

    /// Makes a round of ``finish(_:outcome:reasons:seq:)`` moves durable: one fsync per folder. (A move lost
    /// to a power cut is finished again at restart: the file is in `processing/` and the ledger has its record.)
    private func syncFinished() {
        FileSystem.syncFolders([settings.archive, settings.rejected, settings.processing])
    }

    // MARK: Provisional reports

    /// Rewrites provisional reports for procurements that changed, at most every `interval` seconds each. They
    /// are rendered on their own queue from a snapshot of the book, so intake never waits for them.
    ///
    /// Only after the inbox has been quiet for a second and the previous round is written: under a steady
    /// stream of documents intake keeps both cores, and the reports catch up in the first pause.
    mutating func refreshProvisionalReports(now: Double, interval: Double = 2) {
        guard now - lastProcessed >= 1, reportJobs.isIdle, let ruleSet = holder.current else { return }
        for key in dirty.sorted() {
            guard now - (lastProvisional[key] ?? 0) >= interval, let entry = ruleSet.entry(for: key) else { continue }
            let snapshot = self.book
            let folder = (settings.reports as NSString).appendingPathComponent(key.folderName)
            let jobs = reportJobs
            jobs.begin()
            reportQueue.async {
                defer { jobs.end() }
                var book = snapshot
                guard let submissions = try? book.completeSubmissions(key) else { return }
                let result = ScoringEngine(methodology: entry.methodology, plugins: ruleSet.plugins.host)
                    .evaluate(submissions: submissions, marks: book.marks(key))
                // Provisional: only the plain evaluation files; the report set for people comes with the final one.
                try? ReportBuilder.write(ReportWriter.render(result, methodology: entry.methodology), into: folder)
            }
            lastProvisional[key] = now
            dirty.remove(key)
        }
    }

    /// Waits for provisional reports still being written (at shutdown).
    func finishReports() {
        reportQueue.sync {}
    }

    var hasPendingReports: Bool { !dirty.isEmpty }
}
