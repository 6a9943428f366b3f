import Foundation
import Logging
import ServiceLifecycle
import TenderLedger

/// Watches the inbox: inotify is a hint, scans are the truth (at startup, after an overflow, and on a
/// timer). Owns the intake loop; on graceful shutdown it finishes the batch in hand and returns.
struct InboxService: Service {
    let settings: DaemonSettings
    let processor: IntakeRunner
    /// inotify's events for the inbox, watched since the service was built.
    let events: AsyncStream<[InotifyEvent]>
    let metrics: DaemonMetrics
    let logger: Logger

    enum Trigger: Sendable {
        case events([InotifyEvent])
        case tick
    }

    func run() async throws {
        let processor = self.processor
        var scanner = InboxScanner(inbox: settings.inbox, stableFor: settings.stableFor)
        let pending = try await processor.run { try $0.reconcile() }
        if !pending.isEmpty {
            logger.info(
                "reprocessing documents left in processing/ by a crash", metadata: ["count": "\(pending.count)"])
            await processor.run { $0.process(pending) }
        }
        let ready = await processor.run { processor -> Logger.Metadata in
            [
                "inbox": "\(settings.inbox)", "inbox.waiting": "\(FileSystem.names(in: settings.inbox).count)",
                "processing.waiting": "\(processor.waiting.count)",
                "rules.digest": "\(processor.holder.current?.digest ?? "none")",
                "rules.methodologies": "\(processor.holder.current?.methodologies.count ?? 0)",
            ]
        }
        if processor.holder.current == nil {
            logger.warning(
                """
                tender daemon ready, but no rule set is active: documents wait in the inbox until the rules folder \
                holds a valid rule set (see the rule set rejected line above, or run 'tender rules check')
                """,
                metadata: ready)
        } else {
            logger.info("tender daemon ready", metadata: ready)
        }
        let (triggers, continuation) = AsyncStream.makeStream(of: Trigger.self, bufferingPolicy: .bufferingNewest(256))
        continuation.yield(.tick)  // startup scan
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await batch in events { continuation.yield(.events(batch)) }
            }
            group.addTask {
                let interval = min(settings.scanInterval, max(settings.stableFor / 2, 0.05))
                for await _ in Ticks.every(interval) { continuation.yield(.tick) }
            }
            var lastFullScan = -Double.infinity
            for await trigger in triggers.cancelOnGracefulShutdown() {
                let now = Uptime.seconds()
                var renamedIn: Set<String> = []
                var scan = now - lastFullScan >= settings.scanInterval || scanner.isWaiting
                switch trigger {
                case .events(let events):
                    renamedIn = Set(events.filter(\.movedIn).map(\.name))
                    if events.contains(where: \.overflow) {
                        logger.warning("inotify queue overflowed; rescanning the inbox")
                        metrics.inboxOverflowed()
                    }
                    scan = true
                case .tick:
                    break
                }
                // Files a failed round left in processing/ go first, oldest first; new files wait in the inbox
                // until they are through, so documents are recorded in the order they arrived.
                let stillWaiting = await processor.run { processor -> Bool in
                    processor.retryWaiting(now: now)
                    return processor.waiting.count > 0
                }
                if stillWaiting { continue }
                guard scan else { continue }
                lastFullScan = now
                guard processor.holder.current != nil else {
                    logger.debug("no active rule set yet; documents wait in the inbox")
                    continue
                }
                let ready = scanner.ready(wall: processor.clock.wallSeconds, now: now, renamedIn: renamedIn)
                if ready.isEmpty {
                    // Provisional reports re-evaluate whole procurements: only when the inbox is idle, so they
                    // never hold up intake.
                    await processor.run { $0.refreshProvisionalReports(now: now) }
                } else {
                    await processor.run { $0.intake(ready) }
                }
            }
            group.cancelAll()
        }
        await processor.run { $0.finishReports() }
    }
}

/// Owns the intake processor and runs its work on a serial queue of its own: a round blocks on reads, fsyncs
/// and commits, and must never hold a thread of Swift's small cooperative pool (which the other services, and
/// other daemons in the same process, need meanwhile).
final class IntakeRunner: @unchecked Sendable {
    // Safe: `processor` is touched only by blocks on `queue`, which runs one at a time.
    private var processor: IntakeProcessor
    private let queue = DispatchQueue(label: "tender.intake")
    /// The active rule set (its holder is thread-safe).
    let holder: RuleSetHolder
    /// When files arrive (thread-safe).
    let clock: ArrivalClock

    init(_ processor: IntakeProcessor) {
        self.processor = processor
        holder = processor.holder
        clock = processor.clock
    }

    /// Runs `body` on the intake queue and returns what it returns.
    func run<T: Sendable>(_ body: @escaping @Sendable (inout IntakeProcessor) -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body(&self.processor)) }
        }
    }

    /// Runs `body` on the intake queue and returns what it returns or throws.
    func run<T: Sendable>(_ body: @escaping @Sendable (inout IntakeProcessor) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(&self.processor) }) }
        }
    }
}
