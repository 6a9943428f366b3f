import Foundation
import Glibc
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

/// The real `tender serve` process, killed with SIGKILL at many points while documents flow, restarted
/// each time: afterwards every dropped file is accounted for exactly once and the ledger verifies.
@Suite(.serialized)
struct CrashTests {
    static func binary() throws -> String {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            runner.appendingPathComponent("tender").path,
            runner.deletingLastPathComponent().appendingPathComponent("tender").path,
            "\(DaemonHarness.repository)/.build/debug/tender",
        ]
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "tender binary not built")
    }

    static func submission(_ index: Int) -> [UInt8] {
        let marks = ["Q1", "Q2", "SV1", "IN1"].map {
            "  \($0): {mark: \(2 + index % 4), reason: \"Section \(index).2 gives named evidence for this.\"}\n"
        }
        return Array(
            ("kind: submission\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\ntender_id: C-\(index)\n"
                + "received_at: 2026-11-20T10:00:00Z\nsupplier: {name: Crash Test \(index) Ltd, identifier: GB-CRASH-\(index)}\n"
                + "price: {total: \(900_000 + index * 1_000), currency: GBP}\n"
                + "declarations: {mandatory_exclusion_grounds: false, discretionary_exclusion_grounds: false}\nmarks:\n"
                + marks.joined()).utf8)
    }

    /// A decision on submission `index`: its withdrawal, or (`clarification`) a question and its answer.
    static func decision(_ index: Int, clarification: Bool) -> [UInt8] {
        let kind =
            clarification
            ? "decision: clarification\nquestion: Is the pilot in section \(index).2 your own?\nasked_on: 2026-11-25\n"
                + "answer: Yes, delivered by our own crews in 2025.\nanswered_on: 2026-11-26\n"
            : "decision: withdrawal\nwithdrawn_on: 2026-11-26\nevidence: The supplier's letter of 26 November 2026.\n"
        return Array(
            ("kind: decision\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\ntender: C-\(index)\n"
                + "decided_by: {id: j.okafor, role: Head of Commercial}\ndecided_at: 2026-11-26T10:00:00Z\n"
                + "basis: Procurement Act 2023 s.98(3)\n"
                + "reasons: Recorded from the supplier's letter of 26 November about section \(index).2.\n" + kind).utf8
        )
    }

    /// A running daemon process, spawned and reaped with POSIX calls (no run loop needed).
    struct Child {
        let pid: pid_t

        /// Waits up to `timeout` for the process to exit by itself; returns its status, or nil if still running.
        func exited(within timeout: Duration) async -> Int32? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { return status }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }

        /// Sends `signal` and waits for the process to exit; returns its exit status (or 128 + signal).
        func kill(_ signal: Int32) -> Int32 {
            _ = Glibc.kill(pid, signal)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            let terminatedBySignal = status & 0x7f
            return terminatedBySignal == 0 ? (status >> 8) & 0xff : 128 + terminatedBySignal
        }
    }

    func start(_ root: String, crashAt: String? = nil, extra: [String: String] = [:]) throws -> Child {
        let binary = try Self.binary()
        var environment = ProcessInfo.processInfo.environment
        environment["TENDER_RULES"] = "\(root)/Rules"
        environment["TENDER_PLUGINS"] = "\(root)/Plugins"
        environment["TENDER_INBOX"] = "\(root)/var/inbox"
        environment["TENDER_STATE"] = "\(root)/var"
        environment["TENDER_SCAN_INTERVAL"] = "0.1"
        environment["TENDER_STABLE_FOR"] = "0.2"
        environment["TENDER_CHECKPOINT_INTERVAL"] = "0.3"
        environment["TENDER_BATCH_SIZE"] = "3"
        environment["TENDER_CRASH_AT"] = crashAt
        // The console runs through the crashes too, on any free port.
        environment["TENDER_CONSOLE"] = "127.0.0.1:0"
        environment.merge(extra) { $1 }
        let arguments = [binary, "serve", "--log-level", "warning"]
        let variables = environment.map { "\($0.key)=\($0.value)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let result = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard result == 0 else { throw HarnessError(description: "cannot start \(binary): error \(result)") }
        return Child(pid: pid)
    }

    /// Runs `tender ARGUMENTS…` to completion and returns its exit status.
    static func run(_ arguments: [String]) throws -> Int32 {
        let binary = try binary()
        var pid: pid_t = 0
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let result = posix_spawn(&pid, binary, nil, nil, argv, environ)
        guard result == 0 else { throw HarnessError(description: "cannot start \(binary): error \(result)") }
        return Child(pid: pid).kill(0)
    }

    func drop(_ root: String, _ name: String, _ bytes: [UInt8]) throws {
        let inbox = "\(root)/var/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: "\(inbox)/\(name).part"))
        try FileManager.default.moveItem(atPath: "\(inbox)/\(name).part", toPath: "\(inbox)/\(name)")
    }

    @Test func killedAtManyPointsLosesNothingAndCountsNothingTwice() async throws {
        // Given 32 files: 24 distinct submissions, 3 copies of earlier bytes under new names, 3 broken files, and
        // two decisions (a withdrawal and a clarification) on tenders dropped well before them
        let root = try TestFolders.make("crash")
        try FileManager.default.copyItem(atPath: "\(DaemonHarness.repository)/Rules", toPath: "\(root)/Rules")
        try FileManager.default.copyItem(atPath: "\(DaemonHarness.repository)/Plugins", toPath: "\(root)/Plugins")
        var files: [(name: String, bytes: [UInt8])] = (0..<24).map { ("c-\($0).yaml", Self.submission($0)) }
        files += (0..<3).map { ("copy-of-\($0 * 5).yaml", Self.submission($0 * 5)) }
        files += (0..<3).map { ("broken-\($0).yaml", Array("kind: submission\nprice: [\($0)\n".utf8)) }
        files.swapAt(25, 10)
        files.insert(("withdrawal-2.yaml", Self.decision(2, clarification: false)), at: 18)
        files.insert(("clarification-5.yaml", Self.decision(5, clarification: true)), at: 22)
        // When the daemon is killed with SIGKILL while the files arrive, at each step of the intake and at
        // pseudo-random moments
        var seed: UInt64 = 0x5EED
        func next(_ bound: UInt64) -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (seed >> 33) % bound
        }
        var pending = files[...]
        var kills = 0
        var interrupted = 0
        var expectedInterrupted = 0
        let steps = ["after-claim", "after-commit", "mid-moves", nil]
        while !pending.isEmpty || kills < 16 {
            // Every other round the daemon kills itself at a step of the intake state machine; the others
            // are killed from outside at a pseudo-random moment.
            let step = kills % 2 == 0 ? steps[(kills / 2) % steps.count] : nil
            let child = try start(root, crashAt: pending.isEmpty ? nil : step)
            let dropped = min(pending.count, Int(1 + next(3)))
            for _ in 0..<dropped {
                let file = pending.removeFirst()
                try drop(root, file.name, file.bytes)
            }
            if step != nil, dropped > 0 {
                // The daemon kills itself when it reaches the step; wait for that rather than guessing a delay.
                if await child.exited(within: .seconds(30)) == nil { _ = child.kill(SIGKILL) }
                if step == "after-claim" || step == "after-commit" { expectedInterrupted += 1 }
            } else {
                try await Task.sleep(for: .milliseconds(Int(150 + next(500))))
                _ = child.kill(SIGKILL)
            }
            kills += 1
            let left = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/var/processing")) ?? []
            if !left.isEmpty { interrupted += 1 }
        }
        // Then a final run drains everything and stops cleanly on SIGTERM (sent once it has started: its start is
        // recorded, so its signal handlers are in place)
        func starts() -> Int {
            ((try? LedgerStore(readOnlyAt: "\(root)/var/ledger.sqlite").entries(type: "daemon-started")) ?? []).count
        }
        let startsBefore = starts()
        let child = try start(root)
        let deadline = ContinuousClock.now + .seconds(60)
        while starts() == startsBefore, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        func remaining() -> Int {
            ["inbox", "processing"].map {
                ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/var/\($0)")) ?? []).count
            }
            .reduce(0, +)
        }
        while remaining() > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        try await Task.sleep(for: .milliseconds(300))
        let status = child.kill(SIGTERM)
        #expect(status == 0)
        #expect(remaining() == 0)
        let ledger = try LedgerStore(readOnlyAt: "\(root)/var/ledger.sqlite")
        let records = try ledger.intakeRecords()
        let byName = Dictionary(grouping: records) { String($0.claim[$0.claim.range(of: "--")!.upperBound...]) }
        #expect(byName.count == files.count, "every dropped file is accounted for")
        #expect(
            byName.values.allSatisfy { $0.count == 1 },
            "no file is accounted for twice: \(byName.filter { $0.value.count > 1 }.keys)")
        let outcomes = Dictionary(grouping: files.map(\.name)) { byName[$0]?.first?.outcome ?? "missing" }.mapValues(
            \.count)
        #expect(outcomes == ["accepted": 26, "duplicate": 3, "rejected": 3], "\(outcomes)")
        for group in Dictionary(grouping: files, by: \.bytes).values where group.count == 2 {
            #expect(Set(group.compactMap { byName[$0.name]?.first?.outcome }) == ["accepted", "duplicate"])
        }
        #expect(try ledger.entries().filter { $0.type == "submission-assessed" }.count == 24)
        // And each decision is recorded exactly once, right after its document
        let entries = try ledger.entries()
        let recorded = entries.filter { $0.type == "decision-recorded" }
        // (in either order: dropped while the daemon was down, both are taken in one scan, by name)
        #expect(Set(recorded.map { try? $0.json()["tender_key"]?.stringValue }) == ["C-2", "C-5"])
        #expect(recorded.count == 2)
        for entry in recorded { #expect(entries[entry.seq - 1].type == "document-received") }
        let key = try LedgerKey.load(at: "\(root)/var/keys/ledger.ed25519")
        let report = try LedgerVerifier(
            path: "\(root)/var/ledger.sqlite", verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(report.isValid, "\(report.problems)")
        #expect(kills >= 16)
        #expect(expectedInterrupted >= 4)
        #expect(interrupted >= expectedInterrupted, "kills after a claim or a commit must leave files in processing/")
    }

    @Test func theReportsOfACloseCommittedJustBeforeACrashArePutInPlaceAtTheRestart() async throws {
        // Given the example's tenders recorded by a daemon that then stopped
        let root = try TestFolders.make("crash-reports")
        try FileManager.default.copyItem(atPath: "\(DaemonHarness.repository)/Rules", toPath: "\(root)/Rules")
        try FileManager.default.copyItem(atPath: "\(DaemonHarness.repository)/Plugins", toPath: "\(root)/Plugins")
        let names = try FileManager.default.contentsOfDirectory(
            atPath: "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        ).sorted().filter { $0.hasPrefix("T-") }
        func archived() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/var/archive")) ?? []).count
        }
        func waitUntil(_ count: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while archived() < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        }
        var child = try start(root)
        for name in names { try drop(root, name, try DaemonHarness.example(name)) }
        try await waitUntil(names.count)
        #expect(child.kill(SIGTERM) == 0)
        // When a daemon commits a close request and is killed before it puts the reports in place
        child = try start(root, crashAt: "after-commit")
        try drop(root, "close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
        #expect(await child.exited(within: .seconds(60)) != nil)
        let folder = "\(root)/var/reports/ocds-h6vhtk-04a1b2-lot-1"
        #expect(StagedReportsTests.names(under: folder).contains { $0.contains(".final-") })
        // Then the next start puts them in place: exactly the files the ledger's report-written entry lists
        child = try start(root)
        try await waitUntil(names.count + 1)
        #expect(child.kill(SIGTERM) == 0)
        try StagedReportsTests.expectTheRecordedReports(
            in: folder, ledger: try LedgerStore(readOnlyAt: "\(root)/var/ledger.sqlite"))
    }

    @Test func sighupReloadsTheRulesAndSigtermStopsCleanly() async throws {
        // Given a daemon that never polls the rules folder
        let root = try TestFolders.make("hup")
        try FileManager.default.copyItem(atPath: "\(DaemonHarness.repository)/Rules", toPath: "\(root)/Rules")
        try FileManager.default.copyItem(atPath: "\(DaemonHarness.repository)/Plugins", toPath: "\(root)/Plugins")
        let child = try start(root, extra: ["TENDER_RULES_POLL_INTERVAL": "3600", "TENDER_METRICS_INTERVAL": "0.1"])
        func reloads() -> Double {
            let text = (try? String(contentsOfFile: "\(root)/var/metrics.prom", encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first {
                $0.hasPrefix("tender_rules_reloads_total{result=\"activated\"}")
            }
            return line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while reloads() < 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(300))
        // When it receives SIGHUP
        _ = Glibc.kill(child.pid, SIGHUP)
        while reloads() < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        // Then the rules are reloaded (the unchanged set is not recorded again), and SIGTERM exits 0 with a final
        // checkpoint over the activation and the start
        #expect(reloads() == 2)
        #expect(child.kill(SIGTERM) == 0)
        let types = try LedgerStore(readOnlyAt: "\(root)/var/ledger.sqlite").entries().map(\.type)
        #expect(types == ["ruleset-activated", "daemon-started"])
        let log = try String(contentsOfFile: "\(root)/var/checkpoints.log", encoding: .utf8)
        #expect(log.contains("\n2\n"))
    }
}
