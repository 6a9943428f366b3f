import Foundation
import TenderScoring
import Testing

@testable import TenderLedger

struct LedgerStoreTests {
    @Test func appendStoresCanonicalBodiesWithSeqTypeAndChain() throws {
        // Given an empty ledger
        let folder = try TemporaryFolder()
        let key = try LedgerKey.loadOrCreate(at: folder.file("keys/ledger.ed25519"))
        let store = try LedgerStore(path: folder.file("var/ledger.sqlite"), signer: key.signer)
        // When two entries are appended in one group
        let entries = try store.append([
            EntryDraft(type: "rule_set_activated", body: ["b": 1, "a": .decimal(Decimal(string: "0.75")!)]),
            EntryDraft(type: "report_written", body: ["report_digest": "x"]),
        ])
        // Then bodies are canonical with seq and type, hashes follow the formulas, and reads agree
        #expect(
            entries.map(\.bodyText) == [
                #"{"a":"0.75","b":1,"seq":0,"type":"rule_set_activated"}"#,
                #"{"report_digest":"x","seq":1,"type":"report_written"}"#,
            ])
        #expect(entries[0].leafHash == MerkleTree.leafHash(entries[0].body))
        let chain0 = SHA256Hashing.hash(prefix: 0x02, [UInt8](repeating: 0, count: 32), entries[0].leafHash)
        #expect(entries[0].chainHash == chain0)
        #expect(entries[1].chainHash == SHA256Hashing.hash(prefix: 0x02, chain0, entries[1].leafHash))
        #expect(try store.size() == 2)
        #expect(try store.entries() == entries)
        #expect(try store.entry(seq: 1) == entries[1])
        #expect(try store.entry(seq: 2) == nil)
    }

    @Test func entriesNumberedFromASizeTheLedgerNoLongerHasAreNotAppended() throws {
        // Given a ledger of one entry, and a group numbered to follow it
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        try store.append([EntryDraft(type: "daemon_started", body: ["n": 0])])
        let group = [
            EntryDraft(type: "procurement_evaluated", body: ["n": 1]),
            EntryDraft(type: "report_written", body: ["evaluation_seq": 1]),
        ]
        // When another writer appends first
        try store.append([EntryDraft(type: "ruleset_activated", body: ["n": 2])])
        // Then the group is refused, naming both sizes, and nothing of it is in the ledger
        #expect(throws: LedgerError.moved(expected: 1, size: 2)) { try store.appendReturningSeqs(group, first: 1) }
        #expect(try store.size() == 2)
        // And numbered again from the ledger's size it is appended where it says
        #expect(try store.appendReturningSeqs(group, first: 2) == [2, 3])
        #expect(try store.size() == 4)
    }

    @Test func aLargeBodyIsWrittenPieceByPieceAsTheSameBytes() throws {
        // Given a group with a body over the piecewise size (a large evaluation's result, serialized ahead, with a
        // non-ASCII text) between two small ones, one with a member serialized right after `seq`
        let text = String(repeating: "évaluation ", count: LedgerStore.defaultPiecewiseBodyBytes / 11 + 1000)
        let drafts = [
            EntryDraft(type: "document_received", body: ["name": "a.yaml"], serialized: ["sig": SerializedJSON("s")]),
            EntryDraft(
                type: "procurement_evaluated", body: ["procurement": "P-1", "z": 2],
                serialized: ["result": SerializedJSON(.object(["text": .string(text)]))]),
            EntryDraft(type: "report_written", body: ["folder": "P-1"]),
        ]
        let folder = try TemporaryFolder()
        let key = try LedgerKey.loadOrCreate(at: folder.file("keys/ledger.ed25519"))
        // When one ledger writes every body whole (as before), one the large body piece by piece (the default, and
        // returning only sequence numbers), and one every body piece by piece
        let whole = try LedgerStore(
            path: folder.file("whole.sqlite"), signer: key.signer, checkpointEvery: 2, piecewiseBodyBytes: .max)
        let large = try LedgerStore(path: folder.file("large.sqlite"), signer: key.signer, checkpointEvery: 2)
        let every = try LedgerStore(
            path: folder.file("every.sqlite"), signer: key.signer, checkpointEvery: 2, piecewiseBodyBytes: 1)
        let entries = try whole.append(drafts)
        #expect(try large.appendReturningSeqs(drafts) == [0, 1, 2])
        #expect(try every.append(drafts) == entries)
        // Then the large body is the canonical JSON of its members with seq and type, every ledger stores the same
        // bytes with the same hashes, and each verifies from its stored bytes alone
        let expected = JSONValue.object([
            "procurement": "P-1", "z": 2, "result": .object(["text": .string(text)]), "seq": 1,
            "type": "procurement_evaluated",
        ]).canonicalBytes
        #expect(expected.count >= LedgerStore.defaultPiecewiseBodyBytes)
        #expect(entries[1].body == expected)
        #expect(entries[0].bodyText == #"{"name":"a.yaml","seq":0,"sig":"s","type":"document_received"}"#)
        for (path, store) in [("whole.sqlite", whole), ("large.sqlite", large), ("every.sqlite", every)] {
            #expect(try store.entries() == entries)
            let report = try LedgerVerifier(path: folder.file(path), verifier: key.verifier).verify()
            #expect(report.problems.isEmpty)
            #expect(report.size == 3)
        }
        // And the next append chains on from it
        let next = try large.append([EntryDraft(type: "report_written", body: ["folder": "P-2"])])
        #expect(next[0].chainHash == SHA256Hashing.hash(prefix: 0x02, entries[2].chainHash, next[0].leafHash))
    }

    @Test func aBodyIsReadAPieceAtATimeAsTheBytesStored() throws {
        // Given a ledger with a body written piece by piece and small ones around it
        let text = String(repeating: "évaluation ", count: LedgerStore.defaultPiecewiseBodyBytes / 11 + 1000)
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        let entries = try store.append([
            EntryDraft(type: "a", body: ["n": 1]),
            EntryDraft(type: "b", body: [:], serialized: ["result": SerializedJSON(.object(["text": .string(text)]))]),
            EntryDraft(type: "a", body: ["n": 2]),
        ])
        // Then the entries of a type are found by sequence number alone
        #expect(try store.seqs(type: "a") == [0, 2])
        #expect(try store.seqs(type: "c") == [])
        // And any range of a body reads as those bytes of it, in pieces or whole; a range beyond it reads as nil
        for entry in entries {
            let count = entry.body.count
            let read = try store.withEntryBody(seq: entry.seq) { total, read -> [UInt8]? in
                #expect(total == count)
                var pieces: [UInt8] = []
                for start in stride(from: 0, to: total, by: 4096) {
                    guard let piece = read(start..<min(total, start + 4096)) else { return nil }
                    pieces += piece
                }
                #expect(read(3..<9) == Array(entry.body[3..<9]))
                #expect(read(0..<(total + 1)) == nil)
                #expect(read(total..<total) == [])
                return pieces
            }
            #expect(read == entry.body)
        }
        // And an entry the ledger does not hold is nil, without `use` being called
        #expect(try store.withEntryBody(seq: 3) { _, _ in Issue.record("called") } == nil)
    }

    @Test func firstIntakesFindTheFirstAccountingOfEachHashInOneRead() throws {
        // Given hashes accounted for as accepted, then duplicate; as duplicate only; as rejected then accepted
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        let hashes = ["a", "b", "c", "d"].map { String(repeating: $0, count: 64) }
        let (a, b, c, unknown) = (hashes[0], hashes[1], hashes[2], hashes[3])
        let records = [(a, "accepted"), (b, "duplicate"), (a, "duplicate"), (c, "rejected"), (c, "accepted")]
        for (index, (sha, outcome)) in records.enumerated() {
            try store.append([
                EntryDraft(
                    type: "document-\(outcome)", body: [:],
                    intake: IntakeRecord(claim: "claim-\(index)", sha256: sha, outcome: outcome))
            ])
        }
        // When they are looked up together (one asked twice, one never seen)
        let found = try store.firstIntakes(sha256s: [c, a, unknown, b, a])
        // Then each maps to its first non-duplicate record, and the others are absent
        #expect(found.mapValues(\.claim) == [a: "claim-0", c: "claim-3"])
        #expect(found[c]?.seq == 3)
        #expect(found[c]?.outcome == "rejected")
        #expect(try store.firstIntakes(sha256s: [a]) == [a: try #require(found[a])])
        #expect(try store.firstIntakes(sha256s: [b]).isEmpty)
        #expect(try store.firstIntakes(sha256s: []).isEmpty)
    }

    @Test func everyConnectionIsSynchronousFull() throws {
        // Given a ledger opened for writing
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        // When the pragma is read on the writer and a reader connection
        let levels = try LedgerStore.synchronousLevels(try #require(store.writer))
        let journal = try RawLedgerAccess.scalar(path: store.path, "PRAGMA journal_mode")
        // Then both are FULL (2) and the journal is WAL
        #expect(levels == [2, 2])
        #expect(journal == "wal")
    }

    @Test func commitsStayInTheWriteAheadLogUntilItHoldsTheCheckpointPages() throws {
        // Given a ledger opened for writing, and 50 commits of a 100 KB blob each: about 1,250 pages of log, past
        // SQLite's default of a checkpoint every 1,000 pages but well short of the ledger's
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        let before = try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int ?? -1
        for index in 0..<50 {
            let blob = LedgerBlob(bytes: [UInt8](repeating: UInt8(index), count: 100_000))
            _ = try store.appendReturningSeqs([
                EntryDraft(type: "document_received", body: ["document_sha256": .string(blob.sha256)], blobs: [blob])
            ])
        }
        // When the sizes of the database file and of its log are read
        let after = try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int ?? -1
        let log = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int ?? -1
        // Then every commit is still in the log (the database file has not grown), and the log holds all 5 MB
        #expect(after == before)
        #expect(log > 5_000_000)
    }

    @Test func theLogIsCutBackAfterATransactionLargerThanItsLimit() throws {
        // Given a ledger that commits one 80 MB blob (a log larger than its limit, copied into the database file by
        // the checkpoint that commit runs), then a small entry (the log started again)
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        let large = LedgerBlob(bytes: [UInt8](repeating: 7, count: 80_000_000))
        _ = try store.appendReturningSeqs([
            EntryDraft(type: "document_received", body: ["document_sha256": .string(large.sha256)], blobs: [large])
        ])
        let grown = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int ?? -1
        _ = try store.appendReturningSeqs([EntryDraft(type: "report_written", body: ["folder": "P-1"])])
        // When the log's size is read
        let log = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int ?? -1
        // Then it grew past the limit with the large commit and is no larger than the limit now, and both entries
        // read back
        #expect(grown > LedgerStore.walSizeLimitBytes)
        #expect(log <= LedgerStore.walSizeLimitBytes)
        #expect(try store.entry(seq: 1)?.type == "report_written")
    }

    @Test(arguments: [
        "UPDATE entries SET type = 'x'", "DELETE FROM entries", "UPDATE blobs SET media_type = 'x'",
        "DELETE FROM blobs", "DELETE FROM checkpoints", "UPDATE checkpoints SET note = 'x'",
    ])
    func triggersRefuseUpdatesAndDeletes(sql: String) throws {
        // Given a ledger with entries, blobs and a checkpoint
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 4)
        // When a row is changed through plain SQL
        // Then SQLite aborts with the append-only message
        #expect {
            try fixture.tamper(sql)
        } throws: { error in
            "\(error)".contains("append-only")
        }
    }

    @Test func blobsAreContentAddressedAndReferencesMustExist() throws {
        // Given a ledger and a blob
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        let blob = LedgerBlob(bytes: Array("kind: methodology\n".utf8), mediaType: "application/yaml")
        // When an entry references a blob that is not supplied
        // Then the append fails and nothing is written
        #expect(throws: LedgerError.missingBlob(sha256: blob.sha256, entryType: "rule_set_activated")) {
            try store.append([EntryDraft(type: "rule_set_activated", body: ["rules_sha256": .string(blob.sha256)])])
        }
        #expect(try store.size() == 0)
        // When it is supplied twice, it is stored once and later entries may reference it alone
        try store.append([
            EntryDraft(type: "rule_set_activated", body: ["rules_sha256": .string(blob.sha256)], blobs: [blob]),
            EntryDraft(
                type: "rule_set_activated", body: ["rules_sha256": .array([.string(blob.sha256)])], blobs: [blob]),
        ])
        try store.append([EntryDraft(type: "x", body: ["rules_sha256": .string(blob.sha256)])])
        #expect(try store.blob(sha256: blob.sha256) == blob)
        #expect(try RawLedgerAccess.scalar(path: store.path, "SELECT COUNT(*) FROM blobs") == "1")
    }

    @Test(arguments: [
        EntryDraft(type: "x", body: ["seq": 3]), EntryDraft(type: "x", body: ["type": "y"]),
        EntryDraft(type: "", body: [:]), EntryDraft(type: "x", body: ["doc_sha256": "ABC"]),
    ])
    func invalidDraftsAreRejected(draft: EntryDraft) throws {
        // Given a ledger
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        // When / Then an invalid draft is refused
        #expect(throws: LedgerError.self) { try store.append([draft]) }
    }

    @Test func checkpointsAreWrittenEveryNAndOnRequestAndLogged() throws {
        // Given a ledger that checkpoints every 4 entries
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 9, checkpointEvery: 4)
        let store = try LedgerStore(path: fixture.ledgerPath, signer: fixture.key.signer, checkpointEvery: 4)
        // When a checkpoint is requested twice
        let written = try store.writeCheckpoint()
        let again = try store.writeCheckpoint()
        // Then sizes 4, 8 and 9 are signed, the second request is a no-op, and the log holds the same notes
        #expect(written?.checkpoint.size == 9)
        #expect(again == nil)
        let stored = try store.checkpoints()
        #expect(stored.map(\.checkpoint.size) == [4, 8, 9])
        for signed in stored {
            try fixture.verifier.verify(signed.note)
            #expect(signed.checkpoint.root == (try store.root(size: signed.checkpoint.size)))
        }
        let log = try String(contentsOfFile: store.checkpointLogPath, encoding: .utf8)
        #expect(try SignedNote.parseLog(log) == stored.map(\.note))
        #expect(try store.latestCheckpoint() == stored.last)
    }

    @Test func inclusionAndConsistencyProofsVerifyAgainstSignedCheckpoints() throws {
        // Given a ledger of 13 entries with a checkpoint at 12
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 13, checkpointEvery: 4)
        let store = try LedgerStore(readOnlyAt: fixture.ledgerPath)
        let checkpoints = try store.checkpoints().map(\.checkpoint)
        let latest = try #require(checkpoints.last)
        // When proofs are produced for every entry and between checkpoints
        // Then each verifies against the signed roots
        for seq in 0..<latest.size {
            let entry = try #require(try store.entry(seq: seq))
            let proof = try store.inclusionProof(seq: seq, size: latest.size)
            try MerkleTree.verifyInclusion(
                index: seq, size: latest.size, leafHash: entry.leafHash, proof: proof, root: latest.root)
        }
        for older in checkpoints.dropLast() {
            let proof = try store.consistencyProof(oldSize: older.size, newSize: latest.size)
            try MerkleTree.verifyConsistency(
                oldSize: older.size, newSize: latest.size, oldRoot: older.root, newRoot: latest.root, proof: proof)
        }
        #expect(throws: LedgerError.self) { try store.inclusionProof(seq: 13, size: 13) }
    }

    @Test func keyFileIsPrivateAndReloaded() throws {
        // Given no key yet
        let folder = try TemporaryFolder()
        let path = folder.file("state/keys/ledger.ed25519")
        // When it is created and loaded again
        let created = try LedgerKey.loadOrCreate(at: path)
        let loaded = try LedgerKey.loadOrCreate(at: path)
        // Then it is the same key, mode 0600 in a 0700 folder, named after its public key
        #expect(loaded.verifier == created.verifier)
        let file = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let dir = try FileManager.default.attributesOfItem(atPath: folder.file("state/keys"))[.posixPermissions] as? Int
        #expect(file == 0o600)
        #expect(dir == 0o700)
        #expect(created.signer.name == LedgerKey.defaultName(publicKey: created.verifier.publicKey))
        #expect(created.signer.name.hasPrefix("tender.ledger/"))
        // And a key readable by others is refused
        chmod(path, 0o644)
        #expect(throws: LedgerError.self) { try LedgerKey.load(at: path) }
    }

    @Test func readOnlyStoreRefusesWrites() throws {
        // Given an existing ledger opened read-only
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 2)
        let store = try LedgerStore(readOnlyAt: fixture.ledgerPath)
        // When / Then appending fails with a clear error, reads work
        #expect(throws: LedgerError.readOnly(path: fixture.ledgerPath)) {
            try store.append([EntryDraft(type: "x", body: [:])])
        }
        #expect(try store.size() == 2)
    }
}
