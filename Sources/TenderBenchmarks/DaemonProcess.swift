import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `tender serve` binary, spawned with POSIX calls (Foundation's `Process.waitUntilExit()` can hang
/// here) on a state folder of its own, configured through `TENDER_*` variables.
struct DaemonProcess {
    let pid: pid_t

    struct Layout {
        var rules: String
        var plugins: String
        var inbox: String
        var state: String
        /// The console's `host:port`, or `off` (the setting `console`).
        var console = "off"
        var archive: String { (state as NSString).appendingPathComponent("archive") }
        var rejected: String { (state as NSString).appendingPathComponent("rejected") }
        var ledger: String { (state as NSString).appendingPathComponent("ledger.sqlite") }
    }

    static func start(binary: String, layout: Layout, log: String) throws -> DaemonProcess {
        for folder in [layout.inbox, layout.state, layout.archive, layout.rejected, layout.plugins] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["TENDER_RULES"] = layout.rules
        environment["TENDER_PLUGINS"] = layout.plugins
        environment["TENDER_INBOX"] = layout.inbox
        environment["TENDER_STATE"] = layout.state
        environment["TENDER_CONSOLE"] = layout.console
        let arguments = [binary, "serve"]
        let variables = environment.map { "\($0.key)=\($0.value)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let result = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard result == 0 else { throw Documents.Unexpected(description: "cannot start \(binary): error \(result)") }
        return DaemonProcess(pid: pid)
    }

    /// Peak resident memory so far (VmHWM), in MiB.
    var peakResidentMiB: Double { Self.peakResidentMiB(of: pid) }

    /// Peak resident memory so far (VmHWM) of any running process, in MiB; NaN once it is gone.
    static func peakResidentMiB(of pid: pid_t) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return .nan }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
            return kilobytes / 1_024
        }
        return .nan
    }

    /// SIGTERM, then waits; returns the exit status (128 + signal when killed).
    @discardableResult
    func stop() -> Int32 {
        _ = kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
