import Foundation
import Testing

@testable import TenderLedger

struct TamperTests {
    @Test(arguments: TamperScenario.allCases)
    func verifierNamesEachTampering(scenario: TamperScenario) throws {
        // Given a ledger that was (or was not) tampered with, and the checkpoint an auditor kept
        let folder = try TemporaryFolder()
        let (fixture, trusted) = try scenario.build(in: folder)
        // When it is verified against the kept checkpoint
        let report = try fixture.verify(trusted: trusted)
        // Then exactly the expected kinds of problem are reported, naming the first bad entry
        #expect(Set(report.problems.map(\.kind)) == scenario.expectedKinds, "\(report.problems)")
        #expect(report.isValid == scenario.expectedKinds.isEmpty)
        #expect(report.firstBadSeq == scenario.expectedFirstBadSeq)
    }

    @Test func rollbackIsInvisibleWithoutAKeptCheckpoint() throws {
        // Given a ledger rolled back to an older, fully valid copy
        let folder = try TemporaryFolder()
        let (fixture, _) = try TamperScenario.rollback.build(in: folder)
        // When it is verified without the auditor's memory
        let report = try fixture.verify()
        // Then it passes: only a checkpoint kept off-box reveals a rollback
        #expect(report.isValid)
        #expect(report.size == 6)
    }

    @Test func wrongKeyFailsEveryCheckpoint() throws {
        // Given an honest ledger and someone else's key
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 8)
        let stranger = try NoteSigner.generate(name: fixture.key.signer.name).verifier
        // When it is verified with that key
        let report = try LedgerVerifier(path: fixture.ledgerPath, verifier: stranger).verify()
        // Then both checkpoints are rejected
        #expect(report.problems.map(\.kind) == [.checkpointSignature, .checkpointSignature])
    }

    @Test func trustedCheckpointFromAnotherKeyIsRejected() throws {
        // Given an honest ledger and a checkpoint signed by another key
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 4)
        let other = try NoteSigner.generate(name: fixture.key.signer.name)
        let note = try other.sign(text: Checkpoint(origin: other.name, size: 2, root: Vectors.roots[0]).text)
        // When it is verified with that trusted checkpoint
        let report = try fixture.verify(trusted: note.serialized)
        // Then the trusted checkpoint is refused
        #expect(report.problems.map(\.kind) == [.trustedCheckpointInvalid])
    }

    @Test func trustedCheckpointsLogUsesItsLastNote() throws {
        // Given an honest ledger and its whole checkpoints.log as the auditor's copy
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 9)
        let store = try LedgerStore(path: fixture.ledgerPath, signer: fixture.key.signer, checkpointEvery: 4)
        try store.writeCheckpoint()
        let log = try String(contentsOfFile: store.checkpointLogPath, encoding: .utf8)
        // When verified with it
        let report = try fixture.verify(trusted: log)
        // Then it passes, with every checkpoint checked and nothing unsigned
        #expect(report.isValid)
        #expect(report.checkpointsChecked == 3)
        #expect(report.unsignedEntries == 0)
    }
}
