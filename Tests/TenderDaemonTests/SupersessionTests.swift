import Foundation
import TenderRules
import TenderScoring
import Testing

@testable import TenderDaemon

/// Which submission supersedes which follows when they were received, never the order they were committed in,
/// by the same rule the evaluation applies.
struct SupersessionTests {
    static func submission(_ id: String, receivedAt: String) throws -> Submission {
        let text = """
            kind: submission
            procurement: ocds-1
            received_at: \(receivedAt)
            supplier: {name: One Ltd, identifier: GB-1}
            price: {total: 100, currency: GBP}
            """
        guard case .submission(let parsed) = try DocumentParser().parse(Array(text.utf8), file: id, documentID: id)
        else { throw HarnessError(description: "not a submission") }
        return parsed
    }

    @Test func aTenderReceivedEarlierButRecordedLaterIsTheOneSuperseded() throws {
        // Given v2 (received 10:00) already recorded, and v1 (received 09:00) recorded after it, as when v1 waited
        // out a failed commit
        let v1 = try Self.submission("v1", receivedAt: "2026-11-20T09:00:00Z")
        let v2 = try Self.submission("v2", receivedAt: "2026-11-20T10:00:00Z")
        // Then v1 is superseded by v2, not v2 by v1
        let pairs = IntakeDecider.supersessions(of: v1, earlier: [v2], deadline: nil)
        #expect(pairs.map { [$0.0, $0.1] } == [["v1", "v2"]])
        // And in arrival order, v2 supersedes v1
        #expect(
            IntakeDecider.supersessions(of: v2, earlier: [v1], deadline: nil).map { [$0.0, $0.1] } == [["v1", "v2"]])
    }

    @Test func aLateRevisionSupersedesNothing() throws {
        let onTime = try Self.submission("on-time", receivedAt: "2026-11-20T09:00:00Z")
        let late = try Self.submission("late", receivedAt: "2026-12-02T09:00:00Z")
        let deadline = try #require(Timestamp(rfc3339: "2026-12-01T12:00:00Z"))
        #expect(IntakeDecider.supersessions(of: late, earlier: [onTime], deadline: deadline).isEmpty)
        #expect(IntakeDecider.supersessions(of: onTime, earlier: [late], deadline: deadline).isEmpty)
    }

    @Test func aRevisionSupersedesEveryEarlierOneOnTime() throws {
        let a = try Self.submission("a", receivedAt: "2026-11-20T09:00:00Z")
        let b = try Self.submission("b", receivedAt: "2026-11-20T10:00:00Z")
        let c = try Self.submission("c", receivedAt: "2026-11-20T10:00:00Z")
        // Received at the same time as b, recorded after it: c stands, as the evaluation has it
        #expect(
            IntakeDecider.supersessions(of: c, earlier: [a, b], deadline: nil).map { [$0.0, $0.1] } == [
                ["a", "c"], ["b", "c"],
            ])
    }
}
