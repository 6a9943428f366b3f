import Foundation
import Yams

/// Everything `tender serve` needs to know, with the embedded defaults of product §4.
///
/// Sources, later ones winning: the defaults below (relative to the working folder), a YAML settings file
/// (`--config`, see `deploy/tender.yaml`), then `TENDER_*` environment variables.
///
/// | key (file) | environment | default | meaning |
/// |---|---|---|---|
/// | `rules` | `TENDER_RULES` | `./Rules` | methodology folder (watched) |
/// | `plugins` | `TENDER_PLUGINS` | `./Plugins` | plugin folder |
/// | `inbox` | `TENDER_INBOX` | `./var/inbox` | the watched drop folder |
/// | `state` | `TENDER_STATE` | `./var` | ledger, archive, rejected, reports, keys |
/// | `scan_interval` | `TENDER_SCAN_INTERVAL` | `5` | seconds between full inbox scans (inotify is only a hint) |
/// | `stable_for` | `TENDER_STABLE_FOR` | `1` | seconds a file found by a scan must keep its size and mtime |
/// | `checkpoint_interval` | `TENDER_CHECKPOINT_INTERVAL` | `60` | seconds between signed checkpoints |
/// | `checkpoint_every` | `TENDER_CHECKPOINT_EVERY` | `1000` | entries between signed checkpoints |
/// | `max_document_bytes` | `TENDER_MAX_DOCUMENT_BYTES` | `4194304` | larger files are rejected |
/// | `batch_size` | `TENDER_BATCH_SIZE` | `16` | documents committed per transaction (group commit) |
/// | `rules_poll_interval` | `TENDER_RULES_POLL_INTERVAL` | `2` | seconds between rule-folder checks besides inotify |
/// | `metrics_interval` | `TENDER_METRICS_INTERVAL` | `10` | seconds between writes of `metrics.prom` (Prometheus text) |
/// | `console` | `TENDER_CONSOLE` | `127.0.0.1:8470` | the web console's `host:port` (port 0: any free port), or `off` |
/// | `min_free_bytes` | `TENDER_MIN_FREE_BYTES` | `104857600` | `/readyz` fails below this much free disk in the state folder |
public struct DaemonSettings: Sendable, Hashable {
    public var rules: String
    public var plugins: String
    public var inbox: String
    public var state: String
    public var scanInterval: Double
    public var stableFor: Double
    public var checkpointInterval: Double
    public var checkpointEvery: Int
    public var maxDocumentBytes: Int
    public var batchSize: Int
    public var rulesPollInterval: Double
    public var metricsInterval: Double
    /// Where the web console listens; nil when it is `off`.
    public var console: ConsoleAddress?
    /// The free disk space (bytes) in the state folder below which the daemon reports itself not ready.
    public var minFreeBytes: Int
    /// Test seam (environment `TENDER_CRASH_AT` only): the daemon sends itself SIGKILL the first time it
    /// reaches this step of the intake state machine: `after-claim`, `after-commit` or `mid-moves`.
    public var crashAt: String?
    /// How many tenders an evaluation has before the bytes of its result are spooled to a file until its ledger entry
    /// is appended (``SpooledResult``), rather than held in memory. Not a setting users change; tests lower it.
    public var spoolResultTenders = 1_000
    /// How much memory (estimated) the procurement book may give to submissions kept ready for evaluation after their
    /// commit (``KeptSubmissions``), so that a close need not read them back and parse them again. Not a setting
    /// users change; tests set 0 to make every evaluation read the ledger. 80 MiB kept every submission of the
    /// benchmark's burst of 10,000 and took its peak over the 150 MB bound in one harness run of five; 72 MiB keeps
    /// about 5 MB less (by hand), and the closes of the last procurements to arrive read theirs back from the ledger.
    public var keepSubmissionBytes = 72 << 20

    /// The embedded defaults, relative to `base` (the working folder).
    public init(base: String = ".") {
        func path(_ relative: String) -> String { (base as NSString).appendingPathComponent(relative) }
        rules = path("Rules")
        plugins = path("Plugins")
        inbox = path("var/inbox")
        state = path("var")
        scanInterval = 5
        stableFor = 1
        checkpointInterval = 60
        checkpointEvery = 1000
        maxDocumentBytes = 4 << 20
        batchSize = 16
        rulesPollInterval = 2
        metricsInterval = 10
        console = ConsoleAddress(host: "127.0.0.1", port: 8470)
        minFreeBytes = 100 << 20
    }

