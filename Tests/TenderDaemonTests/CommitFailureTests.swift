import Foundation
import TenderDaemon
import TenderLedger
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

    @Test func aFailedCommitLeavesItsFilesAndTheLaterBatchesForTheRestart() async throws {
        // Given a running daemon whose ledger another process has locked for writing
        let first = try await DaemonHarness()
        try await first.waitUntil("the rule set recorded") { try first.ledger().entries().count > 0 }
        let (signal, release) = ("\(first.root)/locked", "\(first.root)/release")
        let holder = try Self.holdWriteLock(first.settings.ledger, signal: signal, release: release)
        try await first.waitUntil("the write lock held") { FileManager.default.fileExists(atPath: signal) }
        // When six submissions arrive at once (written beforehand, renamed in together: usually one round of two
        // batches, the second decided while the first waits on the lock)
        let original = try DaemonHarness.example("T-0001-brightwall.yaml")
        let staging = "\(first.root)/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        for index in 1...6 {
            let path = "\(staging)/r-\(index).yaml"
            try Data(original + Array("# revision \(index)\n".utf8)).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date() - 60], ofItemAtPath: path)
        }
        for index in 1...6 { rename("\(staging)/r-\(index).yaml", "\(first.inbox)/r-\(index).yaml") }
        try await first.waitUntil("the commit given up", timeout: .seconds(40)) {
            first.logs.lines.contains { $0.contains("could not commit a batch") }
        }
        // Then, while the lock is held, nothing is archived or rejected
        #expect(first.names(first.settings.archive).isEmpty)
        #expect(first.names(first.settings.rejected).isEmpty)
        _ = FileManager.default.createFile(atPath: release, contents: nil)
        #expect(await holder.exited(within: .seconds(30)) != nil)
        try await first.stop()
        // and afterwards the files of the failed round wait in processing/, uncounted (files of later rounds,
        // committed once the lock was gone, are archived with their records)
        let waiting = first.names(first.settings.processing).count
        let archived = first.names(first.settings.archive).count
        #expect(waiting >= 1 && waiting + archived == 6)
        #expect(try first.ledger().intakeRecords().count == archived)
        // And a restart takes each of them exactly once
        let second = try await DaemonHarness(restartIn: first.root)
        try await second.waitUntil("all six archived") { second.names(second.settings.archive).count == 6 }
        try await second.stop()
        let records = try second.ledger().intakeRecords()
        #expect(records.count == 6 && records.allSatisfy { $0.outcome == "accepted" })
        #expect(Set(records.map(\.sha256)).count == 6)
        #expect(second.names(second.settings.processing).isEmpty)
        let key = try LedgerKey.load(at: second.settings.keyFile)
        let verification = try LedgerVerifier(
            path: second.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
    }
}
