import Foundation

@testable import TenderLedger

/// A ledger on disk, honest or tampered with as an attacker with write access to the file would.
enum TamperScenario: String, CaseIterable, CustomStringConvertible, Sendable {
    case honest
    case honestExtension
    case editedBody
    case editedBodyRehashed
    case deletedRow
    case truncated
    case rollback
    case forkSignedWithRealKey
    case replacedBlob
    case deletedBlob

    var description: String { rawValue }

    /// What ``LedgerVerifier`` must report (empty: the ledger must pass). The auditor's kept checkpoint (size 10)
    /// also reveals edits as a fork and lost entries as a rollback.
    var expectedKinds: Set<LedgerProblem.Kind> {
        switch self {
        case .honest, .honestExtension: []
        case .editedBody: [.leafHashMismatch, .chainMismatch, .checkpointMismatch, .fork]
        case .editedBodyRehashed: [.checkpointMismatch, .fork]
        case .deletedRow: [.missingEntry, .chainMismatch, .checkpointMismatch, .truncated, .rollback]
        case .truncated: [.truncated, .rollback]
        case .rollback: [.rollback]
        case .forkSignedWithRealKey: [.fork]
        case .replacedBlob: [.blobTampered]
        case .deletedBlob: [.missingBlob]
        }
    }

    /// The first bad entry the verifier must name, when one can be named.
    var expectedFirstBadSeq: Int? {
        switch self {
        case .editedBody, .editedBodyRehashed: self == .editedBody ? 2 : nil
        case .deletedRow: 5
        case .replacedBlob, .deletedBlob: 3
        default: nil
        }
    }

    /// A ledger of 10 entries (checkpoints at 4, 8 and 10) in `folder`, then the tampering.
    /// - Returns: the fixture and the checkpoint note an auditor kept (if the scenario has one).
    func build(in folder: TemporaryFolder) throws -> (fixture: LedgerFixture, trusted: String?) {
        let fixture = try LedgerFixture(in: folder, count: self == .rollback ? 6 : 10)
        let store = { try LedgerStore(path: fixture.ledgerPath, signer: fixture.key.signer, checkpointEvery: 4) }
        var trusted = try store().writeCheckpoint()?.noteText
        let blobOfEntry3 = "(SELECT json_extract(CAST(body AS TEXT), '$.document_sha256') FROM entries WHERE seq = 3)"
        switch self {
        case .honest:
            break
        case .honestExtension:
            try LedgerFixture.appendEntries(path: fixture.ledgerPath, key: fixture.key, range: 10..<15)
            try store().writeCheckpoint()
        case .editedBody:
            try fixture.tamper(
                """
                DROP TRIGGER entries_no_update;
                UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), '"P-1"', '"P-9"') AS BLOB) WHERE seq = 2;
                """)
        case .editedBodyRehashed:
            try fixture.tamper(
                """
                DROP TRIGGER entries_no_update;
                UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), '"P-1"', '"P-9"') AS BLOB) WHERE seq = 6;
                """)
            try RawLedgerAccess.rehashAll(path: fixture.ledgerPath)
        case .deletedRow:
            try fixture.tamper("DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = 5;")
        case .truncated:
            try fixture.tamper("DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq >= 8;")
        case .rollback:
            let old = folder.file("old.sqlite")
            try FileManager.default.copyItem(atPath: fixture.ledgerPath, toPath: old)
            try LedgerFixture.appendEntries(path: fixture.ledgerPath, key: fixture.key, range: 6..<10)
            trusted = try store().writeCheckpoint()?.noteText
            try FileManager.default.removeItem(atPath: fixture.ledgerPath)
            try FileManager.default.copyItem(atPath: old, toPath: fixture.ledgerPath)
        case .forkSignedWithRealKey:
            let other = folder.file("fork/ledger.sqlite")
            try FileManager.default.createDirectory(atPath: folder.file("fork"), withIntermediateDirectories: true)
            try LedgerFixture.appendEntries(path: other, key: fixture.key, range: 100..<112)
            _ = try LedgerStore(path: other, signer: fixture.key.signer, checkpointEvery: 4).writeCheckpoint()
            return (LedgerFixture(ledgerPath: other, key: fixture.key), trusted)
        case .replacedBlob:
            try fixture.tamper(
                "DROP TRIGGER blobs_no_update; UPDATE blobs SET bytes = X'00' WHERE sha256 = \(blobOfEntry3);")
        case .deletedBlob:
            try fixture.tamper("DROP TRIGGER blobs_no_delete; DELETE FROM blobs WHERE sha256 = \(blobOfEntry3);")
        }
        return (fixture, trusted)
    }
}
