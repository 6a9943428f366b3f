import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A commit that fails (here: another process holds the ledger's write lock past the busy timeout) must count
/// nothing and lose nothing, including the batches decided after it while it was being committed.
struct CommitFailureTests {
    /// Holds SQLite's write lock on `ledger` from a separate process (Python's sqlite3): creates `signal` once
    /// it holds it, and lets go once `release` exists (or after a minute).
    static func holdWriteLock(_ ledger: String, signal: String, release: String) throws -> CrashTests.Child {
        let script = """
            import os, sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            c.execute("BEGIN IMMEDIATE")
            open(sys.argv[2], "w").close()
            deadline = time.time() + 60
            while not os.path.exists(sys.argv[3]) and time.time() < deadline:
                time.sleep(0.05)
            """
        let python = ProcessInfo.processInfo.environment["TENDER_PYTHON"] ?? "/usr/bin/python3"
        let arguments = [python, "-c", script, ledger, signal, release]
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let result = posix_spawn(&pid, python, nil, nil, argv, environ)
        guard result == 0 else { throw HarnessError(description: "cannot start \(python): error \(result)") }
        return CrashTests.Child(pid: pid)
    }

    /// `tender_processing_waiting` as `metrics.prom` shows it.
    static func waitingGauge(_ daemon: DaemonHarness) -> Int? {
        ((try? MetricsTests.read(daemon)) ?? [:])["tender_processing_waiting"].map { Int($0) }
    }

    @Test(.enabled(if: PythonTools.sqlite, Comment(rawValue: PythonTools.sqliteReason)))
    func aFailedCommitIsRetriedByTheRunningDaemonInArrivalOrder() async throws {
        // Given a running daemon whose ledger another process has locked for writing
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("the start recorded") { try daemon.ledger().entries().count > 0 }
        let (signal, release) = ("\(daemon.root)/locked", "\(daemon.root)/release")
        let holder = try Self.holdWriteLock(daemon.settings.ledger, signal: signal, release: release)
        try await daemon.waitUntil("the write lock held") { FileManager.default.fileExists(atPath: signal) }
        // When six revisions of one tender arrive at once (written beforehand, renamed in together: one round of
        // two batches, the second decided while the first waits on the lock)
        let original = try DaemonHarness.example("T-0001-brightwall.yaml")
        let staging = "\(daemon.root)/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        func revision(_ index: Int) -> [UInt8] { original + Array("# revision \(index)\n".utf8) }
        for index in 1...6 {
            let path = "\(staging)/r-\(index).yaml"
            try Data(revision(index)).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date() - 60], ofItemAtPath: path)
        }
        for index in 1...6 { rename("\(staging)/r-\(index).yaml", "\(daemon.inbox)/r-\(index).yaml") }
        try await daemon.waitUntil("the commit given up", timeout: .seconds(40)) {
            daemon.logs.lines.contains { $0.contains("could not commit a batch") }
        }
        // and a seventh revision arrives while they wait
        try daemon.drop("r-7.yaml", revision(7))
        // Then, while the lock is held, nothing is archived or rejected, the log says what waits and why, and the
        // gauge counts what waits in processing/
        #expect(daemon.names(daemon.settings.archive).isEmpty)
        #expect(daemon.names(daemon.settings.rejected).isEmpty)
        try await daemon.waitUntil("the waiting logged") {
            daemon.logs.lines.contains { $0.contains("documents wait in processing/") && $0.contains("database") }
        }
        try await daemon.waitUntil("the gauge") { (Self.waitingGauge(daemon) ?? 0) >= 1 }
        // When the lock goes away, the running daemon (no restart) takes every file exactly once, oldest first
        _ = FileManager.default.createFile(atPath: release, contents: nil)
        #expect(await holder.exited(within: .seconds(30)) != nil)
        try await daemon.waitUntil("all seven archived", timeout: .seconds(60)) {
            daemon.names(daemon.settings.archive).count == 7
        }
        try daemon.drop("close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
        try await daemon.waitUntil("the evaluation") {
            try daemon.ledger().entries().contains { $0.type == "procurement-evaluated" }
        }
        try await daemon.waitUntil("the gauge back to 0") { Self.waitingGauge(daemon) == 0 }
        try await daemon.stop()
        #expect(daemon.logs.lines.contains { $0.contains("the documents that waited in processing/ are recorded") })
        #expect(daemon.names(daemon.settings.processing).isEmpty)
        let ledger = try daemon.ledger()
        let records = try ledger.intakeRecords()
        #expect(records.count == 8 && records.allSatisfy { $0.outcome == "accepted" })
        // recorded in the order they arrived
        let received = try ledger.entries(type: "document-received").map { try $0.json() }
        let names = received.compactMap { $0["name"]?.stringValue }.filter { $0.hasPrefix("r-") }
        #expect(names == (1...7).map { "r-\($0).yaml" })
        // and the ledger's supersessions agree with the evaluation: the last revision stands
        let sha = (1...7).map { Hex.sha256(revision($0)) }
        let superseded = try ledger.entries(type: "submission-superseded").map { try $0.json() }
        #expect(superseded.allSatisfy { $0["by_sha256"]?.stringValue.map(sha.contains) == true })
        #expect(!superseded.contains { $0["superseded_sha256"]?.stringValue == sha[6] })
        let evaluation = try #require(try ledger.entries(type: "procurement-evaluated").last?.json())
        let standing = evaluation["result"]?["tenders"]?.arrayValue?.filter {
            $0["tender"] == "T-0001" && $0["status"] != "superseded"
        }
        #expect(standing?.map { $0["document"] } == [.string(sha[6])])
        let key = try LedgerKey.load(at: daemon.settings.keyFile)
        let verification = try LedgerVerifier(
            path: daemon.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
    }

    @Test(.enabled(if: PythonTools.sqlite, Comment(rawValue: PythonTools.sqliteReason)))
    func aCloseWhoseCommitFailsPutsItsReportsInPlaceOnlyOnceRetriedAndCommitted() async throws {
        // Given the example's tenders recorded, then the ledger locked by another process
        let daemon = try await DaemonHarness()
        let names = try FileManager.default.contentsOfDirectory(
            atPath: "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        ).sorted().filter { $0.hasPrefix("T-") }
        for name in names { try daemon.drop(name, try DaemonHarness.example(name)) }
        try await daemon.waitUntil("the tenders archived") {
            daemon.names(daemon.settings.archive).count == names.count
        }
        let (signal, release) = ("\(daemon.root)/locked", "\(daemon.root)/release")
        let holder = try Self.holdWriteLock(daemon.settings.ledger, signal: signal, release: release)
        try await daemon.waitUntil("the write lock held") { FileManager.default.fileExists(atPath: signal) }
        // When a close arrives and its commit fails
        try daemon.drop("close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
        try await daemon.waitUntil("the commit given up", timeout: .seconds(40)) {
            daemon.logs.lines.contains { $0.contains("could not commit a batch") }
        }
        // Then no summary is in place while nothing is recorded, and the failed batch's temporary files are gone
        let folder = "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1"
        let meanwhile = StagedReportsTests.names(under: folder)
        #expect(!meanwhile.contains { $0.hasPrefix("summaries/") }, "\(meanwhile)")
        #expect(!meanwhile.contains { $0.contains(".final-") }, "\(meanwhile)")
        // And once the lock goes, the retried close is recorded and its reports are exactly the files recorded
        _ = FileManager.default.createFile(atPath: release, contents: nil)
        #expect(await holder.exited(within: .seconds(30)) != nil)
        try await daemon.waitUntil("the reports recorded", timeout: .seconds(60)) {
            try daemon.ledger().entries().contains { $0.type == "report-written" }
        }
        try await daemon.waitUntil("the close archived") {
            daemon.names(daemon.settings.archive).count == names.count + 1
        }
        try await daemon.stop()
        try StagedReportsTests.expectTheRecordedReports(in: folder, ledger: try daemon.ledger())
    }
}
