import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

/// The shipped competitive flexible procedure through the real daemon, stage by stage: requests to participate, a
/// shortlist recorded as a `stage-concluded` entry, tenders from suppliers not taken forward (or that never took
/// part) rejected with the reason, documents for a concluded stage rejected, the final round under the refined
/// criteria, notices to dropped suppliers, and every evaluation and stage outcome replayed from the ledger.
@Suite(.serialized)
struct StageDaemonTests {
    static let folder = "\(DaemonHarness.repository)/Rules/examples/wmca-heat-networks-cfp-2027"
    static let procurement = "ocds-h6vhtk-09c7d8"

    func drop(_ daemon: DaemonHarness, _ names: [String]) throws {
        for name in names {
            try daemon.drop(name, Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name)"))))
        }
    }

    func settled(_ daemon: DaemonHarness, _ names: [String]) async throws {
        try await daemon.waitUntil("\(names.joined(separator: ", "))") {
            let done = daemon.names(daemon.settings.archive) + daemon.names(daemon.settings.rejected)
            return names.allSatisfy { name in done.contains { $0.hasSuffix("--\(name)") } }
        }
    }

    func reasons(_ daemon: DaemonHarness, _ name: String) throws -> String {
        let file = try #require(daemon.names(daemon.settings.rejected).first { $0.hasSuffix("--\(name).error.txt") })
        return try String(contentsOfFile: "\(daemon.settings.rejected)/\(file)", encoding: .utf8)
    }

    func stages(_ daemon: DaemonHarness) throws -> [JSONValue] {
        try daemon.ledger().entries(type: StageConcludedEntry.type).map { try $0.json() }
    }

