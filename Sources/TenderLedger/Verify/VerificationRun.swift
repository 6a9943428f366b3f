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

    mutating func add(_ problem: LedgerProblem) {
        add(problem.kind, problem.seq, problem.message)
    }

    /// The checkpoint rows and the key bounds of the entries and blobs, read in one snapshot before the
    /// chunked reads (which stay within those bounds, so rows appended meanwhile are not seen).
    struct Snapshot {
        var checkpointRows: [Row]
        var seqs: (lowest: Int?, highest: Int?)
        var blobRowids: (lowest: Int?, highest: Int?)

        init(_ db: Database) throws {
            checkpointRows = try Row.fetchAll(db, sql: "SELECT size, root, note FROM checkpoints ORDER BY size")
            let entryBounds = try Row.fetchOne(db, sql: "SELECT MIN(seq), MAX(seq) FROM entries")
            seqs = (entryBounds?[0], entryBounds?[1])
            let blobBounds = try Row.fetchOne(db, sql: "SELECT MIN(rowid), MAX(rowid) FROM blobs")
            blobRowids = (blobBounds?[0], blobBounds?[1])
        }
    }

    mutating func checkBlobs(_ workers: LedgerReadWorkers, rowids: KeyRanges) throws {
        let ranges = rowids.ranges
        let chunks = try workers.map(ranges.count) { db, index in try BlobCheck.read(db, rowids: ranges[index]) }
        for check in chunks.joined() {
            blobs.insert(check.address)
            if let actual = check.tamperedHash {
                tamperedBlobs.insert(check.address)
                add(.blobTampered, nil, "blob \(check.address) now holds bytes whose SHA-256 is \(actual)")
            }
        }
    }

    mutating func loadCheckpoints(_ rows: [Row]) {
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

    /// Checks the entries chunk by chunk on the workers, `window` chunks at a time (so memory stays bounded),
    /// then reports, chains and accumulates them in `seq` order.
    mutating func checkEntries(
        _ workers: LedgerReadWorkers, seqs: KeyRanges, window: Int, progress: (@Sendable (Int) -> Void)? = nil
    ) throws {
        let bodies = EntryBodyCheck(blobs: blobs, tamperedBlobs: tamperedBlobs)
        var expected = 0
        var previousChain = [UInt8](repeating: 0, count: 32)
        let ranges = seqs.ranges
        var first = 0
        while first < ranges.count {
            let batch = Array(ranges[first..<min(ranges.count, first + max(1, window))])
            first += batch.count
            let chunks = try workers.map(batch.count) { db, index in
                try EntryCheck.read(db, seqs: batch[index], bodies: bodies)
            }
            for check in chunks.joined() {
                let seq = check.seq
                if seq != expected {
                    let what = seq > expected ? "entries \(expected)…\(seq - 1) are missing" : "out of order"
                    add(.missingEntry, expected, "expected seq \(expected) but found \(seq): \(what)")
                    expected = seq
                }
                if !check.leafMatches {
                    add(.leafHashMismatch, seq, "stored leaf hash is not SHA-256(0x00 ‖ body): the body was edited")
                }
                let chainFollows =
                    check.chainFollows ?? (check.chain == SHA256Hashing.hash(prefix: 0x02, previousChain, check.leaf))
                if !chainFollows {
                    add(.chainMismatch, seq, "chain hash does not follow from the previous row and this body")
                }
                previousChain = check.chain
                for problem in check.bodyProblems { add(problem) }
                accumulator.append(leafHash: check.leaf)
                checkRoot()
                expected += 1
            }
            progress?(expected)
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
