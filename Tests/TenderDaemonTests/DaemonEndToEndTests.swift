import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

@Suite(.serialized)
struct DaemonEndToEndTests {
    @Test func theShippedExampleFlowsThroughTheDaemon() async throws {
        // Given a running daemon on the embedded layout, in temporary folders
        let daemon = try await DaemonHarness()
        let names = try FileManager.default.contentsOfDirectory(
            atPath: "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        ).sorted()
        let tenders = names.filter { !$0.hasPrefix("decision-") }
        // When half the tender documents are renamed in and half are copied in slowly by a naive writer
        for (index, name) in tenders.enumerated() {
            if index % 2 == 0 {
                try daemon.drop(name, try DaemonHarness.example(name))
            } else {
                try await daemon.dropSlowly(name, try DaemonHarness.example(name))
            }
        }
        try await daemon.waitUntil("the tender documents archived") {
            daemon.names(daemon.settings.archive).count == tenders.count
        }
        // And then the buyer's decisions on T-0007, which name it (a decision about a tender not yet received is
        // rejected)
        for name in names where name.hasPrefix("decision-") { try daemon.drop(name, try DaemonHarness.example(name)) }
        try await daemon.waitUntil("all documents archived") {
            daemon.names(daemon.settings.archive).count == names.count
        }
        try daemon.drop(
            "close.yaml",
            Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nnotice_date: \"2026-12-21\"\n".utf8))
        let report = "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1/evaluation.json"
        // (provisional reports share the file names, so wait for the ledger's record of the final ones)
        try await daemon.waitUntil("the final report") {
            try daemon.ledger().entries().contains { $0.type == "report-written" }
        }
        try await daemon.stop()
        // Then the ledger, the reports and the archive agree with the hand-checked result
        let result = try JSONParser().parse(Array(Data(contentsOf: URL(fileURLWithPath: report))))
        #expect(result["winner"] == "T-0003")
        #expect(result["tenders"]?.arrayValue?.first?["total_published"] == "86.43")
        let ledger = try daemon.ledger()
        let types = try ledger.entries().map(\.type)
        #expect(types.filter { $0 == "document-received" }.count == names.count + 1)
        #expect(types.filter { $0 == "submission-assessed" }.count == 7)
        #expect(types.filter { $0 == "decision-recorded" }.count == 3)
        #expect(types.filter { $0 == "procurement-evaluated" }.count == 1)
        #expect(types.filter { $0 == "report-written" }.count == 1)
        #expect(types.first == "ruleset-activated")
        #expect(try ledger.intakeRecords().map(\.outcome) == Array(repeating: "accepted", count: names.count + 1))
        #expect(daemon.names(daemon.settings.archive).count == names.count + 1)
        #expect(daemon.names(daemon.inbox).isEmpty && daemon.names(daemon.settings.processing).isEmpty)
        #expect(
            FileManager.default.fileExists(atPath: "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1/evaluation.csv")
        )
        #expect(
            FileManager.default.fileExists(atPath: "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1/evaluation.md"))
        let key = try LedgerKey.load(at: daemon.settings.keyFile)
        let verification = try LedgerVerifier(
            path: daemon.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
        #expect(verification.unsignedEntries == 0)
        let evaluated = try #require(try ledger.entries().first { $0.type == "procurement-evaluated" })
        #expect(EvaluationReplayerProbe.replay(ledger, evaluated).isEmpty)
        // The report set for people was written, its hashes recorded with the evaluation
        let folder = "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1"
        let written = try #require(try ledger.entries().first { $0.type == "report-written" }).json()
        let recorded = try #require(written["reports"]?.arrayValue)
        let reportNames = recorded.compactMap { $0["name"]?.stringValue }
        for name in [
            "evaluation.html", "ocds-release-package.json", "red-flags.json", "summaries/T-0003.html",
            "summaries/T-0001.md",
        ] {
            #expect(reportNames.contains(name), "\(name) missing from \(reportNames)")
        }
        for report in recorded {
            let name = try #require(report["name"]?.stringValue)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
            #expect(
                report["digest"] == .string(Hex.sha256(bytes)), "\(name) on disk differs from the ledger"
            )
        }
        // and the folder holds those files and nothing else (no temporary file left behind)
        #expect(StagedReportsTests.names(under: folder) == reportNames.sorted())
        // The standstill counts 8 working days from the notice, skipping Christmas, the substitute Boxing Day
        // (Monday 28th), the weekends and New Year's Day
        let html = try String(contentsOfFile: "\(folder)/evaluation.html", encoding: .utf8)
        #expect(html.contains("Tuesday 5 January 2027"))
        // And `tender report` regenerates the very same bytes from the ledger alone
        let out = daemon.root + "/regenerated"
        let status = try CrashTests.run(
            ["report", "ocds-h6vhtk-04a1b2", "--lot", "1", "--ledger", daemon.settings.ledger, "--out", out])
        #expect(status == 0)
        for name in reportNames {
            let original = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))
            let again = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(name)"))
            #expect(original == again, "\(name) differs between the daemon and tender report")
        }
        // One info line per document outcome
        #expect(daemon.logs.lines.filter { $0.hasPrefix("info document accepted") }.count == names.count + 1)
    }

    @Test func aRestartedDaemonEvaluatesFromTheLedgerAlone() async throws {
        // Given a daemon that received every example document and was stopped
        let first = try await DaemonHarness()
        let names = try FileManager.default.contentsOfDirectory(
            atPath: "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        ).sorted()
        for name in names { try first.drop(name, try DaemonHarness.example(name)) }
        try await first.waitUntil("all documents archived") {
            first.names(first.settings.archive).count == names.count
        }
        try await first.stop()
        let original = try first.ledger().entries().first {
            $0.type == "document-received" && (try? $0.json()["name"]) == "T-0001-brightwall.yaml"
        }
        // When it starts again (holding only references to what the ledger has), a revised T-0001 arrives and
        // the procurement is closed
        let second = try await DaemonHarness(restartIn: first.root)
        try second.drop(
            "T-0001-revised.yaml", try DaemonHarness.example("T-0001-brightwall.yaml") + Array("# revised\n".utf8))
        try await second.waitUntil("the revision archived") {
            second.names(second.settings.archive).count == names.count + 1
        }
        try second.drop(
            "close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
        try await second.waitUntil("the final report") {
            try second.ledger().entries().contains { $0.type == "report-written" }
        }
        try await second.stop()
        // Then the revision supersedes the document received before the restart, and the evaluation, read back
        // whole from the ledger's blobs, is the hand-checked one and replays identically
        let ledger = try second.ledger()
        let superseded = try ledger.entries().filter { $0.type == "submission-superseded" }.map { try $0.json() }
        #expect(superseded.map { $0["superseded_sha256"] } == [try original?.json()["document_sha256"]])
        let evaluation = try #require(try ledger.entries().last { $0.type == "procurement-evaluated" })
        let result = try #require(try evaluation.json()["result"])
        #expect(result["winner"] == "T-0003")
        #expect(result["tenders"]?.arrayValue?.first?["total_published"] == "86.43")
        #expect(try evaluation.json()["inputs"]?.arrayValue?.count == names.count + 1)
        #expect(EvaluationReplayerProbe.replay(ledger, evaluation).isEmpty)
    }

    @Test func theSameBytesTwiceAreRecordedAsADuplicateNotScoredTwice() async throws {
        let daemon = try await DaemonHarness()
        let bytes = try DaemonHarness.example("T-0001-brightwall.yaml")
        try daemon.drop("first.yaml", bytes)
        try await daemon.waitUntil("first archived") { daemon.names(daemon.settings.archive).count == 1 }
        try daemon.drop("second-name.yaml", bytes)
        try await daemon.waitUntil("duplicate rejected") { daemon.names(daemon.settings.rejected).count == 2 }
        try await daemon.stop()
        let records = try daemon.ledger().intakeRecords()
        #expect(records.map(\.outcome) == ["accepted", "duplicate"])
        let note = try String(
            contentsOfFile:
                "\(daemon.settings.rejected)/\(daemon.names(daemon.settings.rejected).first { $0.hasSuffix(".error.txt") }!)",
            encoding: .utf8)
        #expect(note.contains("same bytes") && note.contains("not scored twice"))
        // and says nothing needs doing, naming the original and its entry (not "correct the file")
        #expect(note.contains("What to do: nothing."))
        #expect(!note.contains("correct the file"))
        #expect(note.contains("as first.yaml, first seen 20") && note.contains("(recorded as ledger entry #"))
        #expect(try daemon.ledger().entries().filter { $0.type == "submission-assessed" }.count == 1)
    }

    @Test func aCopyInALaterBatchOfTheSameRoundIsADuplicateWhileTheFirstIsStillBeingCommitted() async throws {
        // Ten files waiting at startup are one round of three batches (batch size 4); batches are decided while
        // earlier ones commit, so the copy must be caught before its original is in the ledger.
        let original = try DaemonHarness.example("T-0001-brightwall.yaml")
        let daemon = try await DaemonHarness { root in
            let inbox = DaemonSettings(base: root).inbox
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            var files = (1...9).map { ("a-\($0).yaml", original + Array("# revision \($0)\n".utf8)) }
            files.append(("z-copy.yaml", files[0].1))
            for (name, bytes) in files {
                let path = "\(inbox)/\(name)"
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                try FileManager.default.setAttributes([.modificationDate: Date() - 60], ofItemAtPath: path)
            }
        }
        try await daemon.waitUntil("all ten done") {
            daemon.names(daemon.settings.archive).count + daemon.names(daemon.settings.rejected).count == 11
        }
        try await daemon.stop()
        let records = try daemon.ledger().intakeRecords()
        #expect(records.filter { $0.outcome == "accepted" }.count == 9)
        #expect(records.filter { $0.outcome == "duplicate" }.map(\.claim).allSatisfy { $0.contains("z-copy") })
        #expect(daemon.names(daemon.settings.rejected).contains { $0.hasSuffix("z-copy.yaml") })
        let note = try String(
            contentsOfFile:
                "\(daemon.settings.rejected)/\(daemon.names(daemon.settings.rejected).first { $0.hasSuffix(".error.txt") }!)",
            encoding: .utf8)
        #expect(note.contains("a-1.yaml") && note.contains("earlier in the same intake round"))
        #expect(try daemon.ledger().entries().filter { $0.type == "submission-assessed" }.count == 9)
        let key = try LedgerKey.load(at: daemon.settings.keyFile)
        let verification = try LedgerVerifier(
            path: daemon.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
    }
}

enum EvaluationReplayerProbe {
    static func replay(_ ledger: LedgerStore, _ entry: LedgerEntry) -> [String] {
        EvaluationReplayer(store: ledger).replay(entry).differences
    }
}
