import Foundation
import GRDB
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

/// Decisions through the real daemon: taken through the inbox, recorded, rejected with reasons, and followed by a
/// new evaluation once the procurement has been closed.
@Suite(.serialized)
struct DecisionDaemonTests {
    static let folder = "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
    static let tenders =
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasPrefix("T-") }
        .sorted() ?? []
    static let decisions =
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter {
            $0.hasPrefix("decision-")
        }.sorted() ?? []

    /// A decision document on the example procurement.
    static func decision(_ tender: String, _ members: String, decidedAt: String = "2026-12-04T10:00:00Z") -> [UInt8] {
        Array(
            """
            kind: decision
            procurement: ocds-h6vhtk-04a1b2
            lot: "1"
            tender: \(tender)
            decided_by: {id: j.okafor, role: Head of Commercial}
            decided_at: \(decidedAt)
            basis: Procurement Act 2023 s.19(3)
            reasons: The answer to question 4.2 names no site manager for the occupied blocks.
            \(members)

            """.utf8)
    }

    static func close(noticeDate: String? = nil) -> [UInt8] {
        Array(
            ("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n"
                + (noticeDate.map { "notice_date: \"\($0)\"\n" } ?? "")).utf8)
    }

    func dropTenders(_ daemon: DaemonHarness) async throws {
        for name in Self.tenders { try daemon.drop(name, try DaemonHarness.example(name)) }
        try await daemon.waitUntil("the tenders") { daemon.names(daemon.settings.archive).count == Self.tenders.count }
    }

    func evaluations(_ daemon: DaemonHarness) throws -> [JSONValue] {
        try daemon.ledger().entries(type: EvaluationEntry.type).map { try $0.json() }
    }

    /// The reasons written beside a rejected file.
    func rejection(_ daemon: DaemonHarness, _ name: String) throws -> String {
        let file = try #require(daemon.names(daemon.settings.rejected).first { $0.hasSuffix("--\(name).error.txt") })
        return try String(contentsOfFile: "\(daemon.settings.rejected)/\(file)", encoding: .utf8)
    }

    @Test func aCloseThatCannotBeEvaluatedLeavesTheProcurementOpen() async throws {
        // Given the example tenders recorded, then one tender's recorded bytes damaged in the ledger (as a failing
        // disk would), under the running daemon that keeps no submission ready for evaluation (so the close reads
        // every tender back from the ledger)
        let daemon = try await DaemonHarness(adjust: { $0.keepSubmissionBytes = 0 })
        try await dropTenders(daemon)
        let bytes = try DaemonHarness.example(Self.tenders[0])
        // Waiting for the daemon's own writes (its signed checkpoints) as the ledger's connections do.
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: daemon.settings.ledger, configuration: configuration)
        func store(_ stored: [UInt8]) async throws {
            try await queue.write { db in
                let trigger = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'blobs_no_update'")
                try db.execute(sql: "DROP TRIGGER blobs_no_update")
                try db.execute(
                    sql: "UPDATE blobs SET bytes = ? WHERE sha256 = ?", arguments: [Data(stored), Hex.sha256(bytes)])
                if let trigger { try db.execute(sql: trigger) }
            }
        }
        try await store([0])
        // When the procurement is closed, the close is rejected: its evaluation cannot read that tender back
        try daemon.drop("close.yaml", Self.close())
        try await daemon.waitUntil("the close rejected") {
            daemon.names(daemon.settings.rejected).contains { $0.hasSuffix("--close.yaml") }
        }
        #expect(try rejection(daemon, "close.yaml").contains("run 'tender ledger verify'"))
        // Then, the tender's bytes mended, a decision after it is recorded as one before any close (the rejected
        // close is not taken as a close, as after a restart): accepted, and no evaluation follows it
        try await store(bytes)
        let withdrawal = "decision: withdrawal\nwithdrawn_on: 2026-12-02\nevidence: Letter of 2 December 2026."
        try daemon.drop("withdrawal.yaml", Self.decision("T-0002", withdrawal))
        try await daemon.waitUntil("the decision taken") {
            (daemon.names(daemon.settings.archive) + daemon.names(daemon.settings.rejected))
                .contains { $0.hasSuffix("--withdrawal.yaml") }
        }
        try await daemon.stop()
        #expect(
            daemon.names(daemon.settings.archive).contains { $0.hasSuffix("--withdrawal.yaml") },
            "\((try? rejection(daemon, "withdrawal.yaml")) ?? "")")
        #expect(try evaluations(daemon).isEmpty)
    }

    @Test func aHoldIsRecordedAtCloseAndEachDecisionAfterItIsFollowedByTheEvaluationItGives() async throws {
        // Given the example tenders, T-0007 abnormally low, and the procurement closed before any decision
        let daemon = try await DaemonHarness()
        try await dropTenders(daemon)
        try daemon.drop("close.yaml", Self.close())
        try await daemon.waitUntil("the close") { try evaluations(daemon).count == 1 }
        // Then the evaluation is recorded as not final, on hold for T-0007, naming no winner
        let held = try #require(try evaluations(daemon).first)
        #expect(held["final"] == .bool(false) && held["winner"] == .null)
        let hold = try #require(held["result"]?["holds"]?.arrayValue?.first)
        #expect(hold["tender"] == "T-0007" && hold["kind"] == "abnormally-low" && hold["deadline"] == .null)

        // When the notice, the response and the disregard arrive, one after another
        for (index, name) in Self.decisions.enumerated() {
            try daemon.drop(name, try DaemonHarness.example(name))
            try await daemon.waitUntil("evaluation \(index + 2)") { try evaluations(daemon).count == index + 2 }
        }
        let evaluated = try evaluations(daemon)
        // Then each is followed by an evaluation naming it: on hold with the deadline after the notice, still on hold
        // after the response, and final with T-0003 after the disregard
        let ledger = try daemon.ledger()
        let recorded = try ledger.entries(type: DecisionRecordedEntry.type).map { try $0.json() }
        #expect(recorded.map { $0["outcome"] } == ["notified", "answered", "disregarded"])
        #expect(evaluated.dropFirst().map { $0["decision_sha256"] } == recorded.map { $0["document_sha256"] })
        #expect(evaluated[1]["result"]?["holds"]?.arrayValue?.first?["deadline"] == "2026-12-04")
        #expect(evaluated[2]["final"] == .bool(false))
        #expect(evaluated[3]["final"] == .bool(true) && evaluated[3]["winner"] == "T-0003")
        // And the disregard supersedes the notice, in the ledger as in the result
        #expect(recorded[2]["supersedes_sha256"] == recorded[0]["document_sha256"])
        #expect(recorded[1]["supersedes_sha256"] == .null)
        // And the final reports say so, citing the decision's ledger entry
        let reports = "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1"
        let html = try String(contentsOfFile: "\(reports)/evaluation.html", encoding: .utf8)
        let entry = try #require(try ledger.entries(type: DecisionRecordedEntry.type).last).seq
        #expect(html.contains("Decisions") && html.contains("entry #\(entry)"))
        #expect(html.contains("the lowest price (P_min) went from £640,000 to £905,000"))
        // And the OCDS release is this evaluation's own (release ids are unique within an ocid), its award T-0003's
        let package = try JSONParser().parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: "\(reports)/ocds-release-package.json"))))
        let release = try #require(package["releases"]?.arrayValue?.first)
        let last = try #require(try ledger.entries(type: EvaluationEntry.type).last).seq
        #expect(release["id"] == .string("ocds-h6vhtk-04a1b2-award-lot-1-\(last)"))
        #expect(release["awards"]?.arrayValue?.first?["id"] == "ocds-h6vhtk-04a1b2-award-lot-1-T-0003")
        let notice = try String(contentsOfFile: "\(reports)/summaries/T-0007.md", encoding: .utf8)
        #expect(notice.contains("considers your price abnormally low (Procurement Act 2023 s.19(3)(c))"))
        try await daemon.stop()
        // And every recorded evaluation replays identically from the ledger alone
        let replayer = EvaluationReplayer(store: try daemon.ledger())
        let outcomes = replayer.replayAll(try daemon.ledger().entries(type: EvaluationEntry.type))
        #expect(outcomes.count == 4 && outcomes.allSatisfy(\.differences.isEmpty), "\(outcomes.map(\.differences))")
    }

    @Test func decisionsThatCannotStandAreRejectedWithTheReason() async throws {
        let daemon = try await DaemonHarness()
        try await dropTenders(daemon)
        let withdrawal = "decision: withdrawal\nwithdrawn_on: 2026-12-02\nevidence: Letter of 2 December 2026."
        let cases: [(name: String, bytes: [UInt8], reason: String)] = [
            (
                "unknown.yaml", Self.decision("T-0099", withdrawal),
                "withdrawal decision on T-0099 not accepted: no submission with tender_id or supplier identifier "
                    + "'T-0099'"
            ),
            ("late.yaml", Self.decision("T-0006", withdrawal), "T-0006 is a late tender"),
            (
                "other-procurement.yaml",
                Array(
                    String(decoding: Self.decision("T-0001", withdrawal), as: UTF8.self).replacingOccurrences(
                        of: "ocds-h6vhtk-04a1b2", with: "ocds-h6vhtk-nowhere"
                    ).utf8), "unknown procurement ocds-h6vhtk-nowhere lot 1"
            ),
            (
                "no-notice.yaml", Self.decision("T-0007", "decision: abnormally-low\noutcome: disregarded"),
                "10:10: error: a tender cannot be disregarded as abnormally low unless the supplier "
                    + "was told and given a deadline to respond (s.19(4))"
            ),
            (
                "early.yaml",
                Self.decision(
                    "T-0007",
                    "decision: abnormally-low\nnotified_on: 2026-12-02\nresponse_deadline: 2026-12-09\n"
                        + "response: none\noutcome: disregarded"),
                "the supplier has until 2026-12-09 to respond and no response is recorded"
            ),
            (
                "passed-gate.yaml",
                Self.decision("T-0001", "decision: flag-gate\ngate: discretionary-exclusion\noutcome: disregarded"),
                "T-0001 passed gate 'discretionary-exclusion'"
            ),
            (
                "restated.yaml",
                Array(
                    String(decoding: Self.decision("T-0001", withdrawal), as: UTF8.self).replacingOccurrences(
                        of: "The answer to question 4.2 names no site manager for the occupied blocks.",
                        with: "Withdrawn."
                    ).utf8), "only restate the outcome 'withdrawn'"
            ),
        ]
        for item in cases { try daemon.drop(item.name, item.bytes) }
        try await daemon.waitUntil("the rejections") {
            cases.allSatisfy { item in
                daemon.names(daemon.settings.rejected).contains { $0.hasSuffix("--\(item.name)") }
            }
        }
        for item in cases {
            let text = try rejection(daemon, item.name)
            #expect(text.contains(item.reason), "\(item.name): \(text)")
        }
        // And each rejection is in the ledger with its reasons, and nothing was recorded as a decision
        let ledger = try daemon.ledger()
        #expect(try ledger.entries(type: "document-rejected").count == cases.count)
        #expect(try ledger.entries(type: DecisionRecordedEntry.type).isEmpty)
        try await daemon.stop()
    }

    @Test func aDecisionAfterTheAwardIsRejected() async throws {
        // Given the procurement closed with a final evaluation (T-0007's price accepted) and a notice of 7 December,
        // whose standstill ends on 17 December, on a machine whose clock says 5 January 2027
        let now = try #require(Timestamp(rfc3339: "2027-01-05T09:00:00Z"))
        let daemon = try await DaemonHarness(wallClock: { now })
        try await dropTenders(daemon)
        let accept = Self.decision(
            "T-0007", "decision: abnormally-low\noutcome: accepted", decidedAt: "2026-12-04T10:00:00Z")
        try daemon.drop("accept.yaml", accept)
        try await daemon.waitUntil("the acceptance") {
            try daemon.ledger().entries(type: DecisionRecordedEntry.type).count == 1
        }
        try daemon.drop("close.yaml", Self.close(noticeDate: "2026-12-07"))
        try await daemon.waitUntil("the close") { try evaluations(daemon).count == 1 }
        #expect(try evaluations(daemon).first?["winner"] == "T-0007")
        // When a withdrawal dated back to before the standstill arrives after it
        let withdrawal = Self.decision(
            "T-0007", "decision: withdrawal\nwithdrawn_on: 2026-12-10\nevidence: Email of 10 December 2026.",
            decidedAt: "2026-12-10T10:00:00Z")
        try daemon.drop("late-withdrawal.yaml", withdrawal)
        try await daemon.waitUntil("the rejection") {
            daemon.names(daemon.settings.rejected).contains { $0.hasSuffix("--late-withdrawal.yaml") }
        }
        // Then it is rejected: the award stands, and no evaluation follows
        let text = try rejection(daemon, "late-withdrawal.yaml")
        #expect(
            text.contains("was awarded to T-0007") && text.contains("the standstill ended on 2026-12-17"), "\(text)")
        #expect(try evaluations(daemon).count == 1)
        try await daemon.stop()
    }

    @Test func aMarksDocumentMustNameARecordedClarificationOfTheSameTender() async throws {
        let daemon = try await DaemonHarness()
        try await dropTenders(daemon)
        let clarification = Self.decision(
            "GB-COH-11223344",
            "decision: clarification\nquestion: Which crews deliver phase 2?\nasked_on: 2026-12-02\n"
                + "answer: Our own crews, named in appendix C.\nanswered_on: 2026-12-03")
        try daemon.drop("clarification-cladco.yaml", clarification)
        try await daemon.waitUntil("the clarification") {
            try daemon.ledger().entries(type: DecisionRecordedEntry.type).count == 1
        }
        func marks(_ reference: String) -> [UInt8] {
            Array(
                """
                kind: marks
                procurement: ocds-h6vhtk-04a1b2
                lot: "1"
                tender: T-0002
                evaluator: panel
                clarification: \(reference)
                marks:
                  Q1: {mark: 4, reason: "Appendix C names the crews for every phase, as the answer of 3 December says."}

                """.utf8)
        }
        // When marks name it by file name (the clarification names the supplier by identifier, the marks by tender
        // id: the same tender), and other marks name a file never recorded
        try daemon.drop("marks-after.yaml", marks("clarification-cladco.yaml"))
        try daemon.drop("marks-unknown.yaml", marks("no-such-clarification.yaml"))
        try await daemon.waitUntil("both marks") {
            daemon.names(daemon.settings.rejected).contains { $0.hasSuffix("--marks-unknown.yaml") }
                && daemon.names(daemon.settings.archive).contains { $0.hasSuffix("--marks-after.yaml") }
        }
        // Then the first is accepted and the second rejected with the reason
        #expect(
            try rejection(daemon, "marks-unknown.yaml").contains(
                "clarification 'no-such-clarification.yaml' is not a clarification decision recorded"))
        // And a close lists T-0002's Q1 change from 3 to 4 with the clarification it follows
        try daemon.drop("close.yaml", Self.close())
        try await daemon.waitUntil("the close") { try evaluations(daemon).count == 1 }
        let changes = try #require(try evaluations(daemon).first?["result"]?["mark_changes"]?.arrayValue)
        #expect(changes.count == 1)
        #expect(changes.first?["tender"] == "T-0002" && changes.first?["from"] == "3" && changes.first?["to"] == "4")
        #expect(changes.first?["clarification"] == "clarification-cladco.yaml")
        try await daemon.stop()
    }
}
