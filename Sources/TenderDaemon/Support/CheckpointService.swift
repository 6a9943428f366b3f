import Logging
import ServiceLifecycle
import TenderLedger

/// Signs a checkpoint every `interval` seconds and once more at shutdown, so the checkpoints log that
/// auditors copy off the machine is never far behind.
struct CheckpointService: Service {
    let ledger: LedgerStore
    let interval: Double
    let logger: Logger

    func run() async throws {
        let ticks = AsyncStream<Void> { continuation in
            let task = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(interval))
                    continuation.yield()
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        for await _ in ticks.cancelOnGracefulShutdown() { checkpoint() }
        checkpoint()
    }

    func checkpoint() {
        do {
            if let signed = try ledger.writeCheckpoint() {
                logger.debug("checkpoint signed", metadata: ["ledger.size": "\(signed.checkpoint.size)"])
            }
        } catch {
            logger.error("could not write a checkpoint", metadata: ["error": "\(error)"])
        }
    }
}
