import Logging
import ServiceLifecycle
import Synchronization
import TenderLedger

/// Holds the daemon's ``LedgerLock`` for as long as the daemon runs: first in the service group, so it is the
/// last to stop, after the final checkpoint. It then logs the shutdown line and lets the lock go, so another
/// daemon (or a restart in the same process) may take the ledger.
final class LedgerLockService: Service, Sendable {
    private let lock: Mutex<LedgerLock?>
    let farewell: @Sendable () -> Void

    init(lock: LedgerLock, farewell: @escaping @Sendable () -> Void) {
        self.lock = Mutex(lock)
        self.farewell = farewell
    }

    func run() async throws {
        try? await gracefulShutdown()
        farewell()
        _ = lock.withLock { $0.take() }
    }
}
