import Foundation
import TenderRules
import TenderScoring
import Testing

/// The bytes the daemon records for an assessment (written without a tree) equal the canonical form of the
/// tree the reports and replays read, on the shipped examples and on text that needs escaping.
struct ResultLayoutTests {
    static let examples = ["wmca-retrofit-2026-lot1", "bristol-schools-helpdesk-2026"]

    func load(_ example: String) throws -> (Methodology, [Submission], [MarksDocument]) {
        let parser = DocumentParserTests()
        guard case .methodology(let methodology, _) = try parser.parse("Rules/\(example).yaml") else {
            throw CocoaError(.fileReadCorruptFile)
        }
        let folder = "Rules/examples/\(example)"
        var submissions: [Submission] = []
        var marks: [MarksDocument] = []
        let names = try FileManager.default.contentsOfDirectory(
            atPath: DocumentParserTests.repository.appendingPathComponent(folder).path)
        for name in names.sorted() {
            switch try parser.parse("\(folder)/\(name)") {
            case .submission(let submission): submissions.append(submission)
            case .marks(let document): marks.append(document)
            default: break
            }
        }
        return (methodology, submissions, marks)
    }

    @Test(arguments: examples)
    func writtenBytesEqualTheTreesCanonicalForm(_ example: String) throws {
        let (methodology, submissions, marks) = try load(example)
        #expect(submissions.count >= 3)
        var escaped = submissions[0]
        escaped.supplier.name = "Ł\"ódź\" \\ Ltd\t\u{1}中"
        escaped.tenderID = "T-é"
        let engine = ScoringEngine(methodology: methodology)
        let rounding = methodology.evaluation.rounding
        // Arrival assessments, as the daemon records them (gates, criteria, parts, questions and reasons)
        let assessments = (submissions + [escaped]).map { engine.assessOnArrival($0, marks: marks) }
        #expect(assessments.filter { !$0.criteria.isEmpty && !$0.gates.isEmpty }.count >= 3)
        for assessment in assessments {
            #expect(
                assessment.canonicalJSON(rounding: rounding, flags: [])
                    == assessment.json(rounding: rounding, flags: []).canonicalBytes)
        }
        // The final evaluation, with its flags, tender by tender and whole
        let result = engine.evaluate(submissions: submissions, marks: marks)
        #expect(!result.flags.isEmpty || example != Self.examples[0])
        for tender in result.tenders {
            #expect(
                tender.canonicalJSON(rounding: rounding, flags: result.flags)
                    == tender.json(rounding: rounding, flags: result.flags).canonicalBytes)
        }
        var writer = CanonicalJSONWriter()
        result.write(to: &writer)
        #expect(writer.bytes == result.json.canonicalBytes)
        #expect(result.canonicalBytes == writer.bytes)
    }

    @Test(arguments: examples)
    func aResultIsComparedWithRecordedBytesPieceByPiece(_ example: String) throws {
        let (methodology, submissions, marks) = try load(example)
        let result = ScoringEngine(methodology: methodology).evaluate(submissions: submissions, marks: marks)
        let bytes = result.canonicalBytes
        // Written in pieces, the same bytes, in pieces of at least the size asked (the last one shorter)
        var pieces: [[UInt8]] = []
        result.writeCanonicalBytes(inPiecesOf: 97) { pieces.append($0) }
        #expect(pieces.count > 2)
        #expect(pieces.dropLast().allSatisfy { $0.count >= 97 })
        #expect(Array(pieces.joined()) == bytes)
        #expect(Array(result.canonicalPieces.joined()) == bytes)
        // The comparison, reading the recorded bytes a range at a time, holds for the bytes themselves, also as a
        // slice of a larger buffer
        func same(_ recorded: ArraySlice<UInt8>) -> Bool {
            result.hasCanonicalBytes(count: recorded.count) { range in
                Array(recorded[(recorded.startIndex + range.lowerBound)..<(recorded.startIndex + range.upperBound)])
            }
        }
        #expect(same(bytes[...]))
        let opening = Array("{\"result\":".utf8)
        let framed = opening + bytes + [UInt8(ascii: "}")]
        #expect(same(framed[opening.count..<(framed.count - 1)]))
        // and fails for a changed byte (first, middle, last), a missing last byte, and an extra one
        for index in [0, bytes.count / 2, bytes.count - 1] {
            var changed = bytes
            changed[index] ^= 0x01
            #expect(!same(changed[...]), "byte \(index)")
        }
        #expect(!same(bytes.dropLast()))
        #expect(!same((bytes + [0x20])[...]))
        // and when a read fails
        #expect(!result.hasCanonicalBytes(count: bytes.count) { _ in nil })
    }
}
