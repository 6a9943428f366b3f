import ArgumentParser
import Foundation
import TenderDaemon
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderCLI
@testable import TenderLedger

struct LedgerReplayTests {
    /// Scores the shipped example into a fresh ledger and returns its path.
    func recordedLedger() throws -> String {
        let ledger = try Repository.temporaryFolder() + "/ledger.sqlite"
        let score = try #require(
            try TenderCommand.parseAsRoot(
                ["score", "--ledger", ledger, "--rules", Repository.retrofit] + Repository.retrofitExamples)
                as? ScoreCommand)
        _ = try score.render()
        return ledger
    }

    /// An attacker's edit: `old` replaced by `new` in every recorded evaluation's body, then every row re-hashed.
    static func editEvaluations(in ledger: String, replacing old: String, with new: String) throws {
        try RawLedgerAccess.execute(
            path: ledger,
            """
            DROP TRIGGER IF EXISTS entries_no_update;
            UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), '\(old)', '\(new)') AS BLOB)
            WHERE type = 'procurement-evaluated';
            """)
        try RawLedgerAccess.rehashAll(path: ledger)
    }

    /// Replays every recorded evaluation as the command does (each body read from the ledger a piece at a time),
    /// expecting what replaying each entry held whole gives.
    func replay(_ ledger: String) throws -> [EvaluationReplayer.Outcome] {
        let store = try LedgerStore(readOnlyAt: ledger)
        let replayer = EvaluationReplayer(store: store)
        let entries = try store.entries().filter { $0.type == EvaluationRecord.procurementEvaluated }
        #expect(try store.seqs(type: EvaluationRecord.procurementEvaluated) == entries.map(\.seq))
        let outcomes = replayer.replayAll(seqs: entries.map(\.seq))
        #expect(outcomes.map(\.differences) == entries.map { replayer.replay($0).differences })
        #expect(outcomes.map(\.procurement) == entries.map { replayer.replay($0).procurement })
        return outcomes
    }

    @Test func anHonestLedgerVerifiesAndReplaysIdentically() throws {
        let ledger = try recordedLedger()
        let store = try LedgerStore(readOnlyAt: ledger)
        // (each decision's document-received entry is followed by its decision-recorded entry)
        let documents = Repository.retrofitExamples.flatMap { path in
            (path as NSString).lastPathComponent.hasPrefix("decision-")
                ? ["document-received", "decision-recorded"] : ["document-received"]
        }
        #expect(documents.filter { $0 == "decision-recorded" }.count == 3)
        #expect(try store.entries().map(\.type) == ["ruleset-activated"] + documents + ["procurement-evaluated"])
        let key = try LedgerKey.load(at: LedgerKey.defaultPath(forLedger: ledger))
        let report = try LedgerVerifier(path: ledger, verifier: key.verifier, trustedCheckpoint: nil).verify()
        #expect(report.isValid, "\(report.problems)")
        let outcomes = try replay(ledger)
        #expect(outcomes.count == 1)
        #expect(outcomes[0].differences.isEmpty, "\(outcomes[0].differences)")
    }

    @Test func aReplacedDocumentBlobChangesTheReplayedResult() throws {
        // Given an attacker who swaps Brightwall's document for a cheaper one in the blob table
        let ledger = try recordedLedger()
        let original = try String(contentsOfFile: Repository.retrofitExamples[0], encoding: .utf8)
        let forged = original.replacingOccurrences(of: "total: 1024000", with: "total: 824000")
        let hash = Hex.sha256(Array(original.utf8))
        try RawLedgerAccess.execute(
            path: ledger,
            "DROP TRIGGER IF EXISTS blobs_no_update; UPDATE blobs SET bytes = X'\(Hex.encode(Array(forged.utf8)))' WHERE sha256 = '\(hash)';"
        )
        // When replayed, Then the difference is named
        let outcome = try #require(try replay(ledger).first)
        #expect(!outcome.differences.isEmpty)
        #expect(
            outcome.differences.contains { $0.contains("price") || $0.contains("document") }, "\(outcome.differences)")
    }

    @Test func anEditedRecordedResultIsCaughtByReplayEvenWhenRehashed() throws {
        // Given an attacker who raises T-0003's published total in the recorded result and re-hashes every row
        let ledger = try recordedLedger()
        try Self.editEvaluations(
            in: ledger, replacing: #""total_published":"86.43""#, with: #""total_published":"96.43""#)
        // When replayed, Then the exact field is named
        let outcome = try #require(try replay(ledger).first)
        #expect(outcome.differences == [#"result.tenders[0].total_published: recorded "96.43", replayed "86.43""#])
    }

    @Test func aRecordedResultThatIsNotJSONIsNamedAsBefore() throws {
        // Given the recorded evaluation with bytes that are not JSON inside its result (the rest of the body intact)
        let ledger = try recordedLedger()
        let store = try LedgerStore(readOnlyAt: ledger)
        let recorded = try #require(try store.entries(type: EvaluationRecord.procurementEvaluated).first)
        let text = String(decoding: recorded.body, as: UTF8.self)
        #expect(text.contains(#""result":{"#))
        let corrupt = text.replacingOccurrences(of: #""result":{"#, with: #""result":{x"#)
        let entry = LedgerEntry(
            seq: recorded.seq, type: recorded.type, body: Array(corrupt.utf8), leafHash: recorded.leafHash,
            chainHash: recorded.chainHash)
        // When it is replayed
        let outcome = EvaluationReplayer(store: store).replay(entry)
        // Then the body is named as not JSON, at the stored bytes' offset, as when the body was parsed whole
        let error = try #require(throws: JSONParser.Failure.self) { try entry.json() }
        #expect(outcome.differences == ["the entry body is not JSON: \(error)"])
        #expect(outcome.procurement == "?")
    }

    @Test func replayAllGivesEachEntrysOutcomeInOrder() throws {
        // Given the recorded evaluation several times under different positions, and one entry that is not JSON
        let ledger = try recordedLedger()
        let store = try LedgerStore(readOnlyAt: ledger)
        let recorded = try #require(try store.entries(type: EvaluationRecord.procurementEvaluated).first)
        #expect(try store.entries(type: EvaluationRecord.procurementEvaluated) == [recorded])
        let entries = (0..<6).map { index in
            LedgerEntry(
                seq: 100 + index, type: recorded.type, body: index == 3 ? Array("{".utf8) : recorded.body,
                leafHash: recorded.leafHash, chainHash: recorded.chainHash)
        }
        // When they are replayed together on all cores
        let replayer = EvaluationReplayer(store: store)
        let outcomes = replayer.replayAll(entries)
        // Then each outcome is the entry's own, in the order given, as replaying them one by one gives
        #expect(outcomes.map(\.seq) == Array(100..<106))
        #expect(outcomes.map(\.differences) == entries.map { replayer.replay($0).differences })
        #expect(outcomes.map(\.differences.isEmpty) == [true, true, true, false, true, true])
        let inputs = Repository.retrofitExamples.count
        #expect(outcomes.map(\.inputs) == [inputs, inputs, inputs, 0, inputs, inputs])
    }

    @Test func aLargeRecordedResultIsComparedPieceByPiece() throws {
        // Given an evaluation of 80 tenders recorded by tender score, its body several times the 64 KiB that replay
        // reads at a time
        let folder = try Repository.temporaryFolder()
        let paths = try RetrofitCopies.write(
            80, from: Repository.path("Rules/examples/wmca-retrofit-2026-lot1"), into: folder)
        let ledger = folder + "/ledger.sqlite"
        let score = try #require(
            try TenderCommand.parseAsRoot(["score", "--ledger", ledger, "--rules", Repository.retrofit] + paths)
                as? ScoreCommand)
        _ = try score.render()
        let store = try LedgerStore(readOnlyAt: ledger)
        let seq = try #require(try store.seqs(type: EvaluationRecord.procurementEvaluated).first)
        let body = try #require(try store.entry(seq: seq)).body
        #expect(body.count > 4 << 16)
        // (the supplier renamed below first appears past the first piece)
        let name = Array("Cladco 179 Ltd".utf8)
        let first = try #require(
            (0...(body.count - name.count)).first { body[$0..<($0 + name.count)].elementsEqual(name) })
        #expect(first > 1 << 16)
        // Then it replays identically from the pieces read
        let replayer = EvaluationReplayer(store: store)
        #expect(replayer.replay(seq: seq).differences.isEmpty)
        // When the dearest tender's supplier, ranked last (past the first pieces), is renamed in the recorded result
        // and every row is re-hashed
        try Self.editEvaluations(in: ledger, replacing: "Cladco 179 Ltd", with: "Cladco 971 Ltd")
        // Then replay names that difference, as replaying the entry held whole does
        let tampered = try LedgerStore(readOnlyAt: ledger)
        let outcome = EvaluationReplayer(store: tampered).replay(seq: seq)
        #expect(outcome.differences.contains { $0.contains(#"recorded "Cladco 971 Ltd", replayed "Cladco 179 Ltd""#) })
        let held = try #require(try tampered.entry(seq: seq))
        #expect(EvaluationReplayer(store: tampered).replay(held).differences == outcome.differences)
    }

    @Test func aBodyTheLedgerCannotOpenIsNamedWithSQLitesReason() throws {
        // Given the recorded evaluation's body replaced by a number (no blob to open)
        let ledger = try recordedLedger()
        let seq = try #require(
            try LedgerStore(readOnlyAt: ledger).seqs(type: EvaluationRecord.procurementEvaluated).first)
        try RawLedgerAccess.execute(
            path: ledger, "DROP TRIGGER IF EXISTS entries_no_update; UPDATE entries SET body = 42 WHERE seq = \(seq);")
        let store = try LedgerStore(readOnlyAt: ledger)
        // When it is read a piece at a time, Then SQLite's reason is given, with the next step
        #expect(throws: LedgerError.self) { try store.withEntryBody(seq: seq) { count, _ in count } }
        let outcome = EvaluationReplayer(store: store).replay(seq: seq)
        #expect(
            outcome.differences == [
                "Ledger reading entry \(seq)'s body failed: cannot open value of type integer. Run 'tender ledger verify'."
            ])
    }

    @Test func anEntryTheLedgerDoesNotHoldIsNamed() throws {
        let store = try LedgerStore(readOnlyAt: try recordedLedger())
        let outcome = EvaluationReplayer(store: store).replay(seq: try store.size())
        #expect(outcome.differences == ["the ledger has no entry #\(try store.size())"])
    }

    @Test func theReplayCommandReplaysEveryEvaluation() throws {
        let ledger = try recordedLedger()
        let replay = try #require(
            try TenderCommand.parseAsRoot(["ledger", "replay", "--ledger", ledger]) as? LedgerReplayCommand)
        try replay.run()
    }
}

