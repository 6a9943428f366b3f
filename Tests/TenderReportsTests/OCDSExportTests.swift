import Foundation
import TenderReports
import TenderScoring
import Testing

struct OCDSExportTests {
    var export: OCDSExport {
        OCDSExport(
            result: Example.evaluate(), methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)
    }

    /// Synchronous on purpose: it runs a child process.
    @Test func examplePackageValidates() throws {
        // Given the example's package written to a file
        let folder = try Command.temporaryFolder("ocds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("package.json")
        try Data(export.packageBytes).write(to: file)
        let validator =
            ProcessInfo.processInfo.environment["OCDS_VALIDATE"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../../shared/ocds/validate"
            )
            .standardized.path
        try #require(FileManager.default.isExecutableFile(atPath: validator), "no OCDS validator at \(validator)")

        // When the offline validator checks it
        let run = try Command.run("/bin/bash", [validator, file.path])

        // Then it is valid (exit 2 means the validator could not run: its output says why)
        #expect(run.status == 0, "validator exit \(run.status): \(run.output)")
        #expect(run.output.contains("valid"))
    }

    @Test func packageCarriesLotsCriteriaBidsAndAward() throws {
        // Given the example's package
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export.packageBytes)) as? [String: Any])
        let release = try #require((json["releases"] as? [[String: Any]])?.first)
        let tender = try #require(release["tender"] as? [String: Any])
        let lot = try #require((tender["lots"] as? [[String: Any]])?.first)
        let criteria = try #require((lot["awardCriteria"] as? [String: Any])?["criteria"] as? [[String: Any]])
        let bids = try #require(release["bids"] as? [String: Any])
        let details = try #require(bids["details"] as? [[String: Any]])
        let statistics = try #require(bids["statistics"] as? [[String: Any]])
        let award = try #require((release["awards"] as? [[String: Any]])?.first)

        // Then ids and dates come from the inputs, and every mapped field is there
        #expect(release["ocid"] as? String == "ocds-h6vhtk-04a1b2")
        #expect(release["id"] as? String == "ocds-h6vhtk-04a1b2-award-lot-1")
        #expect(release["date"] as? String == "2026-12-21T09:00:00Z")
        #expect(tender["numberOfTenderers"] as? Int == 6)
        #expect(
            criteria.compactMap { ($0["numbers"] as? [[String: Any]])?.first?["number"] as? Int } == [
                40, 30, 10, 10, 10,
            ])
        #expect(criteria.map { $0["type"] as? String } == ["price", "quality", "quality", "quality", "quality"])
        #expect(
            details.map { "\($0["id"]!) \($0["status"]!)" } == [
                "T-0001 valid", "T-0002 valid", "T-0003 valid", "T-0004 disqualified", "T-0005 disqualified",
                "T-0006 disqualified",
            ])
        let measures = Dictionary(
            uniqueKeysWithValues: statistics.map { ($0["measure"] as! String, $0["value"] as! Int) })
        #expect(measures["bids"] == 6 && measures["validBids"] == 3 && measures["smeBids"] == 4)
        #expect(measures["vcseBids"] == 0 && measures["lowestValidBidValue"] == 905_000)
        #expect((award["suppliers"] as? [[String: Any]])?.first?["id"] as? String == "GB-COH-55667788")
        #expect((award["value"] as? [String: Any])?["amount"] as? Int == 1_180_000)
        #expect(award["relatedBid"] as? String == "T-0003")
    }

    @Test func noAwardWhileNotFinal() throws {
        // Given an evaluation still missing a mark
        let result = ScoringEngine(methodology: Example.methodology).evaluate(
            submissions: Example.submissions, marks: [])
        let export = OCDSExport(
            result: result, methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)

        // When the package is made
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export.packageBytes)) as? [String: Any])
        let release = try #require((json["releases"] as? [[String: Any]])?.first)

        // Then it is a tender update with no award
        #expect(release["awards"] == nil)
        #expect(release["tag"] as? [String] == ["tenderUpdate"])
    }
}
