import Foundation
import TenderReports
import TenderScoring
import TenderTestSupport
import Testing

struct OCDSExportTests {
    var export: OCDSExport {
        OCDSExport(
            result: Example.evaluate(), methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)
    }

    /// What to install when the validator cannot run.
    static let pythonHint =
        "Schemas/ocds/validate.py needs python3 with the jsonschema package (python3 -m pip install jsonschema), "
        + "or set TENDER_PYTHON to a Python 3 that has it"

    /// Runs the repository's offline OCDS validator (`Schemas/ocds/validate.py`: OCDS 1.1.5 and the declared
    /// extensions, vendored) on a package file, with the Python from `TENDER_PYTHON`, else `python3`.
    static func validateOCDS(_ file: URL) async throws -> Command {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Schemas/ocds/validate.py").standardized.path
        try #require(FileManager.default.fileExists(atPath: script), "no OCDS validator at \(script)")
        let configured = ProcessInfo.processInfo.environment["TENDER_PYTHON"] ?? ""
        let python = configured.isEmpty ? "python3" : configured
        return try await Command.run("/usr/bin/env", [python, script, file.path])
    }

    @Test(.enabled(if: PythonTools.schemas, Comment(rawValue: PythonTools.schemasReason)))
    func examplePackageValidates() async throws {
        // Given the example's package written to a file
        let folder = try Command.temporaryFolder("ocds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("package.json")
        try Data(export.packageBytes).write(to: file)

        // When the repository's offline validator checks it
        let run = try await Self.validateOCDS(file)

        // Then it is valid (exit 2 means the validator could not run: its output says why)
        let lastLine = run.output.split(whereSeparator: \.isNewline).last.map { String($0) }
        #expect(run.status == 0, "validate.py exit \(run.status): \(run.output)\n\(Self.pythonHint)")
        #expect(lastLine == "valid", "validate.py output: \(run.output)\n\(Self.pythonHint)")
    }

    @Test(.enabled(if: PythonTools.schemas, Comment(rawValue: PythonTools.schemasReason)))
    func packageWithUnknownBidStatusIsInvalid() async throws {
        // Given the example's package with a bid status outside the closed bidStatus codelist, written to a file
        var json = try #require(try JSONSerialization.jsonObject(with: Data(export.packageBytes)) as? [String: Any])
        var releases = try #require(json["releases"] as? [[String: Any]])
        var bids = try #require(releases.first?["bids"] as? [String: Any])
        var details = try #require(bids["details"] as? [[String: Any]])
        try #require(!details.isEmpty)
        details[0]["status"] = "accepted"
        bids["details"] = details
        releases[0]["bids"] = bids
        json["releases"] = releases
        let folder = try Command.temporaryFolder("ocds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("package.json")
        try JSONSerialization.data(withJSONObject: json).write(to: file)

        // When the repository's offline validator checks it
        let run = try await Self.validateOCDS(file)

        // Then it is invalid (exit 1; exit 2 would mean the validator could not run) because of that status
        let lastLine = run.output.split(whereSeparator: \.isNewline).last.map { String($0) }
        #expect(run.status == 1, "validate.py exit \(run.status): \(run.output)\n\(Self.pythonHint)")
        #expect(lastLine == "invalid", "validate.py output: \(run.output)")
        #expect(run.output.contains("releases/0/bids/details/0/status: \"accepted\" is not in the closed codelist"))
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
        // (the release id ends with the evaluation's ledger entry: each evaluation is a release of its own; the
        // award's id is the winning bid's, the same in every release that names it)
        #expect(release["id"] as? String == "ocds-h6vhtk-04a1b2-award-lot-1-42")
        #expect(award["id"] as? String == "ocds-h6vhtk-04a1b2-award-lot-1-T-0003")
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

    @Test func aLargePackageIsWrittenInPiecesOfTheSameBytes() throws {
        // Given an evaluation of 2,000 tenders (each a copy of the example's first with its own key and supplier;
        // one supplier sends two versions, so a bid id is suffixed and a party is listed once)
        let submissions = Example.manySubmissions(2_000)
        let export = OCDSExport(
            result: Example.evaluate(submissions), methodology: Example.methodology, submissions: submissions,
            context: Example.context)

        // When the package is made in pieces, as the daemon writes it, and as one array
        var pieces: [[UInt8]] = []
        export.packagePieces.forEach { pieces.append($0) }
        let bytes = export.packageBytes

        // Then there are several pieces, and one after another they are the package's bytes
        #expect(pieces.count > 1)
        #expect(Array(pieces.joined()) == bytes)
        // And the lists made one element at a time have every bid and each supplier once
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let release = try #require((json["releases"] as? [[String: Any]])?.first)
        let details = try #require((release["bids"] as? [String: Any])?["details"] as? [[String: Any]])
        #expect(details.count == 2_001)
        #expect(Set(details.compactMap { $0["id"] as? String }).count == 2_001)
        #expect((release["parties"] as? [[String: Any]])?.count == 2_001)
        let tenderers = try #require((release["tender"] as? [String: Any])?["tenderers"] as? [[String: Any]])
        #expect(tenderers.count == 2_000)
    }
}
