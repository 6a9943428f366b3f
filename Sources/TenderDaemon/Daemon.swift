import Foundation
public import Logging
import Prometheus
public import ServiceLifecycle
import TenderLedger
public import TenderScoring
import UnixSignals

/// The composition root: builds every part of the daemon from its settings, in dependency order.
///
/// Services shut down in reverse order, so the inbox stops taking files first and the final checkpoint is
/// signed last. Tests call this with temporary folders.
///
/// ```swift
/// let group = try Daemon.build(settings: DaemonSettings(), logger: logger)
/// try await group.run()
/// ```
public enum Daemon {
    /// What could not be set up, with what to do.
    public struct StartupError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// - Parameter wallClock: when files arrive; tests pass a clock they can step.
    public static func build(
        settings: DaemonSettings, logger: Logger, handleSignals: Bool = true,
        wallClock: @escaping @Sendable () -> Timestamp = WallClock.timestamp
    ) throws(StartupError) -> ServiceGroup {
        // Every value the daemon logs is escaped: a file name or reason can never forge or split a log line.
        let lastError = LastError()
        let logger = SafeLogHandler.wrapping(logger, lastError: lastError)
        for folder in [
            settings.inbox, settings.state, settings.archive, settings.rejected, settings.processing, settings.reports,
        ] {
            do {
                try FileSystem.createDirectory(folder)
            } catch {
                throw StartupError(description: error.description)
            }
        }
        // One writer per ledger: a second daemon (or `tender score --ledger`) on the same state folder stops here.
        let lock: LedgerLock
        do {
            lock = try LedgerLock(ledger: settings.ledger, purpose: "tender serve")
        } catch {
            throw StartupError(description: error.description)
        }
        let ledger: LedgerStore
        do {
            let key = try LedgerKey.loadOrCreate(at: settings.keyFile)
            ledger = try LedgerStore(
                path: settings.ledger, signer: key.signer, checkpointEvery: settings.checkpointEvery)
        } catch {
            throw StartupError(description: error.description)
        }
        logger.info(
            "tender daemon starting",
            metadata: [
                "version": "\(TenderVersion.current)", "pid": "\(getpid())", "rules": "\(settings.rules)",
                "plugins": "\(settings.plugins)", "inbox": "\(settings.inbox)", "ledger": "\(settings.ledger)",
                "archive": "\(settings.archive)", "rejected": "\(settings.rejected)", "reports": "\(settings.reports)",
                "checkpoints": "\(ledger.checkpointLogPath)",
            ])
        // Metrics go to a registry of this daemon's own (not the process-wide bootstrap), written to a file.
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        for label in DaemonMetrics.latencyLabels {
            factory.durationHistogramBuckets[label] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000].map {
                .milliseconds($0)
            }
        }
        let metrics = DaemonMetrics(factory: factory)
        let holder = RuleSetHolder()
        let reloader = RuleReloader(
            loader: RuleSetLoader(rules: settings.rules, plugins: settings.plugins), holder: holder, ledger: ledger,
            metrics: metrics, logger: logger)
        reloader.reload(force: true)
        do {
            _ = try ledger.append([
                DaemonStartEntry.draft(
                    settings: settings, rulesetDigest: holder.current?.digest, rulesetSeq: reloader.activeSeq,
                    recordedAt: WallClock.now())
            ])
        } catch {
            // A full or read-only disk must not keep the daemon down: it starts, and heals with the disk.
            logger.error(
                "could not record the start in the ledger; the daemon runs, and this start stays unrecorded",
                metadata: ["error": "\(error.description)"])
        }
        let processor = IntakeProcessor(
            settings: settings, ledger: ledger, holder: holder, metrics: metrics, logger: logger,
            clock: ArrivalClock(read: wallClock))
        let status = StatusBoard(
            settings: settings, holder: holder, metrics: metrics, ledger: ledger, lastError: lastError)
        status.seedToday()
        let farewell: @Sendable () -> Void = {
            var metadata: Logger.Metadata = [:]
            for (outcome, count) in metrics.committedThisRun { metadata["documents.\(outcome.rawValue)"] = "\(count)" }
            metadata["ledger.size"] = "\((try? ledger.size()) ?? -1)"
            metadata["ledger.signed"] = "\(((try? ledger.latestCheckpoint()) ?? nil)?.checkpoint.size ?? 0)"
            metadata["processing.waiting"] = "\(IntakeProcessor.claimable(in: settings.processing).count)"
            logger.info("tender daemon stopped", metadata: metadata)
        }
        var services: [any Service] = [
            // Holds the ledger's lock until everything else has stopped, then logs the shutdown line.
            LedgerLockService(lock: lock, farewell: farewell),
            // First in, last out: its final write, at shutdown, counts everything the others did.
            MetricsService(
                registry: registry, metrics: metrics, ledger: ledger, path: settings.metricsFile,
                interval: settings.metricsInterval, status: status, logger: logger),
            CheckpointService(ledger: ledger, interval: settings.checkpointInterval, logger: logger),
            RulesService(
                reloader: reloader,
                folders: [settings.rules, (settings.rules as NSString).appendingPathComponent("tests")],
                pollInterval: settings.rulesPollInterval, logger: logger),
            // The inbox is watched from here on: a file renamed in once the daemon is built is never missed.
            InboxService(
                settings: settings, processor: IntakeRunner(processor),
                events: Inotify.events(watching: [settings.inbox], mask: Inotify.arrivalMask), metrics: metrics,
                logger: logger),
        ]
        if let address = settings.console {
            // Last in, first out: at shutdown the console stops taking requests and drains before the rest stops.
            let data = ConsoleData(
                settings: settings, ledger: ledger, holder: holder, status: status,
                metricsText: { registry.emitToBuffer() })
            services.append(
                ConsoleService(address: address, retry: 10, logger: logger) {
                    ConsoleServer.application(data: data, address: address, logger: logger)
                })
        }
        return ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: logger))
    }
}
