import Foundation
import TenderDaemon
import TenderLedger
import TenderPlugins
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

    @Test func pluginRunsRecordedBeforeInstancesWereKeptAndReadsDeclaredReplayIdentically() throws {
        // Given the example procurement with its two plugin rules, recorded by tender at 246943c: each call had a
        // fresh instance and the whole submission (the manifests then had no reads)
        let (ledger, key) = try Self.copy("ledger-plugins-tender-0.7.0-246943c")
        let verifier = try NoteVerifier(verifierKey: key)
        let report = try LedgerVerifier(path: ledger, verifier: verifier, trustedCheckpoint: nil).verify()
        #expect(report.isValid, "\(report.problems)")
        let store = try LedgerStore(readOnlyAt: ledger)
        let entry = try #require(try store.entries(type: EvaluationEntry.type).last)
        // When it is replayed with kept instances and the recorded manifests
        let outcomes = EvaluationReplayer(store: store).replayAll([entry])
        // Then every byte matches, the fuel of each plugin call included
        #expect(outcomes.map(\.differences) == [[]])
        let rebuilt = try EvaluationReplayer(store: store).reconstruct(entry)
        let recordedFuel = Self.fuel(in: rebuilt.recordedResult)
        // Two plugin parts for each tender assessed: T-0001, T-0002, T-0003, T-0005 (under a minimum only after its
        // parts are scored) and T-0007 (disregarded by a decision, after assessment); T-0004 failed a gate, T-0006 is late
        #expect(recordedFuel.count == 10)
        #expect(Self.fuel(in: rebuilt.result.json) == recordedFuel)
        // And the shipped plugins now (1.1.0: rewritten modules that read only what their manifests declare) give
        // the same points; their fuel is their own (fuel is the budget a call runs under, not a result)
        let bundle = PluginBundle.load(directory: Repository.path("Plugins"), for: [rebuilt.methodology])
        let now = ScoringEngine(methodology: rebuilt.methodology, plugins: bundle.host).evaluate(
            submissions: rebuilt.submissions, marks: rebuilt.marks, decisions: rebuilt.decisions)
        let nowFuel = Self.fuel(in: now.json)
        #expect(now.tenders.map(\.total) == rebuilt.result.tenders.map(\.total) && now.winner == "T-0003")
        #expect(nowFuel.count == recordedFuel.count)
        #expect(zip(nowFuel, recordedFuel).allSatisfy { $0 != $1 }, "\(nowFuel) against \(recordedFuel)")
    }

    /// Every `fuel_used` in a result, in document order.
    static func fuel(in value: JSONValue) -> [Int64] {
        switch value {
        case .object(let members):
            return members.keys.sorted().flatMap { key -> [Int64] in
                if key == "fuel_used", case .integer(let fuel) = members[key] { return [fuel] }
                return fuel(in: members[key]!)
            }
        case .array(let items): return items.flatMap(fuel(in:))
        default: return []
        }
    }
}