    /// A setting that could not be used, with what would be right.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Defaults, then the settings file (if any), then `TENDER_*` variables.
    public static func load(configFile: String?, environment: [String: String], base: String = ".") throws(Problem)
        -> DaemonSettings
    {
        var settings = DaemonSettings(base: base)
        var values: [String: String] = [:]
        if let configFile {
            guard let text = try? String(contentsOfFile: configFile, encoding: .utf8) else {
                throw Problem(description: "cannot read the settings file \(configFile); check the path")
            }
            do {
                guard let mapping = try Yams.compose(yaml: text)?.mapping else {
                    throw Problem(description: "\(configFile): expected a mapping of settings")
                }
                for (key, value) in mapping {
                    guard let name = key.string, let text = value.string else {
                        throw Problem(
                            description:
                                "\(configFile):\(key.mark?.description ?? "1:1"): settings are plain key: value pairs")
                    }
                    values[name] = text
                }
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem(description: "\(configFile): invalid YAML: \(error)")
            }
        }
        for key in Self.keys {
            if let value = environment["TENDER_" + key.uppercased()] { values[key] = value }
        }
        try settings.apply(values, source: configFile ?? "the environment")
        settings.crashAt = environment["TENDER_CRASH_AT"]
        return settings
    }

    static let keys = [
        "rules", "plugins", "inbox", "state", "scan_interval", "stable_for", "checkpoint_interval", "checkpoint_every",
        "max_document_bytes", "batch_size", "rules_poll_interval", "metrics_interval", "console", "min_free_bytes",
    ]

    mutating func apply(_ values: [String: String], source: String) throws(Problem) {
        for key in values.keys.sorted() where !Self.keys.contains(key) {
            throw Problem(
                description: "\(source): unknown setting '\(key)'; known settings: \(Self.keys.joined(separator: ", "))"
            )
        }
        func number(_ key: String, _ range: ClosedRange<Double>) throws(Problem) -> Double? {
            guard let text = values[key] else { return nil }
            guard let value = Double(text), range.contains(value) else {
                throw Problem(
                    description:
                        "setting \(key) = '\(text)' must be a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        rules = values["rules"] ?? rules
        plugins = values["plugins"] ?? plugins
        inbox = values["inbox"] ?? inbox
        state = values["state"] ?? state
        scanInterval = try number("scan_interval", 0.05...3600) ?? scanInterval
        stableFor = try number("stable_for", 0...3600) ?? stableFor
        checkpointInterval = try number("checkpoint_interval", 0.1...86_400) ?? checkpointInterval
        checkpointEvery = Int(try number("checkpoint_every", 1...1_000_000) ?? Double(checkpointEvery))
        maxDocumentBytes = Int(try number("max_document_bytes", 1024...1_073_741_824) ?? Double(maxDocumentBytes))
        batchSize = Int(try number("batch_size", 1...10_000) ?? Double(batchSize))
        rulesPollInterval = try number("rules_poll_interval", 0.05...3600) ?? rulesPollInterval
        metricsInterval = try number("metrics_interval", 0.05...3600) ?? metricsInterval
        minFreeBytes = Int(try number("min_free_bytes", 0...1e15) ?? Double(minFreeBytes))
        if let text = values["console"] {
            guard text == "off" || ConsoleAddress(text) != nil else {
                throw Problem(
                    description:
                        "setting console = '\(text)' must be host:port (for example 127.0.0.1:8470) or off")
            }
            console = ConsoleAddress(text)
        }
    }

    /// Where the daemon keeps its state, derived from ``state``.
    public var ledger: String { (state as NSString).appendingPathComponent("ledger.sqlite") }
    public var archive: String { (state as NSString).appendingPathComponent("archive") }
    public var rejected: String { (state as NSString).appendingPathComponent("rejected") }
    public var processing: String { (state as NSString).appendingPathComponent("processing") }
    public var reports: String { (state as NSString).appendingPathComponent("reports") }
    public var keyFile: String { (state as NSString).appendingPathComponent("keys/ledger.ed25519") }
    /// The daemon's metrics in Prometheus' text format (the metrics are listed in the README).
    public var metricsFile: String { (state as NSString).appendingPathComponent("metrics.prom") }
    /// The console's users and their hashed tokens (`tender users`).
    public var usersFile: String { (state as NSString).appendingPathComponent("users.json") }
    /// The URL the console listens on, written once it listens (so a port of 0 can be found).
    public var consoleURLFile: String { (state as NSString).appendingPathComponent("console.url") }
    /// What `tender status` reads: the daemon's status, written with the metrics.
    public var statusFile: String { (state as NSString).appendingPathComponent("status.json") }
}
