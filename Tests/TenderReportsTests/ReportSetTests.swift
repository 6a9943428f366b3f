import Foundation
import TenderReports
import TenderScoring
import Testing

struct ReportSetTests {
    @Test func rendersEveryFileForTheExample() throws {
        // Given the example's final evaluation
        let result = Example.evaluate()

        // When every report is rendered
        let files = try ReportSet.render(
            result: result, methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)

        // Then the set has the evaluation page, OCDS, red flags and one summary or notice per tender
        #expect(
            files.map(\.name) == [
                "evaluation.html", "ocds-release-package.json", "red-flags.json",
                "summaries/T-0001.html", "summaries/T-0001.md", "summaries/T-0002.html", "summaries/T-0002.md",
                "summaries/T-0003.html", "summaries/T-0003.md", "summaries/T-0004.html", "summaries/T-0004.md",
                "summaries/T-0005.html", "summaries/T-0005.md", "summaries/T-0006.html", "summaries/T-0006.md",
            ])
        #expect(files.allSatisfy { !$0.bytes.isEmpty })
    }

    @Test func sameInputsGiveSameBytes() throws {
        // Given two evaluations of the same documents
        let first = try ReportSet.render(
            result: Example.evaluate(), methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)

        // When rendered again from a fresh evaluation
        let second = try ReportSet.render(
            result: Example.evaluate(), methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)

        // Then every file is byte-for-byte identical
        #expect(first.map(\.name) == second.map(\.name))
        #expect(first.map(\.bytes) == second.map(\.bytes))
    }

    @Test func redFlagsFileListsTheFlags() throws {
        // Given the example (its cheapest tender, T-0005, was disregarded)
        let files = try ReportSet.render(
            result: Example.evaluate(), methodology: Example.methodology, submissions: Example.submissions,
            context: Example.context)

        // When the red-flags file is read
        let bytes = try #require(files.first { $0.name == "red-flags.json" }?.bytes)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let flags = try #require(json["flags"] as? [[String: Any]])

        // Then it holds R036 with the tender and an action
        #expect(flags.map { $0["code"] as? String } == ["R036"])
        #expect(flags.first?["tenders"] as? [String] == ["T-0005"])
        #expect((flags.first?["action"] as? String)?.isEmpty == false)
    }

    @Test func resultForAnotherMethodologyIsRejected() {
        // Given a result and a methodology for a different procurement
        var other = Example.methodology
        other.procurement.reference = "ocds-other"

        // When / Then rendering refuses, naming both
        #expect {
            try ReportSet.render(
                result: Example.evaluate(), methodology: other, submissions: Example.submissions,
                context: Example.context)
        } throws: { error in
            let text = (error as? ReportError)?.description ?? ""
            return text.contains("ocds-h6vhtk-04a1b2") && text.contains("ocds-other")
        }
    }
}
