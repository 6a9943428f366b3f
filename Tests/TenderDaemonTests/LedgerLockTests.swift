import Foundation
import Logging
import TenderDaemon
import TenderLedger
import TenderTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One writer per ledger: a second daemon on the same state folder, or `tender score --ledger` on a running
/// daemon's ledger, stops with the first's PID instead of appending beside it.
struct LedgerLockTests {
    @Test func aSecondDaemonOnTheSameLedgerIsRefusedAndNamesTheFirst() async throws {
        // Given a running daemon
        let first = try await DaemonHarness()
        try await first.waitUntil("the start recorded") {
            try first.ledger().entries().contains { $0.type == "daemon-started" }
        }
        // When a second daemon is built on the same state folder (in this process)
        var logger = Logger(label: "second")
        logger.logLevel = .critical
        #expect {
            _ = try Daemon.build(settings: first.settings, logger: logger, handleSignals: false)
        } throws: { error in
            "\(error)".contains("pid \(getpid()) tender serve") && "\(error)".contains("only one writer")
        }
        // and as a real process
        let (status, errors) = try await Subprocess.run(
            ["serve"],
            environment: [
                "TENDER_RULES": first.settings.rules, "TENDER_PLUGINS": first.settings.plugins,
                "TENDER_INBOX": first.settings.inbox, "TENDER_STATE": first.settings.state,
            ])
        // Then both are refused, name the daemon that holds the ledger, and nothing was appended
        #expect(status == 1)
        #expect(errors.contains("pid \(getpid()) tender serve"), "\(errors)")
        let size = try first.ledger().size()
        // And `tender score --ledger` on its ledger is refused the same way
        let (scored, scoreErrors) = try await Subprocess.run([
            "score", "--ledger", first.settings.ledger, "--rules",
            "\(DaemonHarness.repository)/Rules/wmca-retrofit-2026-lot1.yaml",
            "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1/T-0001-brightwall.yaml",
        ])
        #expect(scored == 1)
        #expect(scoreErrors.contains("is writing to the ledger"), "\(scoreErrors)")
        #expect(try first.ledger().size() == size)
        // And once the first has stopped, the ledger is free again
        try await first.stop()
        let second = try await DaemonHarness(restartIn: first.root)
        try await second.waitUntil("the second start recorded") {
            try second.ledger().entries().filter { $0.type == "daemon-started" }.count == 2
        }
        try await second.stop()
    }
}
