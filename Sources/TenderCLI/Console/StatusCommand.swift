import ArgumentParser
import Foundation
import TenderDaemon

/// `tender status`: what the daemon is doing, from the `status.json` it writes with its metrics.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's status: uptime, version, rule set, documents today, inbox, last error.",
        discussion: """
            Reads status.json, which the daemon rewrites every metrics_interval seconds and at shutdown. Exit \
            status: 0 running, 3 not running (the last status it wrote is shown), 1 no status to show.
            """)

    @Option(name: .long, help: ArgumentHelp("The daemon's settings file.", valueName: "file"))
    var config: String?

    @Option(
        name: .long, help: ArgumentHelp("The daemon's state folder (default: from the settings).", valueName: "folder"))
    var state: String?

    @Flag(name: .long, help: "Print the status as JSON.")
    var json = false

    static let notRunning = ExitCode(3)

    func run() throws {
        var settings = try CommandSettings.load(config: config, prefix: "tender status: error: ")
        if let state { settings.state = state }
        guard let data = FileManager.default.contents(atPath: settings.statusFile),
            let status = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            Console.error(
                "tender status: no status in \(settings.statusFile); is the daemon running with this state folder?")
            throw ExitCodes.failure
        }
        let pid = (status["pid"] as? NSNumber)?.int32Value ?? 0
        // A pid that is alive and still ours: the status file was written by the running daemon.
        let running = pid > 0 && kill(pid, 0) == 0
        if json {
            Console.out(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            func text(_ key: String) -> String { status[key].map { "\($0)" } ?? "-" }
            let today = status["documents_today"] as? [String: Any] ?? [:]
            let lastError = status["last_error"] as? [String: Any]
            Console.out(running ? "tender \(text("version")) running (pid \(pid))" : "tender is not running")
            Console.out("  started        \(text("started_at")) (up \(text("uptime_seconds")) s)")
            Console.out("  rule set       \(status["ruleset_digest"] as? String ?? "none active")")
            Console.out(
                "  documents      \(today["date"] ?? "-"): \(today["accepted"] ?? 0) accepted, "
                    + "\(today["rejected"] ?? 0) rejected, \(today["duplicate"] ?? 0) duplicate")
            Console.out("  inbox          \(text("inbox_waiting")) waiting")
            Console.out("  processing     \(text("processing_waiting")) waiting for a retry")
            Console.out("  ledger         \(text("ledger_entries")) entries, \(text("ledger_signed_entries")) signed")
            Console.out("  console        \(status["console"] as? String ?? "off")")
            Console.out(
                "  last error     "
                    + (lastError.map { "\($0["at"] ?? "") \($0["message"] ?? "")" } ?? "none"))
        }
        if !running { throw Self.notRunning }
    }
}
