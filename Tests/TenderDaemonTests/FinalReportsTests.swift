import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

/// The reports of a batch's evaluations are rendered together; their ledger numbers are those one after another gives.
@Suite(.serialized)
struct FinalReportsTests {
    /// A daemon restarted (taking at most 16 documents a batch) with two closes in its inbox, after a first one
    /// recorded every example document of `procurements`: first `unrenderable`'s, with a notice date whose standstill
    /// the bank-holiday table cannot count (its reports cannot be rendered), then the retrofit's; both archived.
    func restart(recording procurements: [String], closing unrenderable: String) async throws -> DaemonHarness {
        let first = try await DaemonHarness()
        let count = try first.dropExamples(of: procurements)
        try await first.waitUntil("the tenders archived") { first.names(first.settings.archive).count == count }
        try await first.stop()
        let closes = [
            ("a-close.yaml", "kind: close\nprocurement: \(unrenderable)\nnotice_date: \"2099-12-30\"\n"),
            ("b-close.yaml", "kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nnotice_date: \"2026-12-21\"\n"),
        ]
        for (name, text) in closes {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(first.settings.inbox)/\(name)"))
        }
        let daemon = try await DaemonHarness(restartIn: first.root, adjust: { $0.batchSize = 16 })
        try await daemon.waitUntil("the closes archived") { daemon.names(daemon.settings.archive).count == count + 2 }
        return daemon
    }

