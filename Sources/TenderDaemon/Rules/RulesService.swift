import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Watches the rules folder (not the files: editors replace files on save) and reloads on any change, on
/// SIGHUP, and on a polling timer; the reload keeps the last good rule set on any error.
struct RulesService: Service {
    let reloader: RuleReloader
    let folders: [String]
    let pollInterval: Double
    let logger: Logger

    func run() async throws {
        let (triggers, continuation) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in Inotify.events(watching: folders) { continuation.yield(false) }
            }
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup) {
                    logger.info("SIGHUP: reloading rules")
                    continuation.yield(true)
                }
            }
            group.addTask {
                for await _ in Ticks.every(pollInterval) { continuation.yield(false) }
            }
            for await force in triggers.cancelOnGracefulShutdown() {
                // Let an editor finish writing (several events arrive for one save) before reading.
                try? await Task.sleep(for: .milliseconds(100))
                reloader.reload(force: force)
            }
            group.cancelAll()
        }
    }
}