struct LedgerCommandTests {
    @Test func verifyPassesAnHonestLedgerAndFailsAnEditedOne() throws {
        // Given a recorded ledger
        let ledger = try LedgerReplayTests().recordedLedger()
        let verify = try #require(
            try TenderCommand.parseAsRoot(["ledger", "verify", "--ledger", ledger]) as? LedgerVerifyCommand)
        // Then it verifies
        try verify.run()
        // When a body is edited and the rows re-hashed
        try LedgerReplayTests.editEvaluations(in: ledger, replacing: #""final":true"#, with: #""final":false"#)
        // Then the signed checkpoint no longer matches and verify exits 1
        #expect(throws: ExitCode.self) { try verify.run() }
    }

    @Test func aReceiptForOneEntryVerifiesWithTheLedgerKeyAlone() throws {
        let ledger = try LedgerReplayTests().recordedLedger()
        let store = try LedgerStore(readOnlyAt: ledger)
        let key = try LedgerKey.load(at: LedgerKey.defaultPath(forLedger: ledger))
        let receipt = try LedgerReceipt(store: store, seq: 3)
        try receipt.verify(with: key.verifier)
        // ruleset-activated, each document (and each decision's decision-recorded), procurement-evaluated
        #expect(receipt.treeSize == 1 + Repository.retrofitExamples.count + 3 + 1)
        #expect(receipt.json["inclusion_proof"]?.arrayValue?.isEmpty == false)
    }
}
