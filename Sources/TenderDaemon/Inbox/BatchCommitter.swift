import Dispatch
import Foundation
import Logging
import TenderLedger
import TenderScoring

#if canImport(Glibc)
    import Glibc
#endif

/// The second half of intake: commits a decided batch (every entry and intake record in one transaction); then,
/// on a queue of its own, writes the reports of final evaluations, moves each file out of `processing/` and
/// logs it. It touches no state of the intake loop, so it runs on the commit queue while the loop decides the
/// next batch, and the next batch's commit starts while this one's files are still being moved.
struct BatchCommitter: Sendable {
    let settings: DaemonSettings
    let ledger: LedgerStore
    let metrics: DaemonMetrics
    let logger: Logger
    /// Provisional reports are rendered here; final reports are written through it too.
    let reportQueue: DispatchQueue
    /// Moves, reports and logs of committed batches, in commit order.
    let finisher = DispatchQueue(label: "tender.finish")

    /// The crash-test seam: dies by SIGKILL at the named step, as a power cut or `kill -9` would.
    func crashPoint(_ step: String) {
        if settings.crashAt == step { _ = kill(getpid(), SIGKILL) }
    }

    /// Commits `decisions` and queues the moves of their files; returns the ledger's size after the commit (`nil` for
    /// a batch of no entries). If the commit fails, the files stay in `processing/`: nothing was committed, so nothing
    /// is counted, and they are retried. With `first`, the batch's entries were numbered from it (its reports cite
    /// them): a ledger of another size fails the commit.
    func commit(_ decisions: [IntakeDecision], first: Int? = nil) throws(CommitFailure) -> Int? {
        let started = DispatchTime.now().uptimeNanoseconds
        let appended: [Int]
        do {
            // Sequence numbers only: the recorded result of a large close is written without being put together.
            appended = try ledger.appendReturningSeqs(decisions.flatMap(\.drafts), first: first)
        } catch {
            // Their reports are rendered again when the batch is retried.
            for decision in decisions { decision.discardReports() }
            let moved = if case .moved = error { true } else { false }
            if moved {
                // Not a fault: another writer (a rules reload recording its outcome) appended after the batch was
                // numbered. Nothing was written; the batch is decided and numbered again.
                logger.notice(
                    "the ledger grew after a batch was numbered; its files stay in processing/ and are decided again",
                    metadata: ["error": "\(error)", "documents": "\(decisions.count)"])
            } else {
                logger.error(
                    "could not commit a batch; its files stay in processing/ and are retried",
                    metadata: ["error": "\(error)", "documents": "\(decisions.count)"])
                metrics.batchCommitted(nanoseconds: DispatchTime.now().uptimeNanoseconds - started, succeeded: false)
            }
            throw CommitFailure(description: error.description, moved: moved)
        }
        let committedAt = WallClock.timestamp()
        crashPoint("after-commit")
        metrics.batchCommitted(nanoseconds: DispatchTime.now().uptimeNanoseconds - started, succeeded: true)
        // The entries' bytes are in the ledger now: the moves need only where each file goes and why.
        var committed: [(decision: IntakeDecision, seq: Int)] = []
        var offset = 0
        for var decision in decisions {
            let seq = appended[offset]
            offset += decision.drafts.count
            decision.drafts = []
            committed.append((decision, seq))
        }
        finisher.async { [self, committed] in
            // A batch of closes waits for the disk once for all of its reports, not once for each.
            var synced = StagedReports.syncTogether(committed.flatMap(\.decision.reports))[...]
            for (decision, seq) in committed {
                let reportsSynced = Array(synced.prefix(decision.reports.count))
                synced = synced.dropFirst(decision.reports.count)
                finishCommitted(decision, seq: seq, committedAt: committedAt, reportsSynced: reportsSynced)
            }
        }
        return appended.last.map { $0 + 1 }
    }

    /// Why a batch could not be committed.
    struct CommitFailure: Error, Sendable {
        var description: String
        /// Whether the ledger grew after the batch was numbered (``LedgerError/moved(expected:size:)``): nothing is
        /// wrong, the batch is decided and numbered again.
        var moved = false
    }

    /// Writes a committed document's reports (final evaluations), moves its file and logs it. `reportsSynced` says,
    /// report set by report set, whether its files are already on disk (``StagedReports/syncTogether(_:)``).
    private func finishCommitted(
        _ decision: IntakeDecision, seq: Int, committedAt: Timestamp, reportsSynced: [StagedReports.Sync]
    ) {
        for (index, staged) in decision.reports.enumerated() {
            let synced = index < reportsSynced.count ? reportsSynced[index] : .own
            do {
                // On the provisional reports' queue, after any of theirs in flight: a final report is never
                // overwritten by an older provisional one.
                try reportQueue.sync { try staged.publish(sync: synced) }
            } catch {
                logger.error(
                    "could not write reports", metadata: ["reports.folder": "\(staged.folder)", "error": "\(error)"])
                metrics.reportFailed()
            }
        }
        finish(decision.claim, outcome: decision.outcome, reasons: decision.reasons, seq: seq)
        crashPoint("mid-moves")
        log(decision, seq: seq)
        metrics.documentCommitted(decision.outcome, claimedAt: decision.claim.seenAt, now: committedAt)
    }

    private func log(_ decision: IntakeDecision, seq: Int) {
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
    }

    /// Moves a committed file out of `processing/`; rejected files get `NAME.error.txt` beside them.
    func finish(_ claim: Claim, outcome: IntakeDecision.Outcome, reasons: [String], seq: Int?) {
        let from = (settings.processing as NSString).appendingPathComponent(claim.claimName)
        let folder = outcome == .accepted ? settings.archive : settings.rejected
        let to = (folder as NSString).appendingPathComponent(claim.claimName)
        if case .missing = FileSystem.kind(folder) {
            // The destination folder removed while the daemon runs: made again before the note and the move.
            logger.warning("a state folder was missing; created it again", metadata: ["folder": "\(folder)"])
            try? FileSystem.createDirectory(folder)
        }
        if outcome != .accepted {
            var text = "\(claim.originalName) was not accepted by tender (first seen \(claim.seenAt)).\n\n"
            text += reasons.map { "  \($0)\n" }.joined()
            text +=
                outcome == .duplicate
                ? "\nWhat to do: nothing. The same bytes are already recorded, so this copy was not scored again; "
                    + "it is kept here for reference.\n"
                : "\nWhat to do: correct the file and drop it into the inbox again (any name).\n"
            if let seq { text += "Ledger entry: #\(seq)\n" }
            try? FileSystem.writeDurably(to + ".error.txt", Array(text.utf8))
        }
        do {
            try FileSystem.moveLater(from, to: to)
        } catch {
            logger.error(
                "could not move a committed file; it stays in processing/ and is moved on the next retry",
                metadata: ["error": "\(error)"])
        }
    }

    /// Makes a round of ``finish(_:outcome:reasons:seq:)`` moves durable: one fsync per folder. (A move lost
    /// to a power cut is finished again at restart: the file is in `processing/` and the ledger has its record.)
    /// Waits for the moves already queued first.
    func syncFinished() {
        finisher.sync {}
        FileSystem.syncFolders([settings.archive, settings.rejected, settings.processing])
    }
}
