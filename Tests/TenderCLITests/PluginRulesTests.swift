import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

@testable import TenderCLI

struct PluginRulesTests {
    @Test(arguments: ["local-supply-chain", "innovation-evidence", "outcome-language"])
    func eachShippedPluginPassesItsRuleTests(_ plugin: String) throws {
        let test = try #require(
            try TenderCommand.parseAsRoot(
                ["rules", "test", Repository.path("Plugins/\(plugin)/tests"), "--plugins", Repository.path("Plugins")])
                as? RulesTestCommand)
        let summary = test.runAll()
        #expect(summary.failed == 0, "\(summary.lines)")
        #expect(summary.passed >= 1)
    }

    @Test func aPluginScoredEvaluationIsRecordedWithItsModuleAndReplaysFromTheLedgerAlone() throws {
        // Given an evaluation that uses the local-supply-chain plugin, recorded in a ledger
        let folder = try Repository.temporaryFolder()
        let methodology = Repository.path("Plugins/local-supply-chain/tests/methodology.yaml")
        let submission = "\(folder)/lsc.yaml"
        try """
        kind: submission
        procurement: plugin-test-local-supply-chain
        tender_id: LSC-1
        supplier: {name: Brightwall Insulation Ltd, identifier: GB-COH-09876543}
        price: {total: 1000000, currency: GBP}
        declarations: {mandatory_exclusion_grounds: false}
        supply_chain:
          subcontracts:
            - {name: Walsall Scaffolding, spend: 60000, sme: true, vcse: false, area: Walsall}
            - {name: Leeds Render Co, spend: 140000, sme: true, vcse: false, area: Leeds}
        """.write(toFile: submission, atomically: false, encoding: .utf8)
        let ledger = "\(folder)/ledger.sqlite"
        let score = try #require(
            try TenderCommand.parseAsRoot(
                [
                    "score", "--json", "--ledger", ledger, "--plugins", Repository.path("Plugins"), "--rules",
                    methodology, submission,
                ])
                as? ScoreCommand)
        let result = try JSONParser().parse(try score.render())
        // Then the plugin part carries the module hash and the fuel used: 60,000 of 200,000 local = 30%;
        // 30% / target 50% = 0.6 of the plugin's 40 points = 24
        let tender = try #require(result["tenders"]?.arrayValue?.first)
        let part = try #require(tender["criteria"]?.arrayValue?.first { $0["id"] == "local-supply-chain" })
        #expect(part["points_published"] == "24.00")
        let inputs = try #require(part["parts"]?.arrayValue?.first?["inputs"])
        let module = try #require(inputs["module_sha256"]?.stringValue)
        #expect(
            inputs["fuel_used"].flatMap { if case .integer(let fuel) = $0 { fuel } else { nil } }.map { $0 > 0 } == true
        )
        // And the ledger stores the module, names it with the evaluation, and replays identically
        let store = try LedgerStore(readOnlyAt: ledger)
        #expect(try store.blob(sha256: module)?.bytes.prefix(4) == [0x00, 0x61, 0x73, 0x6D])
        let evaluated = try #require(try store.entries().first { $0.type == "procurement-evaluated" })
        #expect(try evaluated.json()["plugins"]?.arrayValue?.first?["module_sha256"] == .string(module))
        #expect(EvaluationReplayer(store: store).replay(evaluated).differences.isEmpty)
    }

    @Test func aBadPluginConfigIsReportedAtItsPosition() throws {
        // Given the local-supply-chain test methodology with a mistyped and an unknown config key
        let folder = try Repository.temporaryFolder()
        let text = try String(
            contentsOfFile: Repository.path("Plugins/local-supply-chain/tests/methodology.yaml"), encoding: .utf8
        )
        .replacingOccurrences(of: #"target_share: "0.5""#, with: #"target_share: "lots", colour: red"#)
        try text.write(toFile: "\(folder)/m.yaml", atomically: false, encoding: .utf8)
        // When it is checked against the shipped plugins
        let check = try #require(
            try TenderCommand.parseAsRoot([
                "rules", "check", "\(folder)/m.yaml", "--plugins", Repository.path("Plugins"),
            ])
                as? RulesCheckCommand)
        let outcome = check.check()
        // Then both problems point at the config mapping
        let line =
            try #require(
                text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("colour: red") })
            + 1
        #expect(outcome.errors == 2)
        #expect(outcome.lines.allSatisfy { $0.hasPrefix("\(folder)/m.yaml:\(line):") }, "\(outcome.lines)")
        #expect(
            outcome.lines.contains {
                $0.hasSuffix("config key 'target_share' must be a number (such as 0.25 or \"0.25\"), found \"lots\"")
            })
        #expect(outcome.lines.contains { $0.contains("has no config key 'colour'") })
    }
}
