import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

@Suite(.serialized)
struct RuleReloadTests {
    @Test func aBrokenEditKeepsTheLastGoodRuleSetAndAGoodEditActivatesWithinSeconds() async throws {
        // Given a running daemon with the shipped rules
        let daemon = try await DaemonHarness()
        let file = "\(daemon.root)/Rules/wmca-retrofit-2026-lot1.yaml"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try await daemon.waitUntil("the first activation") {
            try daemon.ledger().entries().map(\.type).contains("ruleset-activated")
        }
        // When an administrator saves a broken edit (weights no longer sum to 100)
        try TestFiles.replace(
            file,
            with: original.replacingOccurrences(of: "weight: 40, category: price", with: "weight: 45, category: price"))
        try await daemon.waitUntil("the rejection") {
            try daemon.ledger().entries().map(\.type).contains("ruleset-rejected")
        }
        // Then documents are still scored under the last good rule set
        try daemon.drop("t1.yaml", try DaemonHarness.example("T-0001-brightwall.yaml"))
        try await daemon.waitUntil("the submission") { daemon.names(daemon.settings.archive).count == 1 }
        #expect(
            daemon.logs.lines.contains {
                $0.contains("rule set rejected; the last good rule set stays active") && $0.contains("not 100")
            })
        // When the edit is corrected (a good change: a new title)
        let activatedBefore = try daemon.ledger().entries().filter { $0.type == "ruleset-activated" }.count
        try TestFiles.replace(
            file,
            with: original.replacingOccurrences(
                of: "title: Social housing retrofit, external wall insulation (lot 1)",
                with: "title: Retrofit lot 1 (v2)"
            ))
        // Then it activates within seconds
        try await daemon.waitUntil("the new activation", timeout: .seconds(10)) {
            try daemon.ledger().entries().filter { $0.type == "ruleset-activated" }.count == activatedBefore + 1
        }
        try await daemon.stop()
        let entries = try daemon.ledger().entries()
        let rejected = try #require(entries.first { $0.type == "ruleset-rejected" })
        let body = try rejected.json()
        #expect(
            body["problems"]?.arrayValue?.first?.stringValue?.contains("criterion weights sum to 105, not 100") == true)
        let assessed = try #require(entries.first { $0.type == "submission-assessed" })
        let firstDigest = try entries.first { $0.type == "ruleset-activated" }!.json()["ruleset_digest"]
        #expect(try assessed.json()["ruleset_digest"] == firstDigest)
    }

    @Test func aFailingRuleTestBlocksActivation() async throws {
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("the first activation") {
            try daemon.ledger().entries().map(\.type).contains("ruleset-activated")
        }
        let test = "\(daemon.root)/Rules/tests/wmca-retrofit-2026-lot1.test.yaml"
        try TestFiles.replace(
            test,
            with: String(contentsOfFile: test, encoding: .utf8).replacingOccurrences(
                of: "winner: T-0003", with: "winner: T-0001"
            ))
        try await daemon.waitUntil("the rejection") {
            try daemon.ledger().entries().map(\.type).contains("ruleset-rejected")
        }
        try await daemon.stop()
        let body = try #require(try daemon.ledger().entries().first { $0.type == "ruleset-rejected" }).json()
        #expect(
            body["problems"]?.arrayValue?.contains {
                $0.stringValue?.contains("winner: expected T-0001, got T-0003") == true
            } == true)
    }

    /// The last-reload gauge as `metrics.prom` shows it.
    static func reloadGauge(_ daemon: DaemonHarness) -> String? {
        ((try? MetricsTests.read(daemon)) ?? [:])["tender_rules_last_reload_successful"].map { $0 == 1 ? "1" : "0" }
    }

    @Test func puttingTheOriginalBackOrDeletingTheBrokenFileClearsTheReloadAlert() async throws {
        // Given a running daemon whose administrator replaced a rule file with broken YAML
        let daemon = try await DaemonHarness()
        let file = "\(daemon.root)/Rules/wmca-retrofit-2026-lot1.yaml"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try await daemon.waitUntil("the first activation") { Self.reloadGauge(daemon) == "1" }
        try TestFiles.replace(file, with: "kind: methodology\nid: [broken\n")
        try await daemon.waitUntil("the alert raised") { Self.reloadGauge(daemon) == "0" }
        // When the original is put back (no SIGHUP)
        try TestFiles.replace(file, with: original)
        // Then the alert clears by itself, the log says so, and the ledger records it
        try await daemon.waitUntil("the alert cleared") { Self.reloadGauge(daemon) == "1" }
        #expect(daemon.logs.lines.contains { $0.contains("rules reload alert cleared") })
        // And likewise when a broken file is added and then deleted
        let extra = "\(daemon.root)/Rules/extra.yaml"
        try TestFiles.replace(extra, with: "kind: methodology\n: : :\n")
        try await daemon.waitUntil("the second alert") { Self.reloadGauge(daemon) == "0" }
        try FileManager.default.removeItem(atPath: extra)
        try await daemon.waitUntil("the second alert cleared") { Self.reloadGauge(daemon) == "1" }
        try await daemon.stop()
        let types = try daemon.ledger().entries().map(\.type)
        #expect(types.filter { $0 == "ruleset-rejected" }.count == 2)
        #expect(types.filter { $0 == "ruleset-restored" }.count == 2)
        // The set never changed, so it was recorded once
        #expect(types.filter { $0 == "ruleset-activated" }.count == 1)
    }
}
