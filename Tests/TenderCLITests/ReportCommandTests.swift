import ArgumentParser
import Foundation
import TenderDaemon
import Testing

@testable import TenderCLI

struct ReportCommandTests {
    func report(_ arguments: [String]) throws -> ReportCommand {
        try #require(try TenderCommand.parseAsRoot(["report"] + arguments) as? ReportCommand)
    }

    @Test func withoutLotTheOnlyEvaluatedLotIsUsedAndAnotherLotIsNamed() throws {
        // Given a ledger with the example procurement's lot 1 evaluated
        let folder = try Repository.temporaryFolder()
        let ledger = folder + "/ledger.sqlite"
        let score = try #require(
            try TenderCommand.parseAsRoot(
                ["score", "--ledger", ledger, "--rules", Repository.retrofit] + Repository.retrofitExamples)
                as? ScoreCommand)
        _ = try score.render()
        // When its reports are asked for without --lot
        let (key, written) = try report(["ocds-h6vhtk-04a1b2", "--ledger", ledger, "--out", folder + "/out"]).write()
        // Then lot 1 is used (the only lot evaluated), not "close the procurement first"
        #expect(key == ProcurementKey(reference: "ocds-h6vhtk-04a1b2", lot: "1"))
        #expect(FileManager.default.fileExists(atPath: written + "/evaluation.json"))
        // And a lot that was not evaluated is refused
        #expect(throws: ExitCode.self) {
            _ = try report(["ocds-h6vhtk-04a1b2", "--lot", "2", "--ledger", ledger, "--out", folder + "/o2"]).write()
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/o2"))
    }
}
