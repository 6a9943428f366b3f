import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

/// The shipped call-off through the real daemon: the framework record activated with the rules, the non-member's
/// tender disregarded with the reason, the evaluation naming the framework record it was checked against, and the
/// replay reading the members back from that record's blob.
@Suite(.serialized)
struct CallOffDaemonTests {
    static let folder = "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-calloff-2027"
    static let procurement = "ocds-h6vhtk-0c2027"

    @Test func aCallOffDisregardsTheNonMemberAndReplaysFromTheRecordedFramework() async throws {
        let daemon = try await DaemonHarness()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).sorted()
        for name in names {
            try daemon.drop(name, Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name)"))))
        }
        try await daemon.waitUntil("the tenders") { daemon.names(daemon.settings.archive).count == names.count }
        try daemon.drop("close.yaml", Array("kind: close\nprocurement: \(Self.procurement)\n".utf8))
        try await daemon.waitUntil("the evaluation") {
            try daemon.ledger().entries(type: EvaluationEntry.type).contains {
                try $0.json()["procurement"] == .string(Self.procurement)
            }
        }
        let store = try daemon.ledger()
        let entry = try #require(
            try store.entries(type: EvaluationEntry.type).last {
                try $0.json()["procurement"] == .string(Self.procurement)
            })
        let body = try entry.json()
        #expect(body["winner"] == "C-03")
        #expect(body["framework_name"]?.stringValue?.hasSuffix("Rules/wmca-retrofit-framework-2026.yaml") == true)
        let tenders = body["result"]?["tenders"]?.arrayValue ?? []
        let outsider = try #require(tenders.first { $0["tender"] == "C-04" })
        #expect(outsider["status"] == "disregarded")
        #expect(
            outsider["reasons"]?.arrayValue?.first?.stringValue?.contains(
                "is not a member of framework wmca-retrofit-framework-2026 lot 1") == true)
        // The replay resolves the call-off against the recorded framework blob and gets the same result
        let outcome = EvaluationReplayer(store: store).replay(entry)
        #expect(outcome.differences == [])
        try await daemon.stop()
    }
}
