import Foundation
import TenderReports
import TenderScoring
import Testing

struct EvaluationFilesTests {
    func file(_ name: String, _ result: EvaluationResult = Example.evaluate()) throws -> String {
        let files = EvaluationFiles.render(result, methodology: Example.methodology)
        return String(decoding: try #require(files.first { $0.name == name }).bytes, as: UTF8.self)
    }

    @Test func rendersThePlainFiles() throws {
        // Given the example's final evaluation
        let result = Example.evaluate()

        // When the plain files are rendered (by TenderReports, as the daemon's ReportBuilder composes them)
        let files = EvaluationFiles.render(result, methodology: Example.methodology)

        // Then there are the three files; the JSON is the canonical explanation trace with a final newline, and the
        // Markdown names the procurement as "reference lot N"
        #expect(files.map(\.name) == ["evaluation.csv", "evaluation.json", "evaluation.md"])
        #expect(try file("evaluation.json") == result.json.canonicalString + "\n")
        #expect(try file("evaluation.md").contains("- Procurement: ocds-h6vhtk-04a1b2 lot 1 (West Midlands Combined"))
    }

    @Test func theResultsBytesAndANewlineAreHandedAsTwoPiecesNotJoined() throws {
        // Given the example's final evaluation and its canonical bytes, as the daemon holds them for the ledger
        let result = Example.evaluate()
        let bytes = result.canonicalBytes
        // When the files are handed as pieces
        var pieces: [String: [[UInt8]]] = [:]
        EvaluationFiles.render(
            result, methodology: Example.methodology, resultBytes: bytes,
            intoPieces: { name, file in file.forEach { pieces[name, default: []].append($0) } })
        // Then evaluation.json is those bytes as they are and a newline, and every file joined is what the
        // array-returning render gives
        #expect(pieces["evaluation.json"] == [bytes, [0x0A]])
        let whole = EvaluationFiles.render(result, methodology: Example.methodology)
        #expect(whole.map(\.name) == pieces.keys.sorted())
        for file in whole { #expect(Array(pieces[file.name]!.joined()) == file.bytes, "\(file.name)") }
    }

    @Test func withoutTheResultsBytesEvaluationJSONIsMadeAsItIsRead() throws {
        // Given the example's final evaluation, without its bytes (the daemon spools a large result's for its ledger)
        let result = Example.evaluate()
        var files: [String: FilePieces] = [:]
        EvaluationFiles.render(result, methodology: Example.methodology, intoPieces: { files[$0] = $1 })
        // Then evaluation.json is the result's canonical bytes and a newline, made again each time it is read
        let json = try #require(files["evaluation.json"])
        for _ in 0..<2 {
            var bytes: [UInt8] = []
            json.forEach { bytes += $0 }
            #expect(bytes == result.canonicalBytes + [0x0A])
        }
        // And evaluation.md is the Markdown text
        let markdown = EvaluationFiles.markdown(result, methodology: Example.methodology)
        #expect(try #require(files["evaluation.md"]).joined == Array(markdown.utf8))
    }

    @Test func aLargeEvaluationsMarkdownIsWrittenInPiecesOfItsText() throws {
        // Given an evaluation of 10,000 tenders
        let result = Example.evaluate(Example.manySubmissions(10_000))
        var files: [String: FilePieces] = [:]
        EvaluationFiles.render(result, methodology: Example.methodology, intoPieces: { files[$0] = $1 })
        // When evaluation.md is written
        var pieces: [[UInt8]] = []
        try #require(files["evaluation.md"]).forEach { pieces.append($0) }
        // Then it comes in several pieces, which one after another are the Markdown text
        #expect(pieces.count > 1)
        #expect(
            Array(pieces.joined()) == Array(EvaluationFiles.markdown(result, methodology: Example.methodology).utf8))
    }

    @Test func csvColumnsAreUnambiguous() throws {
        // Given the example's CSV
        let lines = try file("evaluation.csv").split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)

        // Then the price and each criterion's points have their own names (the old header had "price" twice: the
        // tender's price and the price criterion's points), and the other columns are where they were
        #expect(
            header == [
                "rank", "tender", "supplier", "supplier_identifier", "status", "price_total", "price_points",
                "quality_points", "social-value_points", "innovation_points", "outcomes_points", "total",
                "price_per_quality_point", "reasons",
            ])
        #expect(Set(header).count == header.count)
        #expect(lines[1].hasPrefix("1,T-0003,Midlands Thermal Solutions Ltd,GB-COH-55667788,assessed,1180000,30.68,"))
    }

    @Test func missingFiguresUseTheMediumsPlaceholder() throws {
        // Given the example: T-0004 was disregarded by a gate, so it has no points
        let csv = try file("evaluation.csv")
        let markdown = try file("evaluation.md")

        // Then the CSV leaves the cells empty and the Markdown writes an em dash, as the summaries and the HTML report
        // do (the old evaluation.md wrote an en dash, its own placeholder)
        #expect(csv.contains(",T-0004,ShellGuard Facades Ltd,GB-COH-99887766,disregarded,870000,,,,,,,,"))
        #expect(markdown.contains("| — | T-0004 | ShellGuard Facades Ltd | disregarded | 870,000 | — | — |"))
        #expect(markdown.contains("| price (40) | quality (30) |"))
    }
}
