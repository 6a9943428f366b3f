import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A close is decided while the batches before it are still being committed: its entries are numbered from the
/// ledger's size plus what the commit queue holds, and its reports cite those numbers.
struct PipelinedCloseTests {
    @Test(.enabled(if: PythonTools.sqlite, Comment(rawValue: PythonTools.sqliteReason)))
    func aCloseDecidedBehindQueuedCommitsCitesItsOwnEntries() async throws {
        // Given a running daemon taking batches of one document, which has committed one tender already
        let daemon = try await DaemonHarness(adjust: { $0.batchSize = 1 })
        let tenders = [
            "T-0001-brightwall.yaml", "T-0002-cladco.yaml", "T-0003-midlands-thermal.yaml", "T-0003-panel-marks.yaml",
            "T-0004-shellguard.yaml", "T-0005-quickfix.yaml", "T-0006-latecomer.yaml", "T-0007-budgetbuild.yaml",
        ]
        try daemon.drop(tenders[0], try DaemonHarness.example(tenders[0]))
        try await daemon.waitUntil("the first tender") { daemon.names(daemon.settings.archive).count == 1 }
        // When another process holds the ledger's write lock for a second (well inside the daemon's busy timeout)
        // while the other documents and a close are renamed into the inbox together: one round of eight batches, the
        // first commits waiting for the lock and the loop for room in the commit queue, so that the close's batch is
        // decided while the ones before it wait for their commits
        let (signal, release) = ("\(daemon.root)/locked", "\(daemon.root)/release")
        let holder = try CommitFailureTests.holdWriteLock(daemon.settings.ledger, signal: signal, release: release)
        try await daemon.waitUntil("the write lock held") { FileManager.default.fileExists(atPath: signal) }
        let staging = "\(daemon.root)/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let close = "kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nnotice_date: \"2026-12-21\"\n"
        var names: [String] = []
        for name in tenders.dropFirst() {
            try Data(try DaemonHarness.example(name)).write(to: URL(fileURLWithPath: "\(staging)/\(name)"))
            names.append(name)
        }
        try Data(close.utf8).write(to: URL(fileURLWithPath: "\(staging)/zz-close.yaml"))
        names.append("zz-close.yaml")
        for name in names {
            try FileManager.default.setAttributes([.modificationDate: Date() - 60], ofItemAtPath: "\(staging)/\(name)")
        }
        for name in names { rename("\(staging)/\(name)", "\(daemon.inbox)/\(name)") }
        try await Task.sleep(for: .seconds(1))
        _ = FileManager.default.createFile(atPath: release, contents: nil)
        #expect(await holder.exited(within: .seconds(30)) != nil)
        try await daemon.waitUntil("the reports recorded") {
            try daemon.ledger().entries().contains { $0.type == "report-written" }
        }
        try await daemon.stop()
        // Then every batch was committed as numbered: a batch numbered wrongly is refused and logged. (Whether the
        // close was numbered behind queued commits, logged at debug, depends on how fast the commits ran: on a loaded
        // machine they can all be done before the close is decided, and it reads the ledger's size instead.)
        #expect(!daemon.logs.lines.contains { $0.contains("the ledger grew after a batch was numbered") })
        #expect(!daemon.logs.lines.contains { $0.contains("could not commit a batch") })
        #expect(daemon.names(daemon.settings.archive).count == tenders.count + 1)
        // And the report-written entry and the reports name the evaluation's own entry
        let ledger = try daemon.ledger()
        let evaluated = try #require(try ledger.entries(type: "procurement-evaluated").last)
        let written = try #require(try ledger.entries(type: "report-written").last)
        #expect(try written.json()["evaluation_seq"] == .integer(Int64(evaluated.seq)))
        let html = try String(
            contentsOfFile: "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1/evaluation.html", encoding: .utf8)
        #expect(html.contains("sequence \(evaluated.seq)"))
        // And the ledger verifies, and the evaluation replays as recorded
        let key = try LedgerKey.load(at: daemon.settings.keyFile)
        let verification = try LedgerVerifier(
            path: daemon.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
        #expect(EvaluationReplayerProbe.replay(ledger, evaluated).isEmpty)
    }
}
