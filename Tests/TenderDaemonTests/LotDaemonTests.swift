import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

/// A lotted procurement through the real daemon: tenders for several lots taken into each lot, a close of the whole
/// procurement closing every lot, the award across lots recorded and replayed, its reports, and a decision after a
/// restart evaluating every lot and awarding them again.
@Suite(.serialized)
struct LotDaemonTests {
    static let folder = "\(DaemonHarness.repository)/Rules/examples/gm-highways-2027"
    static let tenders = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    static let procurement = "ocds-h6vhtk-07e5f6"

    func drop(_ daemon: DaemonHarness) async throws {
        for name in Self.tenders {
            try daemon.drop(name, Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name)"))))
        }
        try await daemon.waitUntil("the tenders") { daemon.names(daemon.settings.archive).count == Self.tenders.count }
    }

    func awards(_ daemon: DaemonHarness) throws -> [JSONValue] {
        try daemon.ledger().entries(type: LotsAwardedEntry.type).map { try $0.json() }
    }

    @Test func closingTheProcurementClosesEveryLotAndRecordsTheAwardAcrossThem() async throws {
        // Given the example's five tenders, four of them for several lots
        let daemon = try await DaemonHarness()
        try await drop(daemon)
        let received = try daemon.ledger().entries(type: DocumentReceivedEntry.type).map { try $0.json() }
        let pennine = try #require(received.first { $0["name"] == "GMH-01-pennine-highways.yaml" })
        #expect(pennine["lot"] == .null && pennine["lots"] == ["2", "1"])
        // Each lot's arrival assessment: Northway's third lot (lot 1) is beyond the two it may tender for
        let assessed = try daemon.ledger().entries(type: SubmissionAssessedEntry.type).map { try $0.json() }
        #expect(assessed.count == 11)
        #expect(
            assessed.filter { $0["status"] == "not-assessed" }.map {
                "\($0["tender"]?.stringValue ?? "?")/\($0["lot"]?.stringValue ?? "?")"
            } == ["GMH-04/1"])

        // When the procurement is closed without naming a lot
        try daemon.drop("close.yaml", Array("kind: close\nprocurement: \(Self.procurement)\n".utf8))
        try await daemon.waitUntil("the award") { try awards(daemon).count == 1 }

