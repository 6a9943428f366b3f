import Foundation
import Synchronization
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Faults of the machine under a running daemon: a full disk, a ledger made read-only, the archive folder
/// removed, the clock stepped back. Each time the daemon stays up, says what is wrong and what to do, loses
/// nothing, and carries on by itself once the fault is gone.
@Suite(.serialized)
struct FaultTests {
    @discardableResult
    static func system(_ arguments: [String]) -> Bool { ChildProcess.succeeds(arguments) }

    /// Whether this process may mount a tmpfs (root, in a sandbox that allows it).
    static let canMount: Bool = {
        guard getuid() == 0, let folder = try? TestFolders.make("mount-probe") else { return false }
        guard system(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder]) else { return false }
        system(["umount", folder])
        return true
    }()

    /// Whether files here can be made immutable (root, chattr, a filesystem with the flag).
    static let canMakeImmutable: Bool = {
        guard getuid() == 0, let folder = try? TestFolders.make("chattr-probe") else { return false }
        let file = "\(folder)/probe"
        guard FileManager.default.createFile(atPath: file, contents: Data([1])) else { return false }
        guard system(["chattr", "+i", file]) else { return false }
        system(["chattr", "-i", file])
        return true
    }()

    static func submission(_ index: Int) -> [UInt8] { CrashTests.submission(index) }

    /// Writes `count` submissions to `staging` (on the same filesystem as the inbox) and renames them in together.
    static func dropAll(_ daemon: DaemonHarness, count: Int, from first: Int = 0) throws {
        let staging = "\(daemon.settings.state)/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        for index in first..<first + count {
            try Data(submission(index)).write(to: URL(fileURLWithPath: "\(staging)/f-\(index).yaml"))
        }
        for index in first..<first + count {
            rename("\(staging)/f-\(index).yaml", "\(daemon.inbox)/f-\(index).yaml")
        }
    }

    /// Every dropped file archived once, none left, and the ledger verifies.
    static func expectEverythingRecordedOnce(_ daemon: DaemonHarness, count: Int) throws {
        #expect(daemon.names(daemon.settings.archive).count == count)
        #expect(daemon.names(daemon.settings.processing).isEmpty)
        let records = try daemon.ledger().intakeRecords()
        #expect(records.count == count && records.allSatisfy { $0.outcome == "accepted" })
        #expect(Set(records.map(\.sha256)).count == count)
        let key = try LedgerKey.load(at: daemon.settings.keyFile)
        let verification = try LedgerVerifier(
            path: daemon.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
    }

    @Test(.enabled(if: FaultTests.canMount, "needs root and a sandbox that can mount a tmpfs"))
    func aFullDiskHoldsDocumentsUntilSpaceReturnsWithoutARestart() async throws {
        // Given a daemon whose state folder is a small tmpfs
        var mountPoint = ""
        let daemon = try await DaemonHarness { root in
            mountPoint = "\(root)/var"
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            guard Self.system(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint]) else {
                throw HarnessError(description: "cannot mount a tmpfs at \(mountPoint)")
            }
        }
        defer { Self.system(["umount", "-l", mountPoint]) }
        try await daemon.waitUntil("the start recorded") {
            try daemon.ledger().entries().contains { $0.type == "daemon-started" }
        }
        // When the disk fills up and twelve submissions arrive
        let filler = "\(daemon.settings.state)/filler"
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let chunk = [UInt8](repeating: 0, count: 1 << 16)
        try Self.dropAll(daemon, count: 0)  // the staging folder, made before the disk is full
        var staged = 0
        for index in 0..<12 {
            let path = "\(daemon.settings.state)/staging/f-\(index).yaml"
            if FileManager.default.createFile(atPath: path, contents: Data(Self.submission(index))) { staged += 1 }
        }
        try #require(staged == 12)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        close(descriptor)
        for index in 0..<12 {
            rename("\(daemon.settings.state)/staging/f-\(index).yaml", "\(daemon.inbox)/f-\(index).yaml")
        }
        // Then the daemon stays up, says the disk is full and what it does about it (the generous timeout is for a
        // debug build under the whole suite's load, where the shipped methodology's plugin rules run slowly)
        try await daemon.waitUntil("the full disk reported", timeout: .seconds(120)) {
            daemon.logs.lines.contains {
                $0.contains("documents wait in processing/") && $0.lowercased().contains("full")
            }
        }
        // And when space returns, it records every document by itself, once
        try FileManager.default.removeItem(atPath: filler)
        try await daemon.waitUntil("all twelve archived", timeout: .seconds(90)) {
            daemon.names(daemon.settings.archive).count == 12
        }
        try await daemon.stop()
        try Self.expectEverythingRecordedOnce(daemon, count: 12)
        #expect(daemon.logs.lines.contains { $0.contains("the documents that waited in processing/ are recorded") })
    }

    @Test(.enabled(if: FaultTests.canMakeImmutable, "needs root and chattr on a filesystem with the immutable flag"))
    func aReadOnlyLedgerHoldsDocumentsUntilItIsWritableAgain() async throws {
        // Given a running daemon
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("the start recorded") {
            try daemon.ledger().entries().contains { $0.type == "daemon-started" }
        }
        // When its ledger files are made read-only (immutable, so not even root can write them) and documents
        // arrive
        let files = ["", "-wal", "-shm"].map { daemon.settings.ledger + $0 }.filter {
            FileManager.default.fileExists(atPath: $0)
        }
        #expect(Self.system(["chattr", "+i"] + files))
        var restored = false
        defer { if !restored { Self.system(["chattr", "-i"] + files) } }
        try Self.dropAll(daemon, count: 5)
        // Then the daemon stays up and says what waits and why
        try await daemon.waitUntil("the read-only ledger reported", timeout: .seconds(30)) {
            daemon.logs.lines.contains { $0.contains("documents wait in processing/") && $0.contains("reason=") }
        }
        #expect(daemon.names(daemon.settings.archive).isEmpty)
        // And once the ledger is writable again, every document is recorded once, without a restart
        #expect(Self.system(["chattr", "-i"] + files))
        restored = true
        try await daemon.waitUntil("all five archived", timeout: .seconds(90)) {
            daemon.names(daemon.settings.archive).count == 5
        }
        try await daemon.stop()
        try Self.expectEverythingRecordedOnce(daemon, count: 5)
    }

    @Test func theArchiveFolderRemovedWhileRunningIsMadeAgain() async throws {
        // Given a running daemon whose archive folder an operator removed
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("the start recorded") {
            try daemon.ledger().entries().contains { $0.type == "daemon-started" }
        }
        try FileManager.default.removeItem(atPath: daemon.settings.archive)
        // When documents arrive
        try Self.dropAll(daemon, count: 3)
        // Then they are archived in a folder made again, and the log says so
        try await daemon.waitUntil("all three archived") { daemon.names(daemon.settings.archive).count == 3 }
        try await daemon.stop()
        #expect(daemon.logs.lines.contains { $0.contains("a state folder was missing; created it again") })
        try Self.expectEverythingRecordedOnce(daemon, count: 3)
    }

    @Test func theRejectedFolderRemovedWhileRunningKeepsEveryReason() async throws {
        // Given a running daemon whose rejected folder an operator removed
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("the start recorded") {
            try daemon.ledger().entries().contains { $0.type == "daemon-started" }
        }
        try FileManager.default.removeItem(atPath: daemon.settings.rejected)
        // When a broken document arrives
        try daemon.drop("broken.yaml", Array("kind: submission\nprice: [1\n".utf8))
        // Then it is rejected into a folder made again, with its reasons beside it
        try await daemon.waitUntil("the rejection with its reasons") {
            daemon.names(daemon.settings.rejected).contains { $0.hasSuffix("broken.yaml.error.txt") }
        }
        try await daemon.stop()
        #expect(daemon.names(daemon.settings.rejected).filter { !$0.hasSuffix(".error.txt") }.count == 1)
    }

    @Test func strayFilesAndFoldersInProcessingNeitherStallIntakeNorRecurInTheLedger() async throws {
        // Given a processing/ folder holding an editor's swap file, a folder and a file put there by hand (no claim
        // name), as an operator looking into it might leave them
        let daemon = try await DaemonHarness { root in
            let processing = "\(root)/var/processing"
            try FileManager.default.createDirectory(atPath: "\(processing)/tmp", withIntermediateDirectories: true)
            try Data("swap".utf8).write(to: URL(fileURLWithPath: "\(processing)/.x.swp"))
            try Data(Self.submission(1)).write(to: URL(fileURLWithPath: "\(processing)/by-hand.yaml"))
        }
        // When a document arrives
        try daemon.drop("new.yaml", Self.submission(2))
        // Then both documents are recorded once, the swap file and the folder are left alone, and nothing waits
        try await daemon.waitUntil("both archived") { daemon.names(daemon.settings.archive).count == 2 }
        try await Task.sleep(for: .seconds(1))
        try await daemon.stop()
        #expect(daemon.names(daemon.settings.processing) == [".x.swp", "tmp"])
        let received = try daemon.ledger().entries(type: "document-received").compactMap {
            try $0.json()["name"]?.stringValue
        }
        #expect(received.sorted() == ["by-hand.yaml", "new.yaml"])
        #expect(try daemon.ledger().entries(type: "document-rejected").isEmpty)
        #expect(try MetricsTests.read(daemon)["tender_processing_waiting"] == 0)
    }

    @Test func filesACrashLeftAreTakenOnceTheRulesAreValidAgain() async throws {
        // Given a claim a crash left in processing/, and a rules folder broken when the daemon starts
        let methodology = "Rules/wmca-retrofit-2026-lot1.yaml"
        var original = ""
        let daemon = try await DaemonHarness { root in
            try FileManager.default.createDirectory(atPath: "\(root)/var/processing", withIntermediateDirectories: true)
            try Data(Self.submission(3)).write(
                to: URL(fileURLWithPath: "\(root)/var/processing/01795482267-298000000-000001--left.yaml"))
            original = try String(contentsOfFile: "\(root)/\(methodology)", encoding: .utf8)
            try TestFiles.replace("\(root)/\(methodology)", with: "kind: methodology\nid: [broken\n")
        }
        try await daemon.waitUntil("ready without rules") {
            daemon.logs.lines.contains { $0.contains("no rule set is active") }
        }
        // Then it waits, and is counted as waiting
        try await daemon.waitUntil("the gauge") { (try MetricsTests.read(daemon)["tender_processing_waiting"]) == 1 }
        // When the rules are fixed, it is recorded without a restart
        try TestFiles.replace("\(daemon.root)/\(methodology)", with: original)
        try await daemon.waitUntil("the leftover archived") { daemon.names(daemon.settings.archive).count == 1 }
        try await daemon.stop()
        #expect(daemon.names(daemon.settings.processing).isEmpty)
    }

    @Test func aClockSteppedBackNeitherStallsIntakeNorReversesArrivals() async throws {
        // Given a daemon whose wall clock an operator (or a bad NTP server) is about to step back an hour, with the
        // example methodology's deadline moved to 2099 (and its rule tests, which pin the old deadline, left out)
        let offset = Mutex<Int64>(0)
        let daemon = try await DaemonHarness(
            stableFor: 1,
            configure: { root in
                try FileManager.default.removeItem(atPath: "\(root)/Rules/tests")
                let methodology = "\(root)/Rules/wmca-retrofit-2026-lot1.yaml"
                let text = try String(contentsOfFile: methodology, encoding: .utf8)
                try #require(text.contains("2026-12-01T12:00:00Z"))
                try TestFiles.replace(
                    methodology,
                    with: text.replacingOccurrences(of: "2026-12-01T12:00:00Z", with: "2099-12-01T12:00:00Z"))
            },
            wallClock: {
                let now = WallClock.timestamp()
                return Timestamp(seconds: now.seconds - offset.withLock { $0 }, nanoseconds: now.nanoseconds)
            })
        try await daemon.waitUntil("the start recorded") {
            try daemon.ledger().entries().contains { $0.type == "daemon-started" }
        }
        // A tender with no received_at of its own: it is received when first seen
        let first = Array(
            String(decoding: try DaemonHarness.example("T-0001-brightwall.yaml"), as: UTF8.self)
                .replacingOccurrences(of: "received_at: 2026-11-28T09:14:00Z\n", with: "").utf8)
        try daemon.drop("v1.yaml", first)
        try await daemon.waitUntil("v1 archived") { daemon.names(daemon.settings.archive).count == 1 }
        // When the clock steps back an hour and a revision arrives, written in place (its stability is judged
        // against a clock that now reads earlier than the file's modification time)
        offset.withLock { $0 = 3600 }
        try await daemon.dropSlowly("v2.yaml", first + Array("# revision 2\n".utf8))
        // Then it is still taken, the log says what happened, and the revision replaces the first version
        try await daemon.waitUntil("v2 archived", timeout: .seconds(20)) {
            daemon.names(daemon.settings.archive).count == 2
        }
        try await daemon.stop()
        #expect(daemon.logs.lines.contains { $0.contains("the system clock went back") })
        let received = try daemon.ledger().entries(type: "document-received").map { try $0.json() }
        let seen = received.compactMap { $0["seen_at"]?.stringValue }
        #expect(seen.count == 2 && seen[1] >= seen[0])
        let superseded = try daemon.ledger().entries(type: "submission-superseded").map { try $0.json() }
        #expect(
            superseded.map { [$0["superseded_sha256"], $0["by_sha256"]] } == [
                [received[0]["document_sha256"], received[1]["document_sha256"]]
            ])
    }
}
