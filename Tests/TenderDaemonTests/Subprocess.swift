import Foundation
import TenderTestSupport

/// Runs the real `tender` binary to completion. Waiting for `tender` never blocks a
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
}