    @Test func theProcedureRunsStageByStageAndReadmitsNoOne() async throws {
        let daemon = try await DaemonHarness()
        let requests = [
            "R-01-aston-request.yaml", "R-02-brindley-request.yaml", "R-03-canalside-request.yaml",
            "R-04-digbeth-request.yaml", "R-05-erdington-request.yaml", "R-06-fradley-request.yaml",
        ]
        // Given the six requests to participate, and a round-1 tender sent before stage 1 has concluded
        try drop(daemon, requests)
        try await settled(daemon, requests)
        try drop(daemon, ["T1-01-aston-round-1.yaml"])
        try await settled(daemon, ["T1-01-aston-round-1.yaml"])
        #expect(try reasons(daemon, "T1-01-aston-round-1.yaml").contains("stage 1 (participation) has not concluded"))

        // When stage 1 is closed
        try drop(daemon, ["close-1-participation.yaml"])
        try await daemon.waitUntil("stage 1's outcome") { try stages(daemon).count == 1 }

        // Then its outcome is recorded: the four best-ranked go forward, R-05 and R-06 are dropped with the reasons
        let first = try #require(try stages(daemon).first)
        #expect(first["stage"] == "participation")
        #expect(first["outcome"]?["progressed"]?.arrayValue?.map { $0["tender"] } == ["R-01", "R-02", "R-03", "R-04"])
        let dropped = first["outcome"]?["dropped"]?.arrayValue ?? []
        #expect(dropped.map { $0["tender"] } == ["R-05", "R-06"])
        #expect(dropped.first?["reason"] == "not shortlisted at stage 1 (participation): rank 5 of 5, shortlist 4")
        // And the stage's evaluation names no most advantageous tender; the dropped suppliers get notices
        let evaluated = try daemon.ledger().entries(type: EvaluationEntry.type).map { try $0.json() }
        #expect(evaluated.last?["stage"] == "participation" && evaluated.last?["winner"] == .null)
        let stageFolder = "\(daemon.settings.reports)/\(Self.procurement)-stage-participation"
        try await daemon.waitUntil("stage 1's notices") {
            FileManager.default.fileExists(atPath: "\(stageFolder)/notices/R-05.md")
        }
        let notice = try String(contentsOfFile: "\(stageFolder)/notices/R-05.md", encoding: .utf8)
        #expect(notice.contains("You were not shortlisted at stage 1 (participation): rank 5 of 5, shortlist 4"))
        #expect(notice.contains("Total: 60.00 of 100 points"))
        #expect(!FileManager.default.fileExists(atPath: "\(stageFolder)/summaries"))

        // When the round-1 tenders arrive, with one from a supplier not shortlisted and one that never took part,
        // and a late marks document for the concluded stage 1
        let round = [
            "T1-02-brindley-round-1.yaml", "T1-03-canalside-round-1.yaml", "T1-04-digbeth-round-1.yaml",
            "T1-05-erdington-round-1.yaml", "T1-06-gorsty-round-1.yaml",
        ]
        try daemon.drop(
            "T1-01-again.yaml",
            Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/T1-01-aston-round-1.yaml")))
                + Array(
                    "\n# sent again once the shortlist was made\n".utf8))
        try drop(daemon, round)
        try daemon.drop(
            "marks-R-05.yaml",
            Array(
                """
                kind: marks
                procurement: \(Self.procurement)
                stage: participation
                tender: R-05
                evaluator: panel
                marks: {SQ1: {mark: 5, reason: "Re-marked after a complaint (section 2)."}}
                """.utf8))
        try await settled(daemon, round + ["T1-01-again.yaml", "marks-R-05.yaml"])

        // Then the two are rejected with the reason (s.20: no readmission), and so are the stage-1 marks
        #expect(
            try reasons(daemon, "T1-05-erdington-round-1.yaml").contains(
                "Erdington Eco Services Ltd was not shortlisted at stage 1 (participation): rank 5 of 5, shortlist 4; "
                    + "a supplier not taken forward is not readmitted (s.20)"))
        #expect(try reasons(daemon, "T1-06-gorsty-round-1.yaml").contains("never requested to participate"))
        #expect(
            try reasons(daemon, "marks-R-05.yaml").contains(
                "stage 1 (participation) of \(Self.procurement) has concluded"))
        #expect(daemon.names(daemon.settings.archive).contains { $0.hasSuffix("--T1-01-again.yaml") })

        // When round 1 is closed, then the finals arrive (with one from the supplier round 1 dropped) and are closed
        try drop(daemon, ["close-2-round-1.yaml"])
        try await daemon.waitUntil("round 1's outcome") { try stages(daemon).count == 2 }
        let round1 = try #require(try stages(daemon).last)
        #expect(round1["outcome"]?["progressed"]?.arrayValue?.map { $0["tender"] } == ["T1-03", "T1-01", "T1-02"])
        let finals = [
            "F-01-aston-final.yaml", "F-02-brindley-final.yaml", "F-03-canalside-final.yaml", "F-04-digbeth-final.yaml",
        ]
        try drop(daemon, finals)
        try await settled(daemon, finals)
        #expect(
            try reasons(daemon, "F-04-digbeth-final.yaml").contains("was dropped at stage 2 (round-1): rank 4 of 4"))
        try drop(daemon, ["close-3-final.yaml"])
        try await daemon.waitUntil("the final evaluation") {
            try daemon.ledger().entries(type: EvaluationEntry.type).map { try $0.json() }.contains {
                $0["stage"] == "final"
            }
        }

        // Then the final round is evaluated under the refined criteria and names the most advantageous tender
        let final = try #require(
            try daemon.ledger().entries(type: EvaluationEntry.type).map { try $0.json() }.last {
                $0["stage"] == "final"
            })
        #expect(final["methodology"] == "wmca-heat-networks-cfp-2027-3-final-refined")
        #expect(final["winner"] == "F-03" && final["final"] == .bool(true))
        #expect(try stages(daemon).count == 2)
        // And the final report shows every stage and the refinement
        let finalFolder = "\(daemon.settings.reports)/\(Self.procurement)-stage-final"
        try await daemon.waitUntil("the final reports") {
            FileManager.default.fileExists(atPath: "\(finalFolder)/summaries/F-03.md")
        }
        let report = try String(contentsOfFile: "\(finalFolder)/evaluation.md", encoding: .utf8)
        #expect(
            report.contains("This evaluation is stage 3 (final) (Final tenders) of a competitive flexible procedure"))
        #expect(report.contains("Award criteria refined under s.24: price 40 → 35, quality 30 → 35"))
        #expect(report.contains("### Stage 1 (participation): shortlist of at most 4"))
        #expect(report.contains("| R-05 | Erdington Eco Services Ltd | 5 | not shortlisted at stage 1 (participation)"))
        #expect(report.contains("| T1-04 | Digbeth Renewables Ltd | 4 | dropped at stage 2 (round-1): rank 4 of 4"))
        // And stage 1's OCDS package counts the requests and who was taken forward, with no award
        let package = try JSONParser().parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: "\(stageFolder)/ocds-release-package.json"))))
        let release = try #require(package["releases"]?.arrayValue?.first)
        #expect(release["id"]?.stringValue?.hasPrefix("\(Self.procurement)-stage-participation-") == true)
        #expect(release["tender"]?["status"] == "active" && release["awards"] == nil)
        let statistics = release["bids"]?["statistics"]?.arrayValue ?? []
        #expect(statistics.contains { $0["measure"] == "requests" && $0["value"] == 6 })
        #expect(statistics.contains { $0["measure"] == "qualifiedBidders" && $0["value"] == 4 })
        #expect(release["bids"]?["details"]?.arrayValue?.allSatisfy { $0["value"] == nil } == true)
        if PythonTools.schemas {
            for folder in [stageFolder, finalFolder] {
                let run = try await ChildProcess.run([
                    ChildProcess.python, "\(DaemonHarness.repository)/Schemas/ocds/validate.py",
                    "\(folder)/ocds-release-package.json",
                ])
                #expect(run.status == 0 && run.out.hasSuffix("valid\n"), "\(run)")
            }
        }

        // And every evaluation and both stage outcomes replay identically from the ledger alone
        let store = try daemon.ledger()
        let evaluations = try store.entries(type: EvaluationEntry.type)
        let replayer = EvaluationReplayer(store: store)
        #expect(replayer.replayAll(evaluations).allSatisfy { $0.differences.isEmpty })
        for stage in try store.entries(type: StageConcludedEntry.type) {
            #expect(replayer.replayStage(stage, evaluations: evaluations).differences == [])
        }
        try await daemon.stop()
    }
}

