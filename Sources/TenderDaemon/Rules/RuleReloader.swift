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

    init(loader: RuleSetLoader, holder: RuleSetHolder, ledger: LedgerStore, metrics: DaemonMetrics, logger: Logger) {
        self.loader = loader
        self.holder = holder
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
    }

    /// Reloads when the files changed since the active (or last rejected) set, or always when `force`.
    /// - Returns: whether a new rule set was activated.
    @discardableResult
    func reload(force: Bool = false) -> Bool {
        let files = loader.files()
        let digest = RuleSetLoader.digest(files)
        if !force, digest == holder.current?.digest || digest == lastRejected.withLock({ $0 }) { return false }
        switch loader.load(files) {
        case .success(let ruleSet):
            do {
                try ledger.append([Self.activated(ruleSet)])
            } catch {
                logger.error("rule set not activated: the ledger could not record it", metadata: ["error": "\(error)"])
                metrics.ruleReload(activated: false, now: Date().timeIntervalSince1970)
                return false
            }
            holder.activate(ruleSet)
            metrics.ruleReload(activated: true, now: Date().timeIntervalSince1970)
            lastRejected.withLock { $0 = nil }
            logger.info(
                "rule set activated",
                metadata: [
                    "rules.digest": "\(ruleSet.digest)",
                    "rules.methodologies":
                        "\(ruleSet.methodologies.values.map(\.methodology.id).sorted().joined(separator: ","))",
                ])
            return true
        case .failure(let failure):
            lastRejected.withLock { $0 = failure.digest }
            metrics.ruleReload(activated: false, now: Date().timeIntervalSince1970)
            let body: [String: JSONValue] = [
                "ruleset_digest": .string(failure.digest), "problems": .array(failure.problems.map { .string($0) }),
                "still_active_digest": .optional(holder.current?.digest), "recorded_at": .string(Clock.now()),
                "source": "tender serve",
            ]
            _ = try? ledger.append([EntryDraft(type: "ruleset-rejected", body: body)])
            logger.error(
                "rule set rejected; the last good rule set stays active",
                metadata: [
                    "rules.digest": "\(failure.digest)", "rules.active": "\(holder.current?.digest ?? "none")",
                    "rules.problems": "\(failure.problems.joined(separator: " | "))",
                ])
            return false
        }
    }

    static func activated(_ ruleSet: RuleSet) -> EntryDraft {
        let files: [JSONValue] = ruleSet.files.map {
            .object(["name": .string($0.name), "file_sha256": .string($0.sha256)])
        }
        let methodologies: [JSONValue] = ruleSet.methodologies.keys.sorted().map { key in
            let entry = ruleSet.methodologies[key]!
            return .object([
                "id": .string(entry.methodology.id), "procurement": .string(key.reference), "lot": .optional(key.lot),
                "methodology_sha256": .string(entry.file.sha256),
            ])
        }
        return EntryDraft(
            type: "ruleset-activated",
            body: [
                "ruleset_digest": .string(ruleSet.digest), "files": .array(files),
                "methodologies": .array(methodologies),
                "engine": .string(ScoringEngine.version), "recorded_at": .string(Clock.now()), "source": "tender serve",
                "plugins": .array(ruleSet.plugins.members.map(\.json)),
            ],
            blobs: ruleSet.files.map { LedgerBlob(bytes: $0.bytes, mediaType: "application/yaml") }
                + ruleSet.plugins.members.flatMap {
                    [
                        LedgerBlob(bytes: $0.manifestBytes, mediaType: "application/yaml"),
                        LedgerBlob(bytes: $0.moduleBytes, mediaType: "application/wasm"),
                    ]
                })
    }
}