    /// The temporary report files left under the daemon's reports folder.
    func temporaryFiles(_ daemon: DaemonHarness) -> [String]? {
        FileManager.default.enumerator(atPath: daemon.settings.reports)?.allObjects.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".tmp") }
    }

    @Test func reportsThatCannotBeRenderedLeaveTheNextEvaluationsNumbersRight() async throws {
        // Given the tenders of two shipped procurements, recorded; when both are closed in one batch, the first with a
        // notice date whose standstill the bank-holiday table cannot count (its reports cannot be rendered), and the
        // daemon starts with both closes in its inbox
        let daemon = try await restart(
            recording: ["bristol-schools-helpdesk-2026", "wmca-retrofit-2026-lot1"], closing: "ocds-b5fd17-2026-0142")
        try await daemon.waitUntil("the reports recorded") {
            try daemon.ledger().entries().contains { $0.type == "report-written" }
        }
        try await daemon.stop()
        // Then both closes were taken in one round (one batch: at most 16 documents), the first one first
        #expect(daemon.logs.lines.contains { $0.contains("intake round done") && $0.contains("intake.documents=2") })
        // And both evaluations are recorded, the first without reports (the log says why)
        let ledger = try daemon.ledger()
        let entries = try ledger.entries()
        let evaluated = entries.filter { $0.type == "procurement-evaluated" }
        #expect(try evaluated.map { try $0.json()["procurement"] } == ["ocds-b5fd17-2026-0142", "ocds-h6vhtk-04a1b2"])
        #expect(daemon.logs.lines.contains { $0.contains("could not render reports") })
        // And the one report-written entry names the second evaluation's entry, and its files are in place
        let written = try #require(entries.filter { $0.type == "report-written" }.only)
        let body = try written.json()
        let recorded: JSONValue? = body["evaluation_seq"]
        guard case .integer(let number)? = recorded else {
            Issue.record("the report-written entry has no evaluation_seq")
            return
        }
        let seq = Int(number)
        let named = try #require(try ledger.entry(seq: seq))
        #expect(named.type == "procurement-evaluated")
        #expect(try named.json()["procurement"] == "ocds-h6vhtk-04a1b2")
        #expect(seq == evaluated.last?.seq)
        let folder = "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1"
        for file in try #require(body["reports"]?.arrayValue) {
            let name = try #require(file["name"]?.stringValue)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))
            #expect(Hex.sha256(Array(bytes)) == file["digest"]?.stringValue, "\(name)")
        }
        // And no temporary file is left (those rendered with numbers that moved were removed)
        #expect(temporaryFiles(daemon) == [])
        // And the evaluation report cites that entry
        let html = try String(contentsOfFile: "\(folder)/evaluation.html", encoding: .utf8)
        #expect(html.contains("sequence \(seq)"))
        let key = try LedgerKey.load(at: daemon.settings.keyFile)
        let verification = try LedgerVerifier(
            path: daemon.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        )
        .verify()
        #expect(verification.isValid, "\(verification.problems)")
    }

    @Test func aTenderAfterTheCloseLeavesTheFinalReportsAsTheLedgerRecordsThem() async throws {
        // Given the retrofit procurement's documents and its close, its final reports in place
        let examples = "\(DaemonHarness.repository)/Rules/examples"
        let daemon = try await DaemonHarness()
        let retrofit = try FileManager.default.contentsOfDirectory(atPath: "\(examples)/wmca-retrofit-2026-lot1")
            .sorted()
        for name in retrofit { try daemon.drop(name, try DaemonHarness.example(name)) }
        try await daemon.waitUntil("the tenders archived") {
            daemon.names(daemon.settings.archive).count == retrofit.count
        }
        try daemon.drop("close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
        try await daemon.waitUntil("the close archived") {
            daemon.names(daemon.settings.archive).count == retrofit.count + 1
        }
        // (and more than the two seconds after which a procurement's provisional reports may be written again, so a
        // provisional round after the next documents would take it if it took closed procurements)
        try await Task.sleep(for: .seconds(2.5))
        // When a tender for it arrives after the close (after the deadline: recorded as late), beside a tender for a
        // procurement still open, whose provisional reports show that the provisional round has run
        let late = String(decoding: try DaemonHarness.example("T-0001-brightwall.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "tender_id: T-0001", with: "tender_id: T-0009")
            .replacingOccurrences(of: "GB-COH-09876543", with: "GB-COH-09999999")
            .replacingOccurrences(of: "received_at: 2026-11-28T09:14:00Z", with: "received_at: 2026-12-20T09:14:00Z")
        try daemon.drop("T-0009-late.yaml", Array(late.utf8))
        let open = "\(examples)/bristol-schools-helpdesk-2026/H-01-avon-digital.yaml"
        try daemon.drop("H-01-avon-digital.yaml", Array(try Data(contentsOf: URL(fileURLWithPath: open))))
        let openReports = "\(daemon.settings.reports)/ocds-b5fd17-2026-0142/evaluation.json"
        try await daemon.waitUntil("the open procurement's provisional reports written") {
            FileManager.default.fileExists(atPath: openReports)
        }
        // (stopping waits for the round's other reports)
        try await daemon.stop()
        // Then the late tender is recorded, and the closed procurement's folder holds exactly the files its
        // report-written entry lists, each with the digest it records (no provisional evaluation over them)
        let assessed = try daemon.ledger().entries(type: "submission-assessed").map { try $0.json() }
        #expect(assessed.contains { $0["tender"] == "T-0009" })
        let closed = "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1"
        try StagedReportsTests.expectTheRecordedReports(in: closed, ledger: try daemon.ledger())
        // And after a restart (what the ledger records is read again), another late tender leaves them so too
        let restarted = try await DaemonHarness(restartIn: daemon.root)
        try restarted.drop("T-0010-late.yaml", Array(late.replacingOccurrences(of: "T-0009", with: "T-0010").utf8))
        let second = "\(examples)/bristol-schools-helpdesk-2026/H-02-severn-it.yaml"
        try restarted.drop("H-02-severn-it.yaml", Array(try Data(contentsOf: URL(fileURLWithPath: second))))
        try await restarted.waitUntil("the open procurement's provisional reports written again") {
            (try? String(contentsOfFile: openReports, encoding: .utf8))?.contains("H-02") == true
        }
        try await restarted.stop()
        #expect(
            try restarted.ledger().entries(type: "submission-assessed").contains { try $0.json()["tender"] == "T-0010" }
        )
        try StagedReportsTests.expectTheRecordedReports(in: closed, ledger: try restarted.ledger())
    }

    @Test func aDecisionAfterAFailedCloseCitesItsOwnEntry() async throws {
        // Given both shipped procurements' tenders and the retrofit's first two decisions on T-0007, recorded, and the
        // retrofit closed (its evaluation holds T-0007 for the abnormally-low procedure)
        let examples = "\(DaemonHarness.repository)/Rules/examples"
        let held = "decision-T-0007-3-abnormally-low-disregard.yaml"
        let first = try await DaemonHarness()
        let count = try first.dropExamples(
            of: ["bristol-schools-helpdesk-2026", "wmca-retrofit-2026-lot1"], except: [held])
        try await first.waitUntil("the documents archived") { first.names(first.settings.archive).count == count }
        try first.drop(
            "close.yaml",
            Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nnotice_date: \"2026-12-21\"\n".utf8))
        try await first.waitUntil("the close's reports recorded") {
            try first.ledger().entries().contains { $0.type == "report-written" }
        }
        try await first.stop()
        // When one batch holds a close of the other procurement whose reports cannot be rendered (a notice date the
        // bank-holiday table cannot count), then the third decision, which evaluates the retrofit again
        try Data("kind: close\nprocurement: ocds-b5fd17-2026-0142\nnotice_date: \"2099-12-30\"\n".utf8).write(
            to: URL(fileURLWithPath: "\(first.settings.inbox)/a-close.yaml"))
        try Data(contentsOf: URL(fileURLWithPath: "\(examples)/wmca-retrofit-2026-lot1/\(held)")).write(
            to: URL(fileURLWithPath: "\(first.settings.inbox)/b-\(held)"))
        let daemon = try await DaemonHarness(restartIn: first.root, adjust: { $0.batchSize = 16 })
        try await daemon.waitUntil("both archived") { daemon.names(daemon.settings.archive).count == count + 3 }
        try await daemon.waitUntil("the decision's reports recorded") {
            try daemon.ledger().entries().filter { $0.type == "report-written" }.count == 2
        }
        try await daemon.stop()
        // Then both were taken in one round, the close first
        #expect(daemon.logs.lines.contains { $0.contains("intake round done") && $0.contains("intake.documents=2") })
        let entries = try daemon.ledger().entries()
        let decision = try #require(entries.last { $0.type == "decision-recorded" })
        let evaluated = try #require(entries.last { $0.type == "procurement-evaluated" })
        #expect(try evaluated.json()["procurement"] == "ocds-h6vhtk-04a1b2")
        #expect(
            try entries.filter { $0.type == "procurement-evaluated" }.dropLast().last?.json()["procurement"]
                == "ocds-b5fd17-2026-0142")
        // And the decision's evaluation is recorded with reports that name it and cite the decision's own entry
        let written = try #require(entries.last { $0.type == "report-written" }).json()
        guard case .integer(let seq)? = written["evaluation_seq"] as JSONValue? else {
            Issue.record("the report-written entry has no evaluation_seq")
            return
        }
        #expect(Int(seq) == evaluated.seq)
        let html = try String(
            contentsOfFile: "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1/evaluation.html", encoding: .utf8)
        #expect(html.contains("entry #\(decision.seq),"))
        #expect(html.contains("sequence \(evaluated.seq)"))
        #expect(temporaryFiles(daemon) == [])
    }

    @Test func aLottedCloseWhoseReportsCannotBeRenderedLeavesTheNextCloseNumbersRight() async throws {
        // Given the tenders of the lotted highways procurement and of the retrofit, recorded; when one batch closes the
        // highways procurement as a whole with a notice date the bank-holiday table cannot count (neither its lots'
        // reports nor its award's can be rendered), then the retrofit
        let daemon = try await restart(
            recording: ["gm-highways-2027", "wmca-retrofit-2026-lot1"], closing: "ocds-h6vhtk-07e5f6")
        try await daemon.waitUntil("the retrofit's reports recorded") {
            try daemon.ledger().entries().contains { entry in
                entry.type == "report-written" && entry.bodyText.contains("ocds-h6vhtk-04a1b2")
            }
        }
        try await daemon.stop()
        // Then both closes were taken in one round, and every lot's evaluation, the award across them and the
        // retrofit's evaluation are recorded in that order
        #expect(daemon.logs.lines.contains { $0.contains("intake round done") && $0.contains("intake.documents=2") })
        let entries = try daemon.ledger().entries()
        let made = entries.filter { $0.type == "procurement-evaluated" || $0.type == LotsAwardedEntry.type }
        #expect(
            try made.map { "\($0.type) \(try $0.json()["procurement"]?.stringValue ?? "?")" } == [
                "procurement-evaluated ocds-h6vhtk-07e5f6", "procurement-evaluated ocds-h6vhtk-07e5f6",
                "procurement-evaluated ocds-h6vhtk-07e5f6", "lots-awarded ocds-h6vhtk-07e5f6",
                "procurement-evaluated ocds-h6vhtk-04a1b2",
            ])
        // And none of the highways procurement's reports is written, its lots' nor its award's (the log says why),
        // while the retrofit's name its own entry
        #expect(
            daemon.logs.lines.contains { $0.contains("could not render reports") && $0.contains("ocds-h6vhtk-07e5f6") })
        let written = try entries.filter { $0.type == "report-written" }.map { try $0.json() }
        let cited = written.compactMap { body -> Int64? in
            guard case .integer(let seq)? = body["evaluation_seq"] as JSONValue? else { return nil }
            return seq
        }
        #expect(!written.contains { $0["folder"]?.stringValue?.hasSuffix("/ocds-h6vhtk-07e5f6") == true })
        #expect(!FileManager.default.fileExists(atPath: "\(daemon.settings.reports)/ocds-h6vhtk-07e5f6/overview.md"))
        #expect(made.dropLast().allSatisfy { !cited.contains(Int64($0.seq)) })
        let retrofit = try #require(made.last)
        #expect(cited.last == Int64(retrofit.seq))
        #expect(written.last?["folder"]?.stringValue?.hasSuffix("/ocds-h6vhtk-04a1b2-lot-1") == true)
        let html = try String(
            contentsOfFile: "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1/evaluation.html", encoding: .utf8)
        #expect(html.contains("sequence \(retrofit.seq)"))
        // And no temporary file is left
        #expect(temporaryFiles(daemon) == [])
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
