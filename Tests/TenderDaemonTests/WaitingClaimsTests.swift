import CoreMetrics
import Dispatch
import Foundation
import Logging
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderDaemon

/// Files a failed round left in `processing/`: a failure backs off and is announced; a batch refused only because a
/// rules reload appended after it was numbered is decided again at once, without either.
struct WaitingClaimsTests {
    @Test func aFailureBacksOffAndItsClearingIsAnnounced() {
        var waiting = WaitingClaims()
        #expect(waiting.update(left: 3, reason: "disk full", now: 100) == .waiting(count: 3, retryIn: 1))
        #expect(!waiting.isDue(now: 100.5))
        #expect(waiting.isDue(now: 101))
        #expect(waiting.update(left: 3, reason: "disk full", now: 101) == .waiting(count: 3, retryIn: 2))
        #expect(waiting.update(left: 0, reason: nil, now: 103) == .cleared(count: 3))
        #expect(!waiting.isDue(now: 200))
    }

    @Test func aBatchToBeNumberedAgainIsDueAtOnceWithoutBackoffOrAnnouncement() {
        var waiting = WaitingClaims()
        // Refused because the ledger grew after it was numbered: due at once, twice in a row
        #expect(waiting.update(left: 2, reason: "moved", now: 100, retryNow: true) == .waiting(count: 2, retryIn: 0))
        #expect(waiting.isDue(now: 100))
        #expect(waiting.update(left: 2, reason: "moved", now: 100.2, retryNow: true) == .waiting(count: 2, retryIn: 0))
        // And through: nothing was said to wait, so nothing is said to clear
        #expect(waiting.update(left: 0, reason: nil, now: 100.4) == .none)
        // A real failure after it starts the backoff at one second
        #expect(waiting.update(left: 1, reason: "disk full", now: 101) == .waiting(count: 1, retryIn: 1))
    }

    @Test func aBatchNumberedTooEarlyRoundAfterRoundWaitsLikeAFailureAfterThreeTries() {
        var waiting = WaitingClaims()
        for round in 0..<WaitingClaims.immediateRetries {
            #expect(
                waiting.update(left: 2, reason: "moved", now: 100 + Double(round), retryNow: true)
                    == .waiting(count: 2, retryIn: 0))
        }
        // The fourth in a row backs off and is announced, and its clearing too
        #expect(waiting.update(left: 2, reason: "moved", now: 104, retryNow: true) == .waiting(count: 2, retryIn: 1))
        #expect(!waiting.isDue(now: 104.5))
        #expect(waiting.update(left: 0, reason: nil, now: 105) == .cleared(count: 2))
        // And once through, the count starts again
        #expect(waiting.update(left: 1, reason: "moved", now: 200, retryNow: true) == .waiting(count: 1, retryIn: 0))
    }

    @Test func aRenumberingWhileAFailureIsRetriedKeepsItsBackoffAndItsAnnouncement() {
        var waiting = WaitingClaims()
        _ = waiting.update(left: 2, reason: "disk full", now: 100)
        _ = waiting.update(left: 2, reason: "disk full", now: 101)
        #expect(waiting.update(left: 2, reason: "moved", now: 103, retryNow: true) == .waiting(count: 2, retryIn: 0))
        #expect(waiting.update(left: 2, reason: "disk full", now: 103.1) == .waiting(count: 2, retryIn: 4))
        #expect(waiting.update(left: 0, reason: nil, now: 108) == .cleared(count: 2))
    }

    @Test func aBatchNumberedFromAStaleSizeFailsAsTheLedgerGrowingAndIsThenCommitted() throws {
        // Given a commit queue over an empty ledger
        let root = try TestFolders.make("commit-queue")
        let settings = DaemonSettings(base: root)
        try FileManager.default.createDirectory(atPath: settings.processing, withIntermediateDirectories: true)
        let ledger = try LedgerStore(path: settings.ledger, signer: nil)
        let committer = BatchCommitter(
            settings: settings, ledger: ledger, metrics: DaemonMetrics(factory: NOOPMetricsHandler.instance),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            reportQueue: DispatchQueue(label: "test.reports"))
        let commits = CommitQueue(committer: committer)
        let claim = Claim(originalName: "a.yaml", seenAt: WallClock.timestamp(), counter: 0)
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(settings.processing)/\(claim.claimName)"))
        let decision = IntakeDecision(
            claim: claim, outcome: .rejected, sha256: String(repeating: "0", count: 64),
            drafts: [EntryDraft(type: "test-entry", body: ["n": .integer(1)])])
        // When a batch numbered from 3 is committed to a ledger of 0 entries
        commits.submit([decision], batch: 1, first: 3)
        commits.drain()
        // Then it fails as the ledger having grown, and nothing is appended
        #expect(commits.hasFailed)
        #expect(commits.failedBecauseTheLedgerGrew)
        #expect(try ledger.size() == 0)
        // And numbered again from the ledger's size it is committed
        commits.clearFailure()
        #expect(!commits.failedBecauseTheLedgerGrew)
        commits.submit([decision], batch: 2, first: 0)
        commits.drain()
        #expect(!commits.hasFailed)
        #expect(try ledger.size() == 1)
        committer.syncFinished()
        #expect(FileManager.default.fileExists(atPath: "\(settings.rejected)/\(claim.claimName)"))
    }
}
