import Foundation
import Testing

@testable import TenderLedger

/// Edits of entry bodies (and the type column) that keep the hashes consistent, so only the body checks and
/// the signed checkpoints can reveal them.
enum BodyTamper: String, CaseIterable, CustomStringConvertible, Sendable {
    case notJSON
    case notCanonical
    case seqMismatch
    case typeColumnChanged
    case typeInBodyChanged
    case malformedReference
    case referenceToMissingBlob

    var description: String { rawValue }

    /// The edit of entry 4, as SQL.
    var sql: String {
        let body = "CAST(body AS TEXT)"
        let edit: String
        switch self {
        case .notJSON: edit = "body = CAST('{\"seq\":4' AS BLOB)"
        case .notCanonical: edit = "body = CAST(replace(\(body), '\",\"seq\"', '\", \"seq\"') AS BLOB)"
        case .seqMismatch: edit = "body = CAST(replace(\(body), '\"seq\":4', '\"seq\":40') AS BLOB)"
        case .typeColumnChanged: edit = "type = 'other'"
        case .typeInBodyChanged: edit = "body = CAST(replace(\(body), '_assessed\"', '_assessed2\"') AS BLOB)"
        case .malformedReference:
            edit = "body = CAST(replace(\(body), '\"document_sha256\":\"', '\"document_sha256\":\"X') AS BLOB)"
        case .referenceToMissingBlob:
            edit =
                "body = CAST(replace(\(body), json_extract(\(body), '$.document_sha256'), '\(String(repeating: "0", count: 64))') AS BLOB)"
        }
        return "DROP TRIGGER entries_no_update; UPDATE entries SET \(edit) WHERE seq = 4;"
    }

    /// The problem the body check must name at entry 4.
    var expected: LedgerProblem.Kind {
        switch self {
        case .notJSON: .bodyNotJSON
        case .notCanonical: .bodyNotCanonical
        case .seqMismatch, .typeColumnChanged, .typeInBodyChanged: .bodyMismatch
        case .malformedReference: .badBlobReference
        case .referenceToMissingBlob: .missingBlob
        }
    }

    /// A 10-entry ledger (checkpoints at 4, 8 and 10) with entry 4 edited and every hash recomputed.
    func build(in folder: TemporaryFolder) throws -> LedgerFixture {
        let fixture = try LedgerFixture(in: folder, count: 10)
        _ = try LedgerStore(path: fixture.ledgerPath, signer: fixture.key.signer, checkpointEvery: 4).writeCheckpoint()
        try fixture.tamper(sql)
        try RawLedgerAccess.rehashAll(path: fixture.ledgerPath)
        return fixture
    }
}

struct BodyTamperTests {
    @Test(arguments: BodyTamper.allCases)
    func bodyChecksNameTheEditedEntry(tamper: BodyTamper) throws {
        // Given a ledger whose entry 4 was edited and rehashed
        let folder = try TemporaryFolder()
        let fixture = try tamper.build(in: folder)
        // When it is verified
        let report = try fixture.verify()
        // Then the body problem is named at entry 4, and the signed checkpoint covering it no longer matches
        // (the type column is not hashed, so changing it leaves the tree intact)
        let bodyProblems = report.problems.filter { $0.seq != nil }
        #expect(bodyProblems.map(\.kind) == [tamper.expected], "\(report.problems)")
        #expect(bodyProblems.map(\.seq) == [4])
        let treeKinds = Set(report.problems.filter { $0.seq == nil }.map(\.kind))
        #expect(treeKinds == (tamper == .typeColumnChanged ? [] : [.checkpointMismatch]), "\(report.problems)")
    }

    @Test func bodyMessagesAreTheReferenceMessages() throws {
        // Given ledgers with four different edits of entry 4, When verified, Then the messages are the usual ones
        let folders = try (0..<4).map { _ in try TemporaryFolder() }
        let seq = try BodyTamper.seqMismatch.build(in: folders[0]).verify()
        #expect(seq.problems.first?.message == "body.seq is 40, not 4")
        let type = try BodyTamper.typeColumnChanged.build(in: folders[1]).verify()
        #expect(type.problems.first?.message == "body.type is \"submission_assessed\", not 'other'")
        let canonical = try BodyTamper.notCanonical.build(in: folders[2]).verify()
        #expect(canonical.problems.first?.message == "body is not canonical JSON (sorted keys, no spaces)")
        let reference = try BodyTamper.malformedReference.build(in: folders[3]).verify()
        #expect(
            reference.problems.first?.message
                == "document_sha256: must be 64 lowercase hex digits, an array of them, or null")
    }

    @Test(arguments: TamperScenario.allCases.map(\.rawValue) + BodyTamper.allCases.map(\.rawValue))
    func chunkingAndThreadsDoNotChangeTheReport(name: String) throws {
        // Given a tampered (or honest) ledger
        let folder = try TemporaryFolder()
        let fixture: LedgerFixture
        var trusted: String?
        if let scenario = TamperScenario(rawValue: name) {
            (fixture, trusted) = try scenario.build(in: folder)
        } else {
            fixture = try #require(BodyTamper(rawValue: name)).build(in: folder)
        }
        // When it is verified by one worker in one chunk, and by several workers in one-entry chunks
        var serial = LedgerVerifier(path: fixture.ledgerPath, verifier: fixture.verifier, trustedCheckpoint: trusted)
        serial.workerCount = 1
        serial.keysPerChunk = 1_000_000
        var chunked = serial
        chunked.workerCount = 3
        chunked.keysPerChunk = 1
        chunked.chunksPerWindow = 2
        // Then the reports are identical, problem for problem and in the same order
        let expected = try serial.verify()
        #expect(try chunked.verify() == expected)
        #expect(try fixture.verify(trusted: trusted) == expected)
    }
}
