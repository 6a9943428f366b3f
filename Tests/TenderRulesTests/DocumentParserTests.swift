import Foundation
import TenderRules
import TenderScoring
import Testing

struct DocumentParserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    func parse(_ relative: String, base: URL = DocumentParserTests.repository) throws -> ParsedDocument {
        let bytes = Array(try Data(contentsOf: base.appendingPathComponent(relative)))
        return try DocumentParser().parse(bytes, file: relative, documentID: relative)
    }

    @Test(arguments: ["Rules/wmca-retrofit-2026-lot1.yaml", "Rules/bristol-schools-helpdesk-2026.yaml"])
    func shippedMethodologiesAreValidAndLintClean(_ path: String) throws {
        guard case .methodology(let methodology, let warnings) = try parse(path) else {
            Issue.record("\(path) is not a methodology")
            return
        }
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(methodology.criteria.map(\.weight).reduce(0, +) == 100)
    }

    @Test func theRetrofitMethodologyDecodesAsWritten() throws {
        guard case .methodology(let methodology, _) = try parse("Rules/wmca-retrofit-2026-lot1.yaml") else {
            Issue.record("not a methodology")
            return
        }
        #expect(methodology.criteria.map(\.id) == ["price", "quality", "social-value", "innovation", "outcomes"])
        #expect(methodology.criteria.map(\.weight) == [40, 30, 10, 10, 10])
        #expect(
            methodology.evaluation.tieBreak == [
                .criterion("quality"), .criterion("social-value"), .lowestPrice, .earliestReceived,
            ])
        #expect(methodology.criteria[3].parts.map(\.weight) == [70, 30])
        #expect(methodology.gates.map(\.onFail) == [.disregard, .flag, .disregard])
        #expect(methodology.procurement.tenderDeadline == Timestamp(rfc3339: "2026-12-01T12:00:00Z"))
        #expect(methodology.questions.first { $0.question.id == "Q1" }?.question.minimum == 2)
    }

    @Test func jsonAndYAMLSubmissionsDecodeToTheSameDocument() throws {
        let fixtures = Self.repository.appendingPathComponent("Tests/TenderRulesTests/Fixtures")
        guard case .submission(var json) = try parse("good-submission.json", base: fixtures),
            case .submission(var yaml) = try parse("good-submission.yaml", base: fixtures)
        else {
            Issue.record("not submissions")
            return
        }
        #expect(json.price.total == Decimal(string: "1024000.5"))
        #expect(json.marks["Q1"]?.consensus?.mark == 4)
        (json.documentID, json.location, yaml.documentID, yaml.location) = ("", nil, "", nil)
        json.marks["Q1"]?.consensus?.location = nil
        yaml.marks["Q1"]?.consensus?.location = nil
        #expect(json == yaml)
    }

    @Test func plainScalarsFollowTheYAML12CoreSchema() throws {
        let text = """
            kind: submission
            procurement: ocds-x
            supplier: {name: N}
            price: {total: 10, currency: GBP}
            answers: {a: no, b: "true", c: true, d: 012, e: ~, f: 1e3}
            """
        guard
            case .submission(let submission) = try DocumentParser().parse(Array(text.utf8), file: "s", documentID: "s")
        else {
            Issue.record("not a submission")
            return
        }
        // "no" stays text (no Norway problem), quoted "true" stays text, 1e3 is not a plain decimal
        #expect(submission.content.value(at: "answers.a") == .string("no"))
        #expect(submission.content.value(at: "answers.b") == .string("true"))
        #expect(submission.content.value(at: "answers.c") == .bool(true))
        #expect(submission.content.value(at: "answers.d") == .number(12))
        #expect(submission.content.value(at: "answers.e") == .null)
        #expect(submission.content.value(at: "answers.f") == .string("1e3"))
    }

    @Test func everyProblemInAFileIsReportedTogether() {
        let text = """
            kind: marks
            procurement: ocds-x
            evaluator: E 1
            marks:
              Q1: {mark: high, reason: x}
              Q2: {mark: 3, why: y}
            """
        #expect(throws: DocumentError.self) {
            try DocumentParser().parse(Array(text.utf8), file: "m.yaml", documentID: "m")
        }
        do {
            _ = try DocumentParser().parse(Array(text.utf8), file: "m.yaml", documentID: "m")
        } catch {
            let lines = error.diagnostics.sorted().map(\.description)
            #expect(
                lines == [
                    "m.yaml:1:1: error: the document is missing 'tender'; the submission's tender_id or supplier identifier",
                    "m.yaml:3:12: error: evaluator 'E 1' may contain only letters, digits and - _ . : /",
                    "m.yaml:5:14: error: mark for Q1 must be a number such as 3, found the value 'high'",
                    "m.yaml:6:17: error: unknown key 'why' in mark for Q2; allowed keys: mark, reason",
                ])
        }
    }

    @Test func oversizedDocumentsAreRefusedBeforeParsing() {
        let parser = DocumentParser(maximumBytes: 100)
        do {
            _ = try parser.parse(Array(repeating: UInt8(ascii: "a"), count: 101), file: "big", documentID: "b")
            Issue.record("accepted an oversized document")
        } catch {
            #expect(error.diagnostics.first?.message.contains("more than the limit of 100") == true)
        }
    }
}
