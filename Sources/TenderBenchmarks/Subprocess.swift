import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a short-lived command to completion with POSIX calls; returns its exit status and standard output.
enum Subprocess {
    static func run(_ arguments: [String], outputFile: String) throws -> (status: Int32, output: String) {
        let (status, _, _) = try measured(arguments, outputFile: outputFile)
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        return (status, output)
    }

    /// Runs a command to completion and measures it: exit status, wall seconds, and its peak resident memory in
    /// MiB (its `VmHWM`, read every 5 ms while it runs: `ru_maxrss` would report this process's peak instead,
    /// because posix_spawn's child shares this process's memory until it execs, and exec keeps that high-water mark).
    static func measured(
        _ arguments: [String], outputFile: String
    ) throws -> (status: Int32, seconds: Double, peakMiB: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let started = Timing.now()
        let result = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard result == 0 else { throw Documents.Unexpected(description: "cannot start \(arguments[0]): \(result)") }
        var status: Int32 = 0
        var peak = 0.0
        while true {
            let sample = DaemonProcess.peakResidentMiB(of: pid)
            if !sample.isNaN { peak = max(peak, sample) }
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid || (done < 0 && errno != EINTR) { break }
            usleep(5_000)
        }
        let seconds = Timing.now() - started
        return ((status >> 8) & 0xff, seconds, peak)
    }
}
