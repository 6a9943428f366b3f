import ArgumentParser
import Foundation
import TenderRules
import TenderScoring
import Testing

@testable import TenderCLI

struct ScoreCommandTests {
    func command(_ arguments: [String]) throws -> ScoreCommand {
        try #require(try TenderCommand.parseAsRoot(["score"] + arguments) as? ScoreCommand)
    }

    @Test func jsonOutputIsByteIdenticalAcrossRuns() throws {
        // Given the shipped example procurement
        let arguments = ["--json", "--rules", Repository.retrofit] + Repository.retrofitExamples
        // When it is scored several times
        let outputs = try (0..<3).map { _ in try command(arguments).render() }
        // Then the bytes never change, and they carry the hand-checked winner
        #expect(Set(outputs).count == 1)
        let result = try JSONParser().parse(outputs[0])
        #expect(result["winner"] == "T-0003")
        #expect(result["final"] == .bool(true))
        #expect(result["tenders"]?.arrayValue?.first?["total_published"] == "86.43")
    }

    @Test func aFolderStandsForTheDocumentsInsideItInNameOrder() throws {
        // Given the example's documents copied into a folder, with a file that is not a document
        let folder = try Repository.temporaryFolder()
        for path in Repository.retrofitExamples {
            try FileManager.default.copyItem(
                atPath: path, toPath: "\(folder)/\((path as NSString).lastPathComponent)")
        }
        try "notes".write(toFile: "\(folder)/README.txt", atomically: false, encoding: .utf8)
        // When the folder is scored, and the same files are scored one by one in name order
        let fromFolder = try command(["--json", "--rules", Repository.retrofit, folder]).render()
        let oneByOne = try command(
            ["--json", "--rules", Repository.retrofit]
                + Repository.retrofitExamples.sorted {
                    ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent
                }
        ).render()
        // Then the results are the same bytes, with the hand-checked winner
        #expect(fromFolder == oneByOne)
        #expect(try JSONParser().parse(fromFolder)["winner"] == "T-0003")
    }

    @Test func aFolderWithNoDocumentsIsAProblemNotAnEmptyResult() throws {
        // Given a folder holding only a file that is not a document
        let folder = try Repository.temporaryFolder()
        try "notes".write(toFile: "\(folder)/README.txt", atomically: false, encoding: .utf8)
        // When it is scored
        let score = try command(["--rules", Repository.retrofit, folder])
        // Then it says so, and nothing is scored
        do {
            _ = try score.render()
            Issue.record("scored an empty folder")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(folder):1:1: error: is a folder with no .yaml, .yml or .json document directly inside it, or "
                        + "one that cannot be read; give document files or a folder of them"
                ])
        }
    }

    @Test func theTableShowsRanksPointsAndReasons() throws {
        let table = try command(["--rules", Repository.retrofit] + Repository.retrofitExamples).render()
        #expect(table.contains("most advantageous tender: T-0003 (Midlands Thermal Solutions Ltd)"))
        let first = try #require(table.split(separator: "\n").first { $0.hasPrefix("1 ") })
        #expect(first.contains("T-0003") && first.hasSuffix("86.43"))
        #expect(table.contains("T-0006 (late): received 2026-12-01T12:05:00Z, after the tender deadline"))
        #expect(
            table.contains(
                "[mark-reasons] T-0002: Q2 mark 3 by panel: the reason \"Acceptable.\" only repeats the scale label"))
    }

    @Test func everyBadDocumentIsReportedWithItsPositionAndNothingIsScored() throws {
        // Given a malformed submission and one for another procurement
        let folder = try Repository.temporaryFolder()
        let broken = "\(folder)/broken.yaml"
        try
            "kind: submission\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nsupplier: {name: X}\nprice: {total: lots, currency: GBP}\n"
            .write(toFile: broken, atomically: false, encoding: .utf8)
        let other = "\(folder)/other.yaml"
        try "kind: submission\nprocurement: ocds-other\nsupplier: {name: Y}\nprice: {total: 5, currency: GBP}\n"
            .write(toFile: other, atomically: false, encoding: .utf8)
        // When
        let score = try command(["--rules", Repository.retrofit, broken, other, "\(folder)/missing.yaml"])
        // Then all three problems come back together
        do {
            _ = try score.render()
            Issue.record("scored invalid input")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.count == 3)
            #expect(
                lines.contains(
                    "\(broken):5:16: error: price.total must be a number such as 1024000, found the value 'lots'"))
            #expect(
                lines.contains {
                    $0.hasPrefix("\(other):1:1: error: procurement 'ocds-other' is not ocds-h6vhtk-04a1b2")
                })
            #expect(lines.contains("\(folder)/missing.yaml:1:1: error: no such file; check the path"))
        }
    }

    @Test func theSameBytesTwiceAreADuplicateNotScoredTwice() throws {
        let document = Repository.retrofitExamples[0]
        let score = try command(["--rules", Repository.retrofit, document, document])
        do {
            _ = try score.render()
            Issue.record("accepted a duplicate")
        } catch {
            #expect(error.diagnostics.first?.message.contains("has the same bytes as") == true)
        }
    }

    @Test func argumentsAreValidated() {
        #expect(throws: (any Error).self) { try TenderCommand.parseAsRoot(["score", "--rules", "x.yaml"]) }
        #expect(throws: (any Error).self) { try TenderCommand.parseAsRoot(["score", "a.yaml"]) }
    }
}