/// A stage's conclusion is its `stage-concluded` entry: a close that leaves marks missing concludes nothing, the
/// marks are still taken, a second close concludes it, and after a restart the recorded outcome is what later
/// stages are held to.
@Suite(.serialized)
struct StageConclusionTests {
    static let folder = StageDaemonTests.folder
    static let procurement = StageDaemonTests.procurement

    @Test func aStageConcludesOnlyWithItsEntryAndARestartKeepsTheRecordedOutcome() async throws {
        let daemon = try await DaemonHarness()
        let helper = StageDaemonTests()
        let requests = [
            "R-01-aston-request.yaml", "R-02-brindley-request.yaml", "R-03-canalside-request.yaml",
            "R-04-digbeth-request.yaml", "R-05-erdington-request.yaml",
        ]
        try helper.drop(daemon, requests)
        // Given a request whose SQ2 mark has not arrived
        try daemon.drop(
            "R-09-hockley-request.yaml",
            Array(
                """
                kind: submission
                procurement: \(Self.procurement)
                stage: participation
                tender_id: R-09
                received_at: 2027-01-30T09:00:00Z
                supplier: {name: Hockley Heat Ltd, identifier: GB-COH-11000009}
                declarations: {mandatory_exclusion_grounds: false}
                marks:
                  SQ1: {mark: 5, reason: "Four occupied-block networks since 2020 (section 2)."}
                """.utf8))
        try await helper.settled(daemon, requests + ["R-09-hockley-request.yaml"])
        // When stage 1 is closed, the evaluation is not final and nothing concludes
        try helper.drop(daemon, ["close-1-participation.yaml"])
        try await helper.settled(daemon, ["close-1-participation.yaml"])
        #expect(try helper.stages(daemon).isEmpty)
        // Then the missing marks are still taken, and a second close concludes the stage
        try daemon.drop(
            "marks-R-09.yaml",
            Array(
                """
                kind: marks
                procurement: \(Self.procurement)
                stage: participation
                tender: R-09
                evaluator: panel
                marks: {SQ2: {mark: 5, reason: "A team of 45 and an in-house commissioning unit (section 3)."}}
                """.utf8))
        try await helper.settled(daemon, ["marks-R-09.yaml"])
        #expect(daemon.names(daemon.settings.archive).contains { $0.hasSuffix("--marks-R-09.yaml") })
        try daemon.drop(
            "close-again.yaml", Array("kind: close\nprocurement: \(Self.procurement)\nstage: participation\n".utf8))
        try await daemon.waitUntil("stage 1's outcome") { try helper.stages(daemon).count == 1 }
        let outcome = try #require(try helper.stages(daemon).first?["outcome"])
        #expect(outcome["progressed"]?.arrayValue?.map { $0["tender"] } == ["R-09", "R-01", "R-02", "R-03"])
        try await daemon.stop()

        // And after a restart the recorded shortlist holds: R-04 (now rank 5) is refused, R-09 admitted
        let again = try await DaemonHarness(restartIn: daemon.root)
        try again.drop(
            "T1-04-digbeth-round-1.yaml",
            Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/T1-04-digbeth-round-1.yaml"))))
        try again.drop(
            "T1-09-hockley.yaml",
            Array(
                """
                kind: submission
                procurement: \(Self.procurement)
                stage: round-1
                tender_id: T1-09
                received_at: 2027-03-10T09:00:00Z
                supplier: {name: Hockley Heat Ltd, identifier: GB-COH-11000009}
                price: {total: 1000000, currency: GBP}
                """.utf8))
        try await helper.settled(again, ["T1-04-digbeth-round-1.yaml", "T1-09-hockley.yaml"])
        #expect(
            try helper.reasons(again, "T1-04-digbeth-round-1.yaml").contains(
                "was not shortlisted at stage 1 (participation): rank 5 of 6, shortlist 4"))
        #expect(again.names(again.settings.archive).contains { $0.hasSuffix("--T1-09-hockley.yaml") })
        try await again.stop()
    }
}
