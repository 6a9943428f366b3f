import Foundation
import TenderTestSupport
import Testing

@testable import TenderLedger

/// Runs the auditor's Python verifier (written only from LedgerFormat.md) and checks it agrees with
/// ``LedgerVerifier``. Python 3 with `cryptography` is required: if it cannot run, these tests fail.
@Suite(.enabled(if: PythonTools.ledgerVerifier, Comment(rawValue: PythonTools.ledgerVerifierReason)))
struct PythonVerifierTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("verifier/verify_ledger.py").path

    /// Runs the script; returns its exit status and output (stdout, then stderr). Waits without blocking a thread
    /// of the cooperative pool, which in-process daemons of other tests need meanwhile.
    static func runPython(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let run = try await ChildProcess.run([ChildProcess.python, script] + arguments)
        return (run.status, run.out + run.errors)
    }

    @Test func pythonAndCryptographyAreAvailable() async throws {
        // Given the configured Python
        // When it imports the verifier's dependencies
        let run = try await ChildProcess.run([ChildProcess.python, "-c", "import cryptography, sqlite3"])
        // Then it succeeds (otherwise install python3 and the `cryptography` package, or set TENDER_PYTHON)
        #expect(run.status == 0, "\(run)")
    }

    @Test(arguments: TamperScenario.allCases)
    func pythonAgreesWithSwift(scenario: TamperScenario) async throws {
        // Given a ledger (honest or tampered), its verifier key and the auditor's kept checkpoint, as files
        let folder = try TemporaryFolder()
        let (fixture, trusted) = try scenario.build(in: folder)
        let keyFile = folder.file("verifier.key")
        try fixture.verifier.verifierKey.write(toFile: keyFile, atomically: false, encoding: .utf8)
        var arguments = [fixture.ledgerPath, keyFile]
        if let trusted {
            let trustedFile = folder.file("trusted.note")
            try trusted.write(toFile: trustedFile, atomically: false, encoding: .utf8)
            arguments += ["--trusted", trustedFile]
        }
        // When both verifiers check it
        let swift = try fixture.verify(trusted: trusted)
        let python = try await Self.runPython(arguments)
        // Then they agree: both accept the honest ledgers and both reject each tampered one
        #expect(python.status == (scenario.expectedKinds.isEmpty ? 0 : 1), "\(python.output)")
        #expect(swift.isValid == (python.status == 0), "\(python.output)")
        #expect(python.output.hasPrefix(swift.isValid ? "OK" : "FAIL"), "\(python.output)")
    }
}
