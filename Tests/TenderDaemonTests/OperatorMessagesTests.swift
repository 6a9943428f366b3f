import Foundation
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderDaemon

/// What an operator reads: log lines that cannot be forged, a ready line and a shutdown line, one record per
/// start, a close that can be waited for, and one message per cause for a wrong ledger.
struct OperatorMessagesTests {
    @Test func aFileNameCannotForgeALogLineAndValuesWithSpacesAreQuoted() async throws {
        // Given a running daemon
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("ready") { daemon.logs.lines.contains { $0.contains("tender daemon ready") } }
        // When a file arrives whose name carries a forged "document accepted" line
        let forged = "2026-12-05T10:00:00+0000 info tender: outcome=accepted document accepted"
        try daemon.drop("z.yaml\n\(forged)\nq.yaml", Array("kind: submission\n".utf8))
        try daemon.drop("good.yaml", try DaemonHarness.example("T-0001-brightwall.yaml"))
        try await daemon.waitUntil("both recorded") {
            daemon.names(daemon.settings.archive).count == 1
                && daemon.names(daemon.settings.rejected).filter { !$0.hasSuffix(".error.txt") }.count == 1
        }
        try await daemon.stop()
        // Then no log line holds a line break, the forged text shows escaped inside the real line, and a value
        // with spaces is quoted as one value
        let lines = daemon.logs.lines
        #expect(!lines.contains { $0.contains("\n") || $0.contains("\r") })
        #expect(lines.contains { $0.contains("document not accepted") && $0.contains("z.yaml\\n2026-12-05T10:00:00") })
        #expect(lines.filter { $0.contains("document accepted") && !$0.contains("not accepted") }.count == 1)
        #expect(lines.contains { $0.contains("procurement=\"ocds-h6vhtk-04a1b2 lot 1\"") })
    }

    @Test func escapingCoversControlCharactersSeparatorsAndBidiOverrides() {
        #expect(SafeLogHandler.quoted("a b") == "\"a b\"")
        #expect(SafeLogHandler.quoted("") == "\"\"")
        #expect(SafeLogHandler.quoted("say \"hi\"") == "\"say \\\"hi\\\"\"")
        #expect(SafeLogHandler.escaped("a\nb\rc\td\u{1B}[31m") == "a\\nb\\rc\\td\\u{1B}[31m")
        #expect(SafeLogHandler.escaped("x\u{2028}y\u{202E}z\u{85}") == "x\\u{2028}y\\u{202E}z\\u{85}")
        // A backslash is doubled, so a literal "\n" in a name is not mistaken for an escaped line break
        #expect(SafeLogHandler.escaped("a\\nb") == "a\\\\nb")
        #expect(SafeLogHandler.escaped("plain-name_1.yaml") == "plain-name_1.yaml")
    }

    @Test func eachStartIsRecordedOnceAndTheRuleSetOnlyWhenItChanges() async throws {
        // Given a daemon started, stopped and started again with the same rules
        let first = try await DaemonHarness()
        try await first.waitUntil("ready") { first.logs.lines.contains { $0.contains("tender daemon ready") } }
        try await first.stop()
        let second = try await DaemonHarness(restartIn: first.root)
        try await second.waitUntil("ready") { second.logs.lines.contains { $0.contains("tender daemon ready") } }
        try await second.stop()
        // Then the ledger has two starts and one activation, and the second start names that activation
        let entries = try second.ledger().entries()
        let activations = entries.filter { $0.type == "ruleset-activated" }
        let starts = try entries.filter { $0.type == "daemon-started" }.map { try $0.json() }
        #expect(activations.count == 1)
        #expect(starts.count == 2)
        let digest = try activations[0].json()["ruleset_digest"]
        #expect(
            starts.allSatisfy {
                $0["ruleset_digest"] == digest && $0["ruleset_seq"] == .integer(Int64(activations[0].seq))
            })
        #expect(starts.allSatisfy { $0["version"] == .string(TenderVersion.current) })
        #expect(starts[0]["settings_digest"] == starts[1]["settings_digest"])
        // And the log has a ready line and a shutdown line that say where it listens and what was finished
        let ready = try #require(second.logs.lines.first { $0.contains("tender daemon ready") })
        #expect(ready.contains("inbox=") && ready.contains("rules.digest=") && ready.contains("processing.waiting=0"))
        let stopped = try #require(second.logs.lines.last { $0.contains("tender daemon stopped") })
        #expect(stopped.contains("ledger.size=\(entries.count)") && stopped.contains("ledger.signed=\(entries.count)"))
        #expect(second.logs.lines.contains { $0.contains("not recorded again") })
    }

    @Test func closeWaitPrintsTheDaemonsAnswerWithAMatchingExitCode() async throws {
        // Given a running daemon with the example procurement's documents
        let daemon = try await DaemonHarness()
        let folder = "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let tenders = names.filter { $0.hasPrefix("T-") }
        for name in tenders { try daemon.drop(name, try DaemonHarness.example(name)) }
        try await daemon.waitUntil("the documents") { daemon.names(daemon.settings.archive).count == tenders.count }
        for name in names where !tenders.contains(name) { try daemon.drop(name, try DaemonHarness.example(name)) }
        try await daemon.waitUntil("the decisions") { daemon.names(daemon.settings.archive).count == names.count }
        let environment = ["TENDER_INBOX": daemon.settings.inbox, "TENDER_STATE": daemon.settings.state]
        // When the procurement is closed with --wait
        let closed = try await Subprocess.output(
            ["close", "ocds-h6vhtk-04a1b2", "--lot", "1", "--wait", "--timeout", "30"], environment: environment)
        // Then it prints the recorded final evaluation and exits 0
        #expect(closed.status == 0, "\(closed)")
        #expect(closed.out.contains("final evaluation of ocds-h6vhtk-04a1b2 lot 1 recorded as ledger entry #"))
        #expect(closed.out.contains("most advantageous tender: T-0003"))
        // And a close of an unknown procurement prints the daemon's reason and exits 1
        let unknown = try await Subprocess.output(
            ["close", "ocds-nope", "--wait", "--timeout", "30"], environment: environment)
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.out.contains("unknown procurement ocds-nope"))
        try await daemon.stop()
        // And with no daemon running, it gives up after the timeout with exit 5 and says why
        let nobody = try await Subprocess.output(
            ["close", "ocds-h6vhtk-04a1b2", "--lot", "1", "--wait", "--timeout", "1"], environment: environment)
        #expect(nobody.status == 5, "\(nobody)")
        #expect(nobody.out.contains("is the daemon running"))
    }

    @Test func aWrongLedgerPathGetsOneMessagePerCauseFromEveryCommand() async throws {
        let folder = try TestFolders.make("wrong-ledger")
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/notes.txt"))
        let causes = [
            ("\(folder)/nope.sqlite", "error: no ledger at \(folder)/nope.sqlite; pass --ledger with the ledger file"),
            ("\(folder)/notes.txt", "error: \(folder)/notes.txt is not a tender ledger; pass --ledger"),
            (folder, "error: \(folder) is a folder, not a ledger; pass --ledger with the ledger file in it"),
        ]
        for command in [
            ["ledger", "verify"], ["ledger", "replay"], ["ledger", "show"], ["ledger", "key"], ["report", "x"],
        ] {
            for (path, message) in causes {
                let (status, errors) = try await Subprocess.run(command + ["--ledger", path])
                #expect(status == 1)
                #expect(errors.hasPrefix(message), "\(command) \(path): \(errors)")
            }
        }
    }
}
