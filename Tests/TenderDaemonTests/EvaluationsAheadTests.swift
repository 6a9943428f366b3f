import Foundation
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring
import Testing

@testable import TenderDaemon

/// A burst of close requests has its evaluations made ahead, together: what the ledger records is what closes decided
/// one at a time record, and an evaluation made ahead is taken only while its procurement's inputs are unchanged.
@Suite(.serialized)
struct EvaluationsAheadTests {
    static let procurements = ["bristol-schools-helpdesk-2026", "wmca-retrofit-2026-lot1"]
    static let closes = [
        ("a-close.yaml", "kind: close\nprocurement: ocds-b5fd17-2026-0142\nnotice_date: \"2026-12-21\"\n"),
        ("b-close.yaml", "kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nnotice_date: \"2026-12-21\"\n"),
    ]

    /// Every example document of both procurements recorded, then both closes taken by a daemon that decides at most
    /// `batchSize` documents a batch, after `before` files it rejects; stopped once both sets of reports are recorded.
    func close(batchSize: Int, before: Int = 0) async throws -> DaemonHarness {
        let first = try await DaemonHarness()
        let count = try first.dropExamples(of: Self.procurements)
        try await first.waitUntil("the documents archived") { first.names(first.settings.archive).count == count }
        try await first.stop()
        for index in 0..<before {
            try Data("kind: nothing-known\n".utf8).write(
                to: URL(fileURLWithPath: "\(first.settings.inbox)/0-unknown-\(index).yaml"))
        }
        for (name, text) in Self.closes {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(first.settings.inbox)/\(name)"))
        }
        // Written a minute ago: all ready at the first scan, so one round takes them in name order (a file younger
        // than the inbox's stability wait is taken a scan later, in a round of its own).
        for name in first.names(first.settings.inbox) {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: "\(first.settings.inbox)/\(name)")
        }
        let daemon = try await DaemonHarness(restartIn: first.root, adjust: { $0.batchSize = batchSize })
        try await daemon.waitUntil("both closes' reports recorded") {
            try daemon.ledger().entries(type: "report-written").count == 2
        }
        try await daemon.stop()
        #expect(daemon.names(daemon.settings.archive).count == count + 2)
        #expect(daemon.names(daemon.settings.rejected).filter { !$0.hasSuffix(".error.txt") }.count == before)
        return daemon
    }

    @Test func closesEvaluatedAheadRecordWhatClosesDecidedOneAtATimeRecord() async throws {
        // Given both shipped unlotted procurements' documents, recorded; when both are closed in one batch, and again
        // (in other state folders) in the batch after one of two files the daemon rejects, and one close a batch
        let together = try await close(batchSize: 16)
        let following = try await close(batchSize: 2, before: 2)
        let apart = try await close(batchSize: 1)
        // Then the batch of two made both evaluations ahead and took both, as did the batch after the rejected files
        // (made while the batch before it was decided); one close a batch made none
        for daemon in [together, following] {
            #expect(
                daemon.logs.lines.contains {
                    $0.contains("close evaluations made ahead") && $0.contains("evaluations.made=2")
                        && $0.contains("evaluations.taken=2")
                })
        }
        let forNext = "close evaluations made ahead for the next batch"
        #expect(following.logs.lines.contains { $0.contains(forNext) && $0.contains("evaluations.made=2") })
        #expect(!together.logs.lines.contains { $0.contains(forNext) })
        // (the batch after the rejected files took those made while they were decided; the batch of two made its own)
        for (daemon, during) in [(following, "previous_batch"), (together, "this_batch")] {
            #expect(
                daemon.logs.lines.contains {
                    $0.contains("close evaluations made ahead") && $0.contains("evaluations.made_during=\(during)")
                })
        }
        #expect(!apart.logs.lines.contains { $0.contains("close evaluations made ahead") })
        // And all three recorded the same evaluations, result for result
        let results = try [together, following, apart].map { daemon in
            try daemon.ledger().entries(type: "procurement-evaluated").map { try $0.json()["result"] }
        }
        #expect(results[0].count == 2)
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
        // And each evaluation's reports are in place as its report-written entry records them, citing it, and it
        // replays as recorded
        let ledger = try together.ledger()
        let evaluated = try ledger.entries(type: "procurement-evaluated")
        let written = try ledger.entries(type: "report-written").compactMap {
            ReportWrittenEntry.recorded(try $0.json())
        }
        #expect(written.map(\.evaluationSeq) == evaluated.map(\.seq))
        #expect(written.map(\.folderName) == ["ocds-b5fd17-2026-0142", "ocds-h6vhtk-04a1b2-lot-1"])
        for (folder, seq, files) in written {
            #expect(files.count > 2)
            for (name, digest) in files {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(together.settings.reports)/\(folder)/\(name)"))
                #expect(Hex.sha256(Array(bytes)) == digest, "\(folder)/\(name)")
            }
            let html = try String(
                contentsOfFile: "\(together.settings.reports)/\(folder)/evaluation.html", encoding: .utf8)
            #expect(html.contains("sequence \(seq)"))
        }
        for entry in evaluated {
            #expect(EvaluationReplayerProbe.replay(ledger, entry).isEmpty)
        }
        let key = try LedgerKey.load(at: together.settings.keyFile)
        let verification = try LedgerVerifier(
            path: together.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
    }

    @Test func anEvaluationMadeAheadIsNotTakenOnceItsProcurementHasAnotherDocument() throws {
        // Given the shipped rule set, and a book holding both unlotted procurements' submissions
        let repository = DaemonHarness.repository
        let loader = RuleSetLoader(rules: "\(repository)/Rules", plugins: "\(repository)/Plugins")
        let ruleSet = try loader.load(loader.files()).get()
        let parser = DocumentParser()
        var book = ProcurementBook(loader: { _ in nil }, entryLoader: { _ in nil })
        var keys: [ProcurementKey] = []
        var spare: (ProcurementBook.Document, ProcurementKey)?
        for procurement in Self.procurements {
            let folder = "\(repository)/Rules/examples/\(procurement)"
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
                let sha = Hex.sha256(bytes)
                guard case .submission(let submission) = try parser.parse(bytes, file: name, documentID: sha) else {
                    continue
                }
                let key = ProcurementKey(reference: submission.procurement, lot: submission.lot)
                let document = ProcurementBook.Document(
                    name: name, sha256: sha, kind: "submission", seenAt: Timestamp(seconds: 1_800_000_000),
                    parsed: .submission(submission), complete: true)
                if keys.last != key { keys.append(key) }
                book.add(document, to: key)
                spare = (document, key)
            }
        }
        #expect(keys.count == 2)
        // When both are closed in one batch, their evaluations made ahead, and then the second procurement gets
        // another document before its close takes its evaluation
        let claims = try Self.closes.map { name, text in
            let bytes = Array(text.utf8)
            let sha = Hex.sha256(bytes)
            return PreparedClaim(
                claim: Claim(originalName: name, seenAt: Timestamp(seconds: 1_800_000_100), counter: 0),
                content: .read(
                    bytes: bytes, sha: sha, parsed: .success(try parser.parse(bytes, file: name, documentID: sha))))
        }
        var ahead = EvaluationsAhead(claims, ruleSet: ruleSet, book: &book)
        #expect(ahead.madeCount == 2)
        var (extra, extraKey) = try #require(spare)
        extra.sha256 = String(repeating: "e", count: 64)
        extra.name = "resubmitted.yaml"
        book.add(extra, to: extraKey)
        #expect(extraKey == keys[1])
        // Then the first procurement's close takes its evaluation, the one it would have made itself
        let first = try #require(ahead.take(keys[0], book: &book))
        let entry = try #require(ruleSet.entry(for: keys[0]))
        let direct = try book.evaluation(keys[0], methodology: entry.methodology, plugins: ruleSet.plugins.host)
        let made = ScoringEngine(methodology: entry.methodology, plugins: ruleSet.plugins.host).evaluate(
            submissions: direct.tenders, marks: book.marks(keys[0]), decisions: book.decisions(keys[0]))
        #expect(first.result.canonicalBytes == made.canonicalBytes)
        #expect(first.serialized?.bytes == made.canonicalBytes)
        #expect(first.inputs == direct.inputs)
        // And the second's, made before the new document, is not taken (its close evaluates again), and is let go
        let taken = ahead.take(keys[1], book: &book) != nil
        #expect(!taken, "an evaluation made before the procurement's last document was taken")
        #expect(ahead.takenCount == 1)
    }

    @Test func aBatchThatBringsAProcurementToAThousandTendersEvaluatesLarge() throws {
        // Given the shipped rule set and the Bristol procurement with 990 submissions in the book
        let repository = DaemonHarness.repository
        let loader = RuleSetLoader(rules: "\(repository)/Rules", plugins: "\(repository)/Plugins")
        let ruleSet = try loader.load(loader.files()).get()
        let parser = DocumentParser()
        let name = "H-01-avon-digital.yaml"
        let bytes = Array(
            try Data(
                contentsOf: URL(fileURLWithPath: "\(repository)/Rules/examples/bristol-schools-helpdesk-2026/\(name)")))
        let parsed = try parser.parse(bytes, file: name, documentID: Hex.sha256(bytes))
        guard case .submission(let submission) = parsed else {
            Issue.record("\(name) is not a submission")
            return
        }
        let key = ProcurementKey(reference: submission.procurement, lot: submission.lot)
        var book = ProcurementBook(loader: { _ in nil }, entryLoader: { _ in nil })
        for _ in 0..<990 {
            book.add(
                .init(
                    name: name, sha256: Hex.sha256(bytes), kind: "submission", seenAt: nil,
                    parsed: .submission(submission), complete: true), to: key)
        }
        func claim(_ name: String, _ document: ParsedDocument) -> PreparedClaim {
            PreparedClaim(
                claim: Claim(originalName: name, seenAt: Timestamp(seconds: 1_800_000_000), counter: 0),
                content: .read(bytes: bytes, sha: Hex.sha256(Array(name.utf8)), parsed: .success(document)))
        }
        let closeText = Array("kind: close\nprocurement: \(submission.procurement)\n".utf8)
        let close = claim("close.yaml", try parser.parse(closeText, file: "close.yaml", documentID: "c"))
        // When a batch brings 9 more and closes it, and when it brings 10 more and closes it
        let nine = (0..<9).map { claim("s\($0).yaml", parsed) } + [close]
        let ten = (0..<10).map { claim("s\($0).yaml", parsed) } + [close]
        // Then only the batch that brings it to 1,000 tenders may evaluate a large procurement (nothing overlaps it)
        #expect(!EvaluationsAhead.evaluatesLarge(nine, ruleSet: ruleSet, book: &book))
        #expect(EvaluationsAhead.evaluatesLarge(ten, ruleSet: ruleSet, book: &book))
        // And a batch without a close or decision evaluates nothing
        #expect(!EvaluationsAhead.evaluatesLarge(Array(ten.dropLast()), ruleSet: ruleSet, book: &book))
    }
}
