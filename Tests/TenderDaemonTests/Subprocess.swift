import Foundation
import TenderTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real `tender` binary, or a short system command, to completion. Waiting for `tender` never blocks a
/// thread of Swift's cooperative pool (see ``ChildProcess``): a test that blocked one waiting for
/// `tender close --wait` would starve the very daemon it waits for.
enum Subprocess {
    /// The `tender` binary's exit status and what it wrote to stderr.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> (Int32, String) {
        let (status, _, errors) = try await output(arguments, environment: extra)
        return (status, errors)
    }

    /// The `tender` binary's exit status and what it wrote to stdout and stderr.
    static func output(_ arguments: [String], environment extra: [String: String] = [:]) async throws
        -> (status: Int32, out: String, errors: String)
    {
        let outcome = try await ChildProcess.run([try CrashTests.binary()] + arguments, environment: extra)
        return (outcome.status, outcome.out, outcome.errors)
    }

    /// Runs a short system command (mount, chattr) found on the PATH; whether it exited 0.
    @discardableResult
    static func system(_ arguments: [String]) -> Bool {
        guard let pid = try? spawn(["/usr/bin/env"] + arguments, environment: ProcessInfo.processInfo.environment)
        else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status == 0
    }

    private static func spawn(_ arguments: [String], environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard result == 0 else { throw HarnessError(description: "cannot start \(arguments[0]): error \(result)") }
        return pid
    }
}
