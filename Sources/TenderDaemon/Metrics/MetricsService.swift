import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import TenderLedger

/// Writes the daemon's metrics in Prometheus' text format to `metrics.prom` (and its status to `status.json`) in the state folder every
/// `interval` seconds, once at start and once more at shutdown (for node_exporter's textfile collector, or any
/// scraper that reads a file). The file is replaced atomically, so a reader never sees half of it. The daemon
/// opens no port for it.
struct MetricsService: Service {
    let registry: PrometheusCollectorRegistry
    let metrics: DaemonMetrics
    let ledger: LedgerStore
    let path: String
    let interval: Double
    /// Written beside the metrics: what `tender status` reads.
    let status: StatusBoard
    let logger: Logger

    func run() async throws {
        write()
        for await _ in Ticks.every(interval).cancelOnGracefulShutdown() { write() }
        write()
    }

    /// Reads the ledger's gauges and replaces the file.
    func write() {
        do {
            let entries = try ledger.size()
            metrics.ledger(entries: entries, signed: try ledger.latestCheckpoint()?.checkpoint.size ?? 0)
        } catch {
            logger.warning("metrics: cannot read the ledger's size", metadata: ["error": "\(error)"])
        }
        metrics.written(at: Date().timeIntervalSince1970)
        let temporary = path + ".tmp"
        do {
            try FileSystem.write(temporary, registry.emitToBuffer(), sync: false)
            try FileSystem.moveLater(temporary, to: path)
        } catch {
            logger.warning("metrics: cannot write the metrics file", metadata: ["error": "\(error)"])
        }
        status.write()
    }
}
