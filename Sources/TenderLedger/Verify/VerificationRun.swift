import Foundation
import GRDB
import TenderScoring

/// The state of one verification pass (internal to ``LedgerVerifier``).
struct VerificationRun {
    let verifier: NoteVerifier
    private var problems: [LedgerProblem] = []
    private var problemCount = 0
    private var blobs: Set<String> = []
    private var tamperedBlobs: Set<String> = []
    private var checkpoints: [Int: [UInt8]] = [:]
    private var trusted: Checkpoint?
    private var trustedRoot: [UInt8]?
    private var accumulator = MerkleAccumulator()
    private var lastMatchingCheckpoint = 0
    private var latestCheckpoint = 0

    init(verifier: NoteVerifier) {
        self.verifier = verifier
    }

    var report: VerificationReport {
        VerificationReport(
            size: accumulator.size, root: accumulator.root, checkpointsChecked: checkpoints.count,
            blobsChecked: blobs.count, unsignedEntries: max(0, accumulator.size - latestCheckpoint),
            problems: problems, problemCount: problemCount)
    }

    mutating func add(_ kind: LedgerProblem.Kind, _ seq: Int?, _ message: String) {
        problemCount += 1
        if problems.count < VerificationReport.maximumProblems {
            problems.append(LedgerProblem(kind: kind, seq: seq, message: message))
        }
    }

    mutating func loadTrusted(_ text: String?) {
        guard let text else { return }
        do {
            guard let last = try SignedNote.parseLog(text).last else {
                throw NoteError.malformedNote("no note found in the trusted checkpoint file")
            }
            trusted = try SignedCheckpoint(verifying: last.serialized, with: verifier).checkpoint
        } catch {
            add(.trustedCheckpointInvalid, nil, "the trusted checkpoint was not accepted: \(error)")
        }
    }

    mutating func checkBlobs(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT sha256, bytes FROM blobs")
        while let row = try rows.next() {
            let address: String = row[0]
            let actual = try row.withUnsafeData(atIndex: 1) { Hex.encode(SHA256Hashing.sha256($0 ?? Data())) }
            blobs.insert(address)
            if actual != address {
                tamperedBlobs.insert(address)
                add(.blobTampered, nil, "blob \(address) now holds bytes whose SHA-256 is \(actual)")
            }
        }
    }

    mutating func loadCheckpoints(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT size, root, note FROM checkpoints ORDER BY size")
        for row in rows {
            let size: Int = row["size"]
            let storedRoot = Array(row["root"] as Data)
            do {
                let signed = try SignedCheckpoint(verifying: row["note"], with: verifier)
                guard signed.checkpoint.size == size, signed.checkpoint.root == storedRoot else {
                    add(.checkpointMismatch, nil, "checkpoint row \(size) does not match its signed note")
                    continue
                }
                checkpoints[size] = storedRoot
                latestCheckpoint = max(latestCheckpoint, size)
            } catch {
                add(
                    .checkpointSignature, nil,
                    "checkpoint \(size) is not validly signed by \(verifier.keyLabel): \(error)")
            }
        }
    }

    mutating func checkEntries(_ db: Database) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, type, body, leaf_hash, chain_hash FROM entries ORDER BY seq")
        var expected = 0
        var previousChain = [UInt8](repeating: 0, count: 32)
        let parser = JSONParser(maximumDepth: 256)
        while let row = try rows.next() {
            let seq: Int = row[0]
            let type: String = row[1]
            if seq != expected {
                let what = seq > expected ? "entries \(expected)…\(seq - 1) are missing" : "out of order"
                add(.missingEntry, expected, "expected seq \(expected) but found \(seq): \(what)")
                expected = seq
            }
            let body = try row.withUnsafeData(atIndex: 2) { [UInt8]($0 ?? Data()) }
            let leaf = MerkleTree.leafHash(body)
            let storedLeaf = try row.withUnsafeData(atIndex: 3) { [UInt8]($0 ?? Data()) }
            let storedChain = try row.withUnsafeData(atIndex: 4) { [UInt8]($0 ?? Data()) }
            if storedLeaf != leaf {
                add(.leafHashMismatch, seq, "stored leaf hash is not SHA-256(0x00 ‖ body): the body was edited")
            }
            if storedChain != SHA256Hashing.hash(prefix: 0x02, previousChain, leaf) {
                add(.chainMismatch, seq, "chain hash does not follow from the previous row and this body")
            }
            previousChain = storedChain
            checkBody(body, seq: seq, type: type, parser: parser)
            accumulator.append(leafHash: leaf)
            checkRoot()
            expected += 1
        }
    }

    private mutating func checkBody(_ body: [UInt8], seq: Int, type: String, parser: JSONParser) {
        let value: JSONValue
        do {
            value = try parser.parse(body)
        } catch {
            add(.bodyNotJSON, seq, "body is not JSON (\(error))")
            return
        }
        if value.canonicalBytes != body {
            add(.bodyNotCanonical, seq, "body is not canonical JSON (sorted keys, no spaces)")
        }
        if value["seq"] != .integer(Int64(seq)) {
            add(.bodyMismatch, seq, "body.seq is \(value["seq"]?.canonicalString ?? "absent"), not \(seq)")
        }
        if value["type"] != .string(type) {
            add(.bodyMismatch, seq, "body.type is \(value["type"]?.canonicalString ?? "absent"), not '\(type)'")
        }
        let found = BlobReferences.collect(in: value)
        for reason in found.malformed { add(.badBlobReference, seq, reason) }
        for reference in found.references {
            if !blobs.contains(reference) {
                add(.missingBlob, seq, "references blob \(reference), which is not stored")
            } else if tamperedBlobs.contains(reference) {
                add(.blobTampered, seq, "references blob \(reference), whose bytes were replaced")
            }
        }
    }

    private mutating func checkRoot() {
        let size = accumulator.size
        let signed = checkpoints[size]
        guard signed != nil || trusted?.size == size else { return }
        let root = accumulator.root
        if trusted?.size == size { trustedRoot = root }
        guard let signed else { return }
        if signed == root {
            lastMatchingCheckpoint = size
        } else {
            add(
                .checkpointMismatch, nil,
                "signed checkpoint \(size) does not match the entries: an entry in \(lastMatchingCheckpoint)…"
                    + "\(size - 1) was changed after it was signed")
        }
    }

    mutating func finish() {
        let size = accumulator.size
        for checkpointSize in checkpoints.keys.sorted() where checkpointSize > size {
            add(.truncated, nil, "checkpoint \(checkpointSize) was signed but the ledger has only \(size) entries")
        }
        guard let trusted else { return }
        if trusted.size > size {
            add(.rollback, nil, "the ledger has \(size) entries, fewer than the \(trusted.size) you trusted before")
        } else if trusted.size > 0, trustedRoot != trusted.root {
            add(
                .fork, nil,
                "the first \(trusted.size) entries differ from the checkpoint you trusted: history was rewritten")
        }
    }
}
