import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

@testable import TenderCLI

/// `tender score`, `tender ledger replay` and `tender report` on a lotted procurement.
struct LotCommandTests {
    func score(_ arguments: [String]) throws -> ScoreCommand {
        try #require(try TenderCommand.parseAsRoot(["score"] + arguments) as? ScoreCommand)
    }

    @Test func scoringALottedProcurementGivesEveryLotAndTheAward() throws {
        // When the shipped three-lot example is scored
        let json = try score(["--json", "--rules", Repository.highways] + Repository.highwaysExamples).render()
        let output = try JSONParser().parse(json)
        // Then each lot's result and the award in-order, by estimated value: 2, 1, 3
        #expect(output["lots"]?["1"]?["winner"] == "GMH-01" && output["lots"]?["3"]?["winner"] == "GMH-02")
        let lines = output["award"]?["lots"]?.arrayValue ?? []
        #expect(lines.map { $0["awarded"] } == ["GMH-01", "GMH-02", "GMH-03"])
        // And the table names each lot's award and why it moved
        let table = try score(["--rules", Repository.highways] + Repository.highwaysExamples).render()
        #expect(table.contains("award across lots · at most 1 lot a supplier, in-order · order 2, 1, 3"))
        #expect(table.contains("1    GMH-02   Irwell Surfacing Ltd      2     82.21  from GMH-01"))
        // And the tenders whose removal would change an award: without Pennine's lot 2 tender, every lot moves
        #expect(
            table.contains(
                "GMH-01 (Pennine Highways Ltd) from lot 2: lot 2 GMH-01 → GMH-04; lot 1 GMH-02 → GMH-01; "
                    + "lot 3 GMH-03 → GMH-02"))
        let effect = try #require(output["award"]?["effects"]?.arrayValue?.first { $0["tender"] == "GMH-01" })
        #expect(effect["supplier"]?["identifier"] == "GB-COH-04417821")
    }

    @Test func aLottedEvaluationRecordedByScoreReplaysAndItsReportsAreRebuilt() throws {
        // Given the example scored into a ledger
        let folder = try Repository.temporaryFolder()
        let ledger = folder + "/ledger.sqlite"
        _ = try score(["--ledger", ledger, "--rules", Repository.highways] + Repository.highwaysExamples).render()
        let store = try LedgerStore(readOnlyAt: ledger)
        let evaluations = try store.entries(type: EvaluationEntry.type)
        let awards = try store.entries(type: LotsAwardedEntry.type)
        #expect(evaluations.count == 3 && awards.count == 1)
        // Then the evaluations and the award replay identically
        let replayer = EvaluationReplayer(store: store)
        let outcomes = replayer.replayAll(evaluations)
        #expect(outcomes.allSatisfy { $0.differences.isEmpty })
        #expect(replayer.replayAward(awards[0], evaluations: evaluations).differences.isEmpty)
        // And tender report writes the award's reports without --lot, and a lot's with it
        let report = try #require(
            try TenderCommand.parseAsRoot([
                "report", "ocds-h6vhtk-07e5f6", "--ledger", ledger, "--out", folder + "/all",
            ])
                as? ReportCommand)
        let (key, written) = try report.write()
        #expect(key == ProcurementKey(reference: "ocds-h6vhtk-07e5f6", lot: nil))
        let overview = try String(contentsOfFile: written + "/overview.md", encoding: .utf8)
        #expect(overview.contains("in-order (lots are awarded in the order 2, 1, 3, by estimated value, highest first"))
        let again = try #require(
            try TenderCommand.parseAsRoot([
                "report", "ocds-h6vhtk-07e5f6", "--ledger", ledger, "--out", folder + "/again",
            ])
                as? ReportCommand)
        _ = try again.write()
        for name in ["award.json", "overview.html", "ocds-release-package.json", "red-flags.json"] {
            #expect(
                FileManager.default.contents(atPath: "\(folder)/all/\(name)")
                    == FileManager.default.contents(atPath: "\(folder)/again/\(name)"), "\(name)")
        }
        let lot = try #require(
            try TenderCommand.parseAsRoot([
                "report", "ocds-h6vhtk-07e5f6", "--lot", "3", "--ledger", ledger, "--out", folder + "/lot3",
            ]) as? ReportCommand)
        #expect(try lot.write().0 == ProcurementKey(reference: "ocds-h6vhtk-07e5f6", lot: "3"))
    }
}
