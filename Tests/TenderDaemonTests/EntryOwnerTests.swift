import Foundation
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderCLI
@testable import TenderDaemon

/// Every ledger entry type has one owner (its name, its body's builder, its reading in `ledger show`) that both
/// routes that write ledgers, the daemon and `tender score --ledger`, go through.
struct EntryOwnerTests {
    static let sources = "\(DaemonHarness.repository)/Sources"

    /// Every Swift file under `folder`, with its text.
    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [(String, String)] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            files.append((relative, try String(contentsOfFile: "\(folder)/\(relative)", encoding: .utf8)))
        }
        return files
    }

    @Test func eachEntryTypeIsNamedAndBuiltInItsOwnersFileOnly() throws {
        // Given the sources of everything that writes ledgers (the benchmark generator writes synthetic ones; the
        // embedded schemas name every type as data)
        let files = try Self.swiftFiles(under: Self.sources).filter {
            !$0.path.hasPrefix("TenderBenchmarks/") && $0.path != "TenderCLI/Schema/SchemaFiles.swift"
        }
        // Then each type's name appears as a literal in exactly one file, its owner's, under Entries/
        for owner in LedgerEntryTypes.all {
            let literal = "\"\(owner.type)\""
            let naming = files.filter { $0.text.contains(literal) }.map(\.path)
            #expect(naming.count == 1 && naming[0].hasPrefix("TenderDaemon/Entries/"), "\(owner.type): \(naming)")
        }
        // And no entry is built anywhere else (the store's own documentation comment aside)
        let builders = files.filter {
            !$0.path.hasPrefix("TenderDaemon/Entries/") && !$0.path.hasPrefix("TenderLedger/")
                && $0.text.contains("EntryDraft(")
        }
        #expect(builders.isEmpty, "\(builders.map(\.path))")
    }

    @Test func theDaemonAndScoreWriteTheSameBodiesAndShowReadsBoth() async throws {
        // Given the example procurement recorded by `tender score --ledger`
        let folder = try TestFolders.make("owners")
        let scored = folder + "/ledger.sqlite"
        let examples = "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        let names = try FileManager.default.contentsOfDirectory(atPath: examples).sorted()
        let evaluation = try Evaluation.load(
            methodology: "\(DaemonHarness.repository)/Rules/wmca-retrofit-2026-lot1.yaml",
            documents: names.map { "\(examples)/\($0)" })
        try ScoreCommand.record(evaluation, result: evaluation.evaluate(), in: scored)
        // and by the daemon
        let daemon = try await DaemonHarness()
        for name in names { try daemon.drop(name, try DaemonHarness.example(name)) }
        try daemon.drop("close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
        try await daemon.waitUntil("the evaluation") {
            try daemon.ledger().entries().contains { $0.type == EvaluationEntry.type }
        }
        try await daemon.stop()
        let fromScore = try LedgerStore(readOnlyAt: scored).entries()
        let fromDaemon = try daemon.ledger().entries()
        // Then every type either writes has an owner
        for entry in fromScore + fromDaemon {
            #expect(LedgerEntryTypes.owner(of: entry.type) != nil, "\(entry.type)")
        }
        // And the types both write have the same members
        func members(_ entries: [LedgerEntry], _ type: String) throws -> Set<String> {
            Set(try #require(try entries.first { $0.type == type }?.json().objectValue).keys)
        }
        for type in [
            RulesetActivatedEntry.type, DocumentReceivedEntry.type, DecisionRecordedEntry.type, EvaluationEntry.type,
        ] {
            #expect(try members(fromScore, type) == members(fromDaemon, type), "\(type)")
        }
        // and, for the same document, the same values but for where and when it was received
        let sha = Hex.sha256(try DaemonHarness.example("T-0001-brightwall.yaml"))
        func received(_ entries: [LedgerEntry]) throws -> [String: JSONValue] {
            let entry = try #require(
                try entries.first {
                    try $0.type == DocumentReceivedEntry.type && $0.json()["document_sha256"] == .string(sha)
                })
            let circumstantial: Set<String> = [
                "seq", "name", "claim", "seen_at", "recorded_at", "source", "ruleset_digest",
            ]
            return try #require(try entry.json().objectValue).filter { !circumstantial.contains($0.key) }
        }
        #expect(try received(fromScore) == received(fromDaemon))
        // And every body of both ledgers validates against its JSON Schema (Schemas/ledger/), where Python can
        // check it (PythonTools)
        if PythonTools.schemas {
            let checked = try await ChildProcess.run([
                ChildProcess.python, "\(DaemonHarness.repository)/Schemas/check.py", "--schema", "document",
                "\(examples)/T-0001-brightwall.yaml", "--ledger", scored, "--ledger", daemon.settings.ledger,
            ])
            #expect(checked.status == 0, "\(checked)")
        }
        // And `ledger show` reads the rule set of each, and of a ledger written before the owners (one methodology)
        let activation = try #require(fromScore.first { $0.type == RulesetActivatedEntry.type }).json()
        #expect(RulesetActivatedEntry.summary(activation).contains("methodologies wmca-retrofit-2026-lot1; 1 file"))
        let before: JSONValue = [
            "methodology": "wmca-retrofit-2026-lot1", "methodology_sha256": .string(String(repeating: "a", count: 64)),
            "ruleset_digest": .string(String(repeating: "a", count: 64)), "engine": "tender-scoring/0.1.0",
        ]
        #expect(RulesetActivatedEntry.summary(before).contains("methodologies wmca-retrofit-2026-lot1; 1 file"))
        // And one line per decision, the same from both: who decided what about which tender, when and on what basis
        func decisionLines(_ entries: [LedgerEntry]) throws -> [String] {
            try entries.filter { $0.type == DecisionRecordedEntry.type }.map {
                DecisionRecordedEntry.summary(try $0.json())
            }
        }
        let lines = try decisionLines(fromDaemon)
        #expect(lines == (try decisionLines(fromScore)))
        #expect(lines.count == 3)
        #expect(
            lines.last?.hasPrefix(
                "T-0007: abnormally-low disregarded by j.okafor (Head of Commercial) on 2026-12-04T15:00:00Z, basis "
                    + "Procurement Act 2023 s.19(3)(c), (4) and (5), document ") == true, "\(lines)")
        #expect(lines.last?.contains("; supersedes ") == true)
    }
}
