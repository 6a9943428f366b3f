import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport

/// A real daemon on temporary folders, run in-process with its real services, for end-to-end tests.
final class DaemonHarness: Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized.path

    let root: String
    let settings: DaemonSettings
    let logs = LogCollector()
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Copies the shipped rules into a fresh folder and starts the daemon there; with `restartIn`, starts it
    /// again in a folder an earlier harness ran in (its ledger, rules and folders as they were left).
    init(
        restartIn existing: String? = nil, maxDocumentBytes: Int = 4 << 20, stableFor: Double = 1,
        console: Bool = false, configure: (String) throws -> Void = { _ in },
        adjust: (inout DaemonSettings) -> Void = { _ in },
        wallClock: @escaping @Sendable () -> Timestamp = WallClock.timestamp
    ) async throws {
        if let existing {
            root = existing
        } else {
            root = try TestFolders.make("daemon")
            try FileManager.default.copyItem(atPath: "\(Self.repository)/Rules", toPath: "\(root)/Rules")
            // The shipped retrofit methodology runs two plugin rules, found in the default ./Plugins.
            try FileManager.default.copyItem(atPath: "\(Self.repository)/Plugins", toPath: "\(root)/Plugins")
        }
        try configure(root)
        var settings = DaemonSettings(base: root)
        settings.scanInterval = 0.1
        settings.stableFor = stableFor
        settings.rulesPollInterval = 0.2
        settings.checkpointInterval = 0.5
        settings.metricsInterval = 0.2
        settings.batchSize = 4
        settings.maxDocumentBytes = maxDocumentBytes
        // The console, when a test wants it, on any free port (its URL is written to console.url).
        settings.console = console ? ConsoleAddress(host: "127.0.0.1", port: 0) : nil
        adjust(&settings)
        self.settings = settings
        let collector = logs
        var logger = Logger(label: "test") { _ in CollectingLogHandler(collector: collector) }
        logger.logLevel = .debug
        let group = try Daemon.build(settings: settings, logger: logger, handleSignals: false, wallClock: wallClock)
        self.group = group
        task = Task { try await group.run() }
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    var inbox: String { settings.inbox }

    /// Drops a document the polite way: written as `NAME.part`, then renamed in.
    func drop(_ name: String, _ bytes: [UInt8]) throws {
        let temporary = "\(inbox)/\(name).part"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: "\(inbox)/\(name)")
    }

    /// Drops every shipped example document of `procurements` (`Rules/examples/NAME/`), in name order, but those named in
    /// `except`; returns how many.
    func dropExamples(of procurements: [String], except: Set<String> = []) throws -> Int {
        var count = 0
        for procurement in procurements {
            let folder = "\(Self.repository)/Rules/examples/\(procurement)"
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            where !except.contains(name) {
                try drop(name, Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))))
                count += 1
            }
        }
        return count
    }

    /// Drops a document the naive way: written in place in chunks, from a thread of its own (so the pauses
    /// are real even when the cooperative pool is busy), pausing well inside the stability window.
    func dropSlowly(_ name: String, _ bytes: [UInt8], chunks: Int = 4, pauseMilliseconds: UInt32 = 100) async throws {
        let path = "\(inbox)/\(name)"
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                guard let file = fopen(path, "wb") else { return done.resume() }
                let size = max(1, (bytes.count + chunks - 1) / chunks)
                for start in stride(from: 0, to: bytes.count, by: size) {
                    let chunk = Array(bytes[start..<min(bytes.count, start + size)])
                    _ = chunk.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
                    fflush(file)
                    usleep(pauseMilliseconds * 1000)
                }
                fclose(file)
                done.resume()
            }
            thread.start()
        }
    }

    func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Waits until `condition` holds, or fails after `timeout`.
    /// Polls `condition` until it holds. The condition is checked once more after the deadline: a test task that
    /// could not run for a while (both cooperative threads busy, or a slow fsync on a loaded machine) fails only if
    /// the daemon really did not get there.
    func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if (try? condition()) == true { return }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError(
            description: "timed out waiting for \(what); logs:\n\(logs.lines.suffix(20).joined(separator: "\n"))")
    }

    func ledger() throws -> LedgerStore { try LedgerStore(readOnlyAt: settings.ledger) }

    static func example(_ name: String) throws -> [UInt8] {
        Array(
            try Data(contentsOf: URL(fileURLWithPath: "\(repository)/Rules/examples/wmca-retrofit-2026-lot1/\(name)")))
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// Log lines captured from the daemon.
final class LogCollector: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

struct CollectingLogHandler: LogHandler {
    let collector: LogCollector
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        collector.append("\(event.level) \(event.message) \(fields.joined(separator: " "))")
    }
}
