import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion without blocking a thread of Swift's cooperative pool while it waits (other
/// tests run in-process daemons that need those threads), and returns its exit status and output.
public enum ChildProcess {
    public struct Outcome: Sendable, CustomStringConvertible {
        /// The exit status, or 128 + the signal that ended it.
        public let status: Int32
        public let out: String
        public let errors: String

        public var description: String { "exit \(status)\nstdout:\n\(out)\nstderr:\n\(errors)" }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `arguments` (the first an absolute path, or a name looked up on the PATH through /usr/bin/env) with the
    /// environment of this process and `environment` over it; kills it after `timeout`.
    public static func run(
        _ arguments: [String], environment extra: [String: String] = [:], timeout: Duration = .seconds(120)
    ) async throws -> Outcome {
        let folder = try TestFolders.make("child")
        let (output, errors) = (folder + "/stdout.txt", folder + "/stderr.txt")
        let pid = try spawn(arguments, environment: extra, stdout: output, stderr: errors)
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) != pid {
            guard ContinuousClock.now < deadline else {
                _ = kill(pid, SIGKILL)
                throw Failure(description: "\(arguments.joined(separator: " ")) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Outcome(status: exitStatus(status), out: text(output), errors: text(errors))
    }

    /// Runs a short command (mount, chattr, `python3 -c 'import …'`) with its output discarded and waits for it
    /// at once, blocking the thread for that moment; whether it exited 0.
    @discardableResult
    public static func succeeds(_ arguments: [String]) -> Bool {
        guard let pid = try? spawn(arguments, environment: [:], stdout: "/dev/null", stderr: "/dev/null") else {
            return false
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return exitStatus(status) == 0
    }

    /// Starts `arguments` (the first an absolute path, or a name looked up on the PATH through /usr/bin/env) with
    /// the environment of this process and `extra` over it, stdin from /dev/null.
    private static func spawn(
        _ arguments: [String], environment extra: [String: String], stdout: String, stderr: String
    )
        throws -> pid_t
    {
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { $1 }
        let argv = arguments[0].hasPrefix("/") ? arguments : ["/usr/bin/env"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        let result = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard result == 0 else { throw Failure(description: "cannot start \(argv[0]): error \(result)") }
        return pid
    }

    /// The exit status `waitpid` reported, or 128 + the signal that ended the process.
    private static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// The Python that runs the repository's checkers: `TENDER_PYTHON`, else `python3`.
    public static var python: String {
        let configured = ProcessInfo.processInfo.environment["TENDER_PYTHON"] ?? ""
        return configured.isEmpty ? "python3" : configured
    }
}