        // Then every lot is evaluated and the award follows in-order, by estimated value (2, 1, 3), one lot each
        let evaluations = try daemon.ledger().entries(type: EvaluationEntry.type).map { try $0.json() }
        #expect(evaluations.map { $0["lot"] } == ["1", "2", "3"])
        #expect(evaluations.map { $0["winner"] } == ["GMH-01", "GMH-01", "GMH-02"])
        let award = try #require(try awards(daemon).first)
        let lines = award["award"]?["lots"]?.arrayValue ?? []
        #expect(lines.map { $0["lot"] } == ["2", "1", "3"])
        #expect(lines.map { $0["awarded"] } == ["GMH-01", "GMH-02", "GMH-03"])
        #expect(lines.map { $0["moved"] } == [.bool(false), .bool(true), .bool(true)])
        #expect(award["final"] == .bool(true))
        // And the procurement's reports (written once the commit is made): the overview, one OCDS package with every
        // lot, each supplier's summary
        let reports = "\(daemon.settings.reports)/\(Self.procurement)"
        try await daemon.waitUntil("the award's reports") {
            FileManager.default.fileExists(atPath: "\(reports)/summaries/GB-COH-04417821.md")
                && FileManager.default.fileExists(atPath: "\(reports)-lot-3/evaluation.html")
        }
        let overview = try String(contentsOfFile: "\(reports)/overview.md", encoding: .utf8)
        #expect(
            overview.contains(
                "| 1 (North (Bolton, Bury, Oldham, Rochdale, Wigan)) | GMH-02 (Irwell Surfacing Ltd) | 2 |"))
        #expect(overview.contains("GMH-01 (Pennine Highways Ltd) | 2 | lot 2: GMH-01 → GMH-04"))
        let package = try JSONParser().parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: "\(reports)/ocds-release-package.json"))))
        let release = try #require(package["releases"]?.arrayValue?.first)
        #expect(release["tender"]?["lots"]?.arrayValue?.count == 3)
        #expect(
            release["awards"]?.arrayValue?.compactMap { $0["relatedBid"]?.stringValue } == [
                "GMH-01-lot-2", "GMH-02-lot-1", "GMH-03-lot-3",
            ])
        #expect(release["tender"]?["lotDetails"]?["maximumLotsAwardedPerSupplier"] == 1)
        let pennineLetter = try String(contentsOfFile: "\(reports)/summaries/GB-COH-04417821.md", encoding: .utf8)
        #expect(pennineLetter.contains("The authority intends to award you lot 2"))
        #expect(
            pennineLetter.contains("| 1 | GMH-01 | assessed | 1 | 91.87 | ranked first, not awarded: moved from GMH-01")
        )
        // A lot's own folder has no letters and no OCDS package: they follow the award across lots
        #expect(!FileManager.default.fileExists(atPath: "\(reports)-lot-1/summaries"))
        #expect(FileManager.default.fileExists(atPath: "\(reports)-lot-1/evaluation.html"))
        if PythonTools.schemas {
            let run = try await ChildProcess.run([
                ChildProcess.python, "\(DaemonHarness.repository)/Schemas/ocds/validate.py",
                "\(reports)/ocds-release-package.json",
            ])
            #expect(run.status == 0 && run.out.hasSuffix("valid\n"), "\(run)")
        }
        try await daemon.stop()
        // And the evaluations and the award replay identically from the ledger alone
        let ledger = try daemon.ledger()
        let recorded = try ledger.entries(type: EvaluationEntry.type)
        let replayer = EvaluationReplayer(store: ledger)
        #expect(replayer.replayAll(recorded).allSatisfy { $0.differences.isEmpty })
        let awardEntry = try #require(try ledger.entries(type: LotsAwardedEntry.type).first)
        let replayedAward = replayer.replayAward(awardEntry, evaluations: recorded)
        #expect(replayedAward.differences.isEmpty, "\(replayedAward.differences)")
        // And the reports rebuilt from the ledger (what tender report writes) are the bytes the daemon wrote
        let rebuilt = try ReportBuilder.buildLots(
            try replayer.reconstructAward(awardEntry, evaluations: recorded), awardSeq: awardEntry.seq)
        #expect(rebuilt.count == 15)
        for file in rebuilt {
            let written = try Data(contentsOf: URL(fileURLWithPath: "\(reports)/\(file.name)"))
            #expect(Array(written) == file.bytes, "\(file.name)")
        }

        // When the daemon starts again and Irwell withdraws its lot 1 tender
        let again = try await DaemonHarness(restartIn: daemon.root)
        let withdrawal = """
            kind: decision
            procurement: \(Self.procurement)
            lot: "1"
            tender: GMH-02
            decided_by: {id: j.okafor, role: Head of Commercial}
            decided_at: 2027-03-20T10:00:00Z
            basis: Procurement Act 2023 s.19
            reasons: The supplier withdrew its lot 1 tender by letter of 19 March 2027.
            decision: withdrawal
            withdrawn_on: 2027-03-19
            evidence: Letter of 19 March 2027.

            """
        try again.drop("withdrawal.yaml", Array(withdrawal.utf8))
        try await again.waitUntil("the second award") { try awards(again).count == 2 }
        // Then every lot is evaluated again and the lots are awarded again: lot 1 passes to Tame Valley (GMH-01 holds
        // lot 2), and Irwell, holding no lot now, keeps lot 3
        let second = try #require(try awards(again).last)
        #expect(second["decision_sha256"] != nil && second["decision_sha256"] != .null)
        #expect(second["award"]?["lots"]?.arrayValue?.map { $0["awarded"] } == ["GMH-01", "GMH-05", "GMH-02"])
        #expect(try again.ledger().entries(type: EvaluationEntry.type).count == 6)
        try await again.stop()
        let after = try again.ledger()
        let all = try after.entries(type: EvaluationEntry.type)
        #expect(EvaluationReplayer(store: after).replayAll(all).allSatisfy { $0.differences.isEmpty })
        for entry in try after.entries(type: LotsAwardedEntry.type) {
            #expect(EvaluationReplayer(store: after).replayAward(entry, evaluations: all).differences.isEmpty)
        }
    }

    @Test func aLotClosedAloneIsEvaluatedAndTheAwardWaitsForTheOtherLots() async throws {
        let daemon = try await DaemonHarness()
        try await drop(daemon)
        // When only lot 3 is closed
        try daemon.drop("close-3.yaml", Array("kind: close\nprocurement: \(Self.procurement)\nlot: \"3\"\n".utf8))
        try await daemon.waitUntil("lot 3") { try daemon.ledger().entries(type: EvaluationEntry.type).count == 1 }
        // Then lot 3 alone is evaluated and nothing is awarded across lots yet
        #expect(try awards(daemon).isEmpty)
        // When the other two are closed, one by one
        try daemon.drop("close-1.yaml", Array("kind: close\nprocurement: \(Self.procurement)\nlot: \"1\"\n".utf8))
        try await daemon.waitUntil("lot 1") { try daemon.ledger().entries(type: EvaluationEntry.type).count == 2 }
        #expect(try awards(daemon).isEmpty)
        try daemon.drop("close-2.yaml", Array("kind: close\nprocurement: \(Self.procurement)\nlot: \"2\"\n".utf8))
        // Then the last close evaluates every lot and records the award
        try await daemon.waitUntil("the award") { try awards(daemon).count == 1 }
        #expect(try daemon.ledger().entries(type: EvaluationEntry.type).count == 5)
        // And a document naming a lot the procurement does not have is rejected with the lots it has
        try daemon.drop("close-9.yaml", Array("kind: close\nprocurement: \(Self.procurement)\nlot: \"9\"\n".utf8))
        try await daemon.waitUntil("the rejection") {
            daemon.names(daemon.settings.rejected).contains { $0.hasSuffix("close-9.yaml.error.txt") }
        }
        let file = try #require(daemon.names(daemon.settings.rejected).first { $0.hasSuffix("close-9.yaml.error.txt") })
        let reasons = try String(contentsOfFile: "\(daemon.settings.rejected)/\(file)", encoding: .utf8)
        #expect(reasons.contains("unknown procurement \(Self.procurement) lot 9"), "\(reasons)")
        try await daemon.stop()
    }
}
