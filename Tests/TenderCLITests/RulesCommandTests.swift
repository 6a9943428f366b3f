import ArgumentParser
import Foundation
import Testing

@testable import TenderCLI

struct RulesCommandTests {
    @Test func theShippedMethodologiesAreCleanAndTheirPluginsChecked() throws {
        let check = try #require(
            try TenderCommand.parseAsRoot([
                "rules", "check", Repository.path("Rules"), "--plugins", Repository.path("Plugins"),
            ])
                as? RulesCheckCommand)
        let outcome = check.check()
        #expect(outcome.files >= 2)
        #expect(outcome.errors == 0 && outcome.warnings == 0, "\(outcome.lines)")
    }

    @Test func lintWarningsAloneAreReportedSeparately() throws {
        let fixture = Repository.path("Tests/TenderRulesTests/Fixtures/lint/social-value-low.yaml")
        let check = try #require(try TenderCommand.parseAsRoot(["rules", "check", fixture]) as? RulesCheckCommand)
        let outcome = check.check()
        #expect(outcome.errors == 0)
        #expect(outcome.warnings == 1)
        #expect(throws: ExitCode.self) { try check.run() }
    }

    @Test func aMissingPluginIsAnError() throws {
        let folder = try Repository.temporaryFolder()
        try FileManager.default.createDirectory(
            atPath: "\(folder)/Plugins/innovation-evidence", withIntermediateDirectories: true)
        try "name: innovation-evidence\n".write(
            toFile: "\(folder)/Plugins/innovation-evidence/plugin.yaml", atomically: false, encoding: .utf8)
        let text = try String(
            contentsOfFile: Repository.path("Tests/TenderRulesTests/Fixtures/base.yaml"), encoding: .utf8
        )
        .replacingOccurrences(
            of: "  - {id: social-value, weight: 10",
            with:
                "  - {id: innovation, weight: 0, kind: plugin, plugin: innovation-evidense}\n  - {id: social-value, weight: 10"
        )
        try text.write(toFile: "\(folder)/m.yaml", atomically: false, encoding: .utf8)
        let check = try #require(
            try TenderCommand.parseAsRoot(["rules", "check", "\(folder)/m.yaml", "--plugins", "\(folder)/Plugins"])
                as? RulesCheckCommand)
        let outcome = check.check()
        #expect(outcome.errors == 1)
        #expect(
            outcome.lines.first?.hasSuffix(
                "error: plugin 'innovation-evidense' is not installed (expected Plugins/innovation-evidense/plugin.yaml); did you mean 'innovation-evidence'?"
            ) == true,
            "\(outcome.lines)")
    }

    @Test func theShippedRuleTestsPass() throws {
        let test = try #require(
            try TenderCommand.parseAsRoot(["rules", "test", Repository.path("Rules/tests")]) as? RulesTestCommand)
        let summary = test.runAll()
        #expect(summary.failed == 0, "\(summary.lines)")
        #expect(summary.passed >= 8)
    }

    @Test func aFailingExpectationShowsExpectedAndGot() throws {
        let folder = try Repository.temporaryFolder()
        let text = try String(
            contentsOfFile: Repository.path("Rules/tests/wmca-retrofit-2026-lot1.test.yaml"), encoding: .utf8
        )
        .replacingOccurrences(of: "../", with: Repository.path("Rules") + "/")
        .replacingOccurrences(
            of: "T-0003: {status: assessed, rank: 1, total: 86.43",
            with: "T-0003: {status: assessed, rank: 1, total: 86.3")
        try text.write(toFile: "\(folder)/t.yaml", atomically: false, encoding: .utf8)
        let test = try #require(
            try TenderCommand.parseAsRoot(["rules", "test", "\(folder)/t.yaml"]) as? RulesTestCommand)
        let summary = test.runAll()
        #expect(summary.failed == 1)
        #expect(summary.lines.contains { $0.hasSuffix("T-0003 total: expected 86.30, got 86.43") }, "\(summary.lines)")
    }

    @Test func aFolderTheDaemonWouldRejectFailsTheCheckWithTheDaemonsReason() throws {
        // Given a copy of the shipped rules with a second methodology for the same procurement and lot
        let folder = try Repository.temporaryFolder()
        try FileManager.default.copyItem(atPath: Repository.path("Rules"), toPath: "\(folder)/Rules")
        try FileManager.default.copyItem(
            atPath: "\(folder)/Rules/wmca-retrofit-2026-lot1.yaml", toPath: "\(folder)/Rules/copy-of-lot1.yaml")
        let check = try #require(
            try TenderCommand.parseAsRoot([
                "rules", "check", "\(folder)/Rules", "--plugins", Repository.path("Plugins"),
            ])
                as? RulesCheckCommand)
        // When it is checked
        let outcome = check.check()
        // Then it fails with the daemon's own reason, not "0 error(s)"
        #expect(outcome.errors >= 1)
        #expect(outcome.lines.contains { $0.contains("is already evaluated by") }, "\(outcome.lines)")
        #expect(throws: ExitCode.self) { try check.run() }
    }
}
