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

    /// Runs a command to completion and measures it: exit status, wall seconds, and its peak resident memory
    /// (wait4's `ru_maxrss`, in MiB).
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
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = Timing.now() - started
        return ((status >> 8) & 0xff, seconds, Double(usage.ru_maxrss) / 1_024)
    }
}
