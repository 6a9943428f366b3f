import Foundation
import Logging
import Synchronization
import TenderLedger
import TenderPlugins
import TenderScoring

/// One reload: load and test the rules folder off to the side, swap if everything passes, keep the last good
/// set otherwise; either way, record the outcome in the ledger and the log. SIGHUP, inotify and polling are
/// all triggers of this one function.
final class RuleReloader: Sendable {
    let loader: RuleSetLoader
    let holder: RuleSetHolder
    let ledger: LedgerStore
    let metrics: DaemonMetrics
    let logger: Logger
    /// The digest of the last set that failed, so an unchanged bad edit is not recorded again.
    private let lastRejected = Mutex<String?>(nil)
    /// The digest and sequence number of the latest `ruleset-activated` entry in the ledger: a set with that digest
    /// is activated without being recorded again (a restart with unchanged rules records only `daemon-started`).
    private let lastRecorded: Mutex<(digest: String, seq: Int)?>

    init(loader: RuleSetLoader, holder: RuleSetHolder, ledger: LedgerStore, metrics: DaemonMetrics, logger: Logger) {
        self.loader = loader
        self.holder = holder
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
        let last = (try? ledger.lastEntry(type: RulesetActivatedEntry.type)).flatMap { $0 }
        lastRecorded = Mutex(
            last.flatMap { entry in
                (try? entry.json())?["ruleset_digest"]?.stringValue.map { (digest: $0, seq: entry.seq) }
            })
    }

    /// The sequence number of the `ruleset-activated` entry that recorded the active set.
    var activeSeq: Int? {
        lastRecorded.withLock { recorded in
            recorded.flatMap { $0.digest == holder.current?.digest ? $0.seq : nil }
        }
    }

    /// Reloads when the files changed since the active (or last rejected) set, or always when `force`.
    /// - Returns: whether a new rule set was activated.
    @discardableResult
    func reload(force: Bool = false) -> Bool {
        let files = loader.files()
        let digest = RuleSetLoader.digest(files)
        let rejected = lastRejected.withLock { $0 }
        if !force, digest == holder.current?.digest || digest == rejected {
            // The files lead back to the active set after a rejected edit (the original put back, the broken
            // file deleted): the alert is over.
            if let rejected, digest == holder.current?.digest { restored(digest: digest, rejected: rejected) }
            return false
        }
        switch loader.load(files) {
        case .success(let ruleSet):
            let recorded = lastRecorded.withLock { $0 }
            if recorded?.digest != ruleSet.digest {
                do {
                    let entry = try ledger.append([
                        RulesetActivatedEntry.draft(ruleSet, recordedAt: WallClock.now(), source: "tender serve")
                    ])
                    lastRecorded.withLock { $0 = (ruleSet.digest, entry[0].seq) }
                } catch {
                    logger.error(
                        "rule set not activated: the ledger could not record it", metadata: ["error": "\(error)"])
                    metrics.ruleReload(activated: false, now: Date().timeIntervalSince1970)
                    // The alert is up: files that lead back to the active set clear it, as after a rejection.
                    lastRejected.withLock { $0 = ruleSet.digest }
                    return false
                }
            }
            let wasActive = holder.current?.digest == ruleSet.digest
            holder.activate(ruleSet)
            metrics.ruleReload(activated: true, now: Date().timeIntervalSince1970)
            lastRejected.withLock { $0 = nil }
            var metadata: Logger.Metadata = [
                "rules.digest": "\(ruleSet.digest)",
                "rules.methodologies":
                    "\(ruleSet.methodologies.values.map(\.methodology.id).sorted().joined(separator: ","))",
            ]
            if let rejected { metadata["rules.rejected"] = "\(rejected)" }
            if recorded?.digest == ruleSet.digest {
                metadata["ledger.seq"] = "\(recorded?.seq ?? 0)"
                logger.info(
                    wasActive
                        ? "rule set reloaded unchanged"
                        : "rule set activated (unchanged since its ledger entry; not recorded again)",
                    metadata: metadata)
            } else {
                logger.info("rule set activated", metadata: metadata)
            }
            if let rejected {
                if wasActive, recorded?.digest == ruleSet.digest {
                    // A forced reload back to the active set after a rejection: recorded as the poll would have.
                    restored(digest: ruleSet.digest, rejected: rejected)
                } else {
                    logger.notice("rules reload alert cleared: a valid rule set is active")
                }
            }
            return !wasActive
        case .failure(let failure):
            lastRejected.withLock { $0 = failure.digest }
            metrics.ruleReload(activated: false, now: Date().timeIntervalSince1970)
            _ = try? ledger.append([
                RulesetRejectedEntry.draft(
                    digest: failure.digest, problems: failure.problems, stillActive: holder.current?.digest,
                    recordedAt: WallClock.now())
            ])
            logger.error(
                "rule set rejected; the last good rule set stays active",
                metadata: [
                    "rules.digest": "\(failure.digest)", "rules.active": "\(holder.current?.digest ?? "none")",
                    "rules.problems": "\(failure.problems.joined(separator: " | "))",
                ])
            return false
        }
    }

    /// Clears the reload alert: the files are the active set's again. Logged and recorded (`ruleset-restored`),
    /// so the `ruleset-rejected` entry before it is not left as the last word.
    private func restored(digest: String, rejected: String) {
        lastRejected.withLock { $0 = nil }
        metrics.ruleReloadRestored()
        do {
            _ = try ledger.append([
                RulesetRestoredEntry.draft(digest: digest, rejected: rejected, recordedAt: WallClock.now())
            ])
        } catch {
            logger.warning("could not record that the rule files are valid again", metadata: ["error": "\(error)"])
        }
        logger.notice(
            "rules reload alert cleared: the rule files match the active rule set again",
            metadata: ["rules.digest": "\(digest)", "rules.rejected": "\(rejected)"])
    }
}
