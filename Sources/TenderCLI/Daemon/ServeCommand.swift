import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TenderDaemon

/// `tender serve`: runs the daemon until SIGTERM or SIGINT (SIGHUP reloads the rules).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon: watch the inbox, score what arrives, keep the ledger and reports.",
        discussion: """
            With no settings it uses ./Rules, ./Plugins, ./var/inbox and ./var (ledger, archive, rejected, \
            reports, keys). A settings file (see deploy/tender.yaml) and TENDER_* environment variables \
            override them. SIGHUP reloads the rules; SIGTERM or SIGINT finishes the document in hand, signs a \
            last checkpoint and exits 0.
            """)

    @Option(name: .long, help: ArgumentHelp("A settings file (YAML).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of: trace, debug, info, notice, warning, error, critical.")
        }
    }

    func run() async throws {
        let settings = try CommandSettings.load(config: config, prefix: "tender serve: ")
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "tender")
        do {
            let group = try Daemon.build(settings: settings, logger: logger)
            try await group.run()
        } catch let error as Daemon.StartupError {
            Console.error("tender serve: \(error.description)")
            throw ExitCodes.failure
        }
    }
}
