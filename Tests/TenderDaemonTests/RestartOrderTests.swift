import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

/// Files a crash left in `processing/` are taken, at the next start, in the order they arrived.
struct RestartOrderTests {
    @Test func claimsLeftByACrashAreTakenInArrivalOrderEvenPastAMillionClaims() async throws {
        // Given three claims from one scan (one instant) left in processing/: the 999,999th, 1,000,000th and
        // 1,000,001st claim of that run (the names pad the counter to six digits, so by text the later two sort
        // first), each a revision of the same tender
        let original = try DaemonHarness.example("T-0001-brightwall.yaml")
        let claims = [
            "01795482267-298000000-999999--r-1.yaml", "01795482267-298000000-1000000--r-2.yaml",
            "01795482267-298000000-1000001--r-3.yaml",
        ]
        let daemon = try await DaemonHarness { root in
            let processing = "\(root)/var/processing"
            try FileManager.default.createDirectory(atPath: processing, withIntermediateDirectories: true)
            for (index, claim) in claims.enumerated() {
                let bytes = original + Array("# revision \(index + 1)\n".utf8)
                try Data(bytes).write(to: URL(fileURLWithPath: "\(processing)/\(claim)"))
            }
        }
        // When the daemon starts and takes them
        try await daemon.waitUntil("the three claims recorded") {
            try daemon.ledger().entries(type: "document-received").count == 3
        }
        try await daemon.stop()
        // Then the ledger records them in arrival order, and each revision supersedes those before it
        let received = try daemon.ledger().entries(type: "document-received").map { try $0.json() }
        #expect(received.map { $0["claim"]?.stringValue } == claims)
        let sha = received.map { $0["document_sha256"] }
        let superseded = try daemon.ledger().entries(type: "submission-superseded").map { try $0.json() }
        #expect(
            superseded.map { [$0["superseded_sha256"], $0["by_sha256"]] } == [
                [sha[0], sha[1]], [sha[0], sha[2]], [sha[1], sha[2]],
            ])
    }
}
