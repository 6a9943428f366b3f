import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

/// Ledgers written by earlier versions keep verifying and replaying identically (see `Fixtures/README.md`).
struct EarlierLedgerTests {
    /// A copy of the fixture ledger in a temporary folder (opening it writes SQLite's shared-memory files).
    static func copy(_ name: String) throws -> (ledger: String, key: String) {
        let fixture = Repository.path("Tests/TenderCLITests/Fixtures/\(name)")
        let folder = try Repository.temporaryFolder()
        try FileManager.default.copyItem(atPath: "\(fixture)/ledger.sqlite", toPath: "\(folder)/ledger.sqlite")
        let key = try String(contentsOfFile: "\(fixture)/verifier-key.txt", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return ("\(folder)/ledger.sqlite", key)
    }

    @Test func aLedgerOfTender070VerifiesAndReplaysWithTheSemanticsItWasRecordedWith() throws {
        // Given the ledger tender 0.7.0 wrote, whose evaluation named the abnormally low T-0007 the winner
        let (ledger, key) = try Self.copy("ledger-tender-0.7.0")
        let verifier = try NoteVerifier(verifierKey: key)
        // Then it verifies with the key that signed it
        let report = try LedgerVerifier(path: ledger, verifier: verifier, trustedCheckpoint: nil).verify()
        #expect(report.isValid, "\(report.problems)")
        // And its evaluation replays byte for byte, by engine 0.1.0's rules
        let store = try LedgerStore(readOnlyAt: ledger)
        let entries = try store.entries(type: EvaluationEntry.type)
        #expect(entries.count == 1)
        let body = try #require(try entries.first?.json())
        #expect(body["engine"] == .string(ScoringEngine.firstVersion) && body["winner"] == "T-0007")
        let outcomes = EvaluationReplayer(store: store).replayAll(entries)
        #expect(outcomes.map(\.differences) == [[]])
        // And the current engine's rules would differ: T-0007's abnormally low price now holds the award
        let rebuilt = try EvaluationReplayer(store: store).reconstruct(try #require(entries.first))
        let current = ScoringEngine(methodology: rebuilt.methodology).evaluate(
            submissions: rebuilt.submissions, marks: [])
        #expect(!current.isFinal && current.winner == nil && current.holds.map(\.tender) == ["T-0007"])
    }
}
