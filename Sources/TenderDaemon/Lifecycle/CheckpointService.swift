import Logging
import ServiceLifecycle
import TenderLedger

/// Signs a checkpoint every `interval` seconds and once more at shutdown, so the checkpoints log that
/// auditors copy off the machine is never far behind.
struct CheckpointService: Service {
    let ledger: LedgerStore
    let interval: Double
    let logger: Logger
    /// Signing waits on the ledger's write lock (up to its busy timeout): never on the cooperative pool.
    let worker = SerialWorker(label: "tender.checkpoints")

    func run() async throws {
        for await _ in Ticks.every(interval).cancelOnGracefulShutdown() { await worker.run(checkpoint) }
        await worker.run(checkpoint)
    }

    @Sendable func checkpoint() {
        do {
            if let signed = try ledger.writeCheckpoint() {
                logger.debug("checkpoint signed", metadata: ["ledger.size": "\(signed.checkpoint.size)"])
            }
        } catch {
            logger.error("could not write a checkpoint", metadata: ["error": "\(error)"])
        }
    }
}
