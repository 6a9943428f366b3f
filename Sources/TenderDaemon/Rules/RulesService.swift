import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Watches the rules folder (not the files: editors replace files on save) and reloads on any change, on
/// SIGHUP, and on a polling timer; the reload keeps the last good rule set on any error.
struct RulesService: Service {
    let reloader: RuleReloader
    let folders: [String]
    let pollInterval: Double
    let logger: Logger
    let worker = SerialWorker(label: "tender.rules")

    func run() async throws {
        // One pending trigger is enough (a reload reads the whole folder), but a SIGHUP must not be replaced by a
        // poll that arrives before the loop takes it: the force is kept aside until a reload takes it.
        let (triggers, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let forced = Forced()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in Inotify.events(watching: folders) { continuation.yield() }
            }
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup) {
                    logger.info("SIGHUP: reloading rules")
                    forced.pending.withLock { $0 = true }
                    continuation.yield()
                }
            }
            group.addTask {
                for await _ in Ticks.every(pollInterval) { continuation.yield() }
            }
            for await _ in triggers.cancelOnGracefulShutdown() {
                // Let an editor finish writing (several events arrive for one save) before reading.
                try? await Task.sleep(for: .milliseconds(100))
                let force = forced.pending.withLock { pending in
                    defer { pending = false }
                    return pending
                }
                // Loading runs the rule tests and recording waits on the ledger's write lock: off the pool.
                _ = await worker.run { reloader.reload(force: force) }
            }
            group.cancelAll()
        }
    }

    /// A SIGHUP not yet taken by a reload.
    private final class Forced: Sendable {
        let pending = Mutex(false)
    }
}
