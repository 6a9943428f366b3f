import Foundation
import Logging
import ServiceLifecycle

/// Watches the inbox: inotify is a hint, scans are the truth (at startup, after an overflow, and on a
/// timer). Owns the intake loop; on graceful shutdown it finishes the batch in hand and returns.
struct InboxService: Service {
    let settings: DaemonSettings
    let processor: IntakeProcessorBox
    let logger: Logger

    enum Trigger: Sendable {
        case events([InotifyEvent])
        case tick
    }

    func run() async throws {
        var processor = processor.take()
        var scanner = InboxScanner(inbox: settings.inbox, stableFor: settings.stableFor)
        let pending = try processor.reconcile()
        if !pending.isEmpty {
            logger.info(
                "reprocessing documents left in processing/ by a crash", metadata: ["count": "\(pending.count)"])
            processor.process(pending)
        }
        let (triggers, continuation) = AsyncStream.makeStream(of: Trigger.self, bufferingPolicy: .bufferingNewest(256))
        continuation.yield(.tick)  // startup scan
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await batch in Inotify.events(watching: [settings.inbox]) { continuation.yield(.events(batch)) }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(min(settings.scanInterval, max(settings.stableFor / 2, 0.05))))
                    continuation.yield(.tick)
                }
            }
            var lastFullScan = 0.0
            for await trigger in triggers.cancelOnGracefulShutdown() {
                let now = Date().timeIntervalSince1970
                var renamedIn: Set<String> = []
                var scan = now - lastFullScan >= settings.scanInterval || scanner.isWaiting
                switch trigger {
                case .events(let events):
                    renamedIn = Set(events.filter(\.movedIn).map(\.name))
                    if events.contains(where: \.overflow) {
                        logger.warning("inotify queue overflowed; rescanning the inbox")
                    }
                    scan = true
                case .tick:
                    break
                }
                guard scan else { continue }
                lastFullScan = now
                guard processor.holder.current != nil else {
                    logger.debug("no active rule set yet; documents wait in the inbox")
                    continue
                }
                let ready = scanner.ready(now: now, renamedIn: renamedIn)
                if ready.isEmpty {
                    // Provisional reports re-evaluate whole procurements: only when the inbox is idle, so they
                    // never hold up intake.
                    processor.refreshProvisionalReports(now: now)
                } else {
                    processor.process(processor.claim(ready))
                }
            }
            group.cancelAll()
        }
        processor.finishReports()
    }
}

/// Hands the intake processor (a mutable value owned by one loop) to the service that runs it.
final class IntakeProcessorBox: @unchecked Sendable {
    // Safe: written once at construction and taken once by the single InboxService.run() that owns it.
    private var value: IntakeProcessor?

    init(_ value: IntakeProcessor) {
        self.value = value
    }

    func take() -> IntakeProcessor {
        defer { value = nil }
        return value!
    }
}
