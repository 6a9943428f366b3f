import Foundation
import GRDB
import TenderScoring

/// Re-checks a ledger file from its bytes: bodies, hashes, chain, blobs, signed checkpoints, and
/// consistency with a checkpoint the auditor kept.
///
/// It reads rows in chunks on one read-only connection per core, checking bodies and hashes concurrently, and
/// computes Merkle roots incrementally in `seq` order, so memory stays small for any ledger size.
///
/// ```swift
/// let report = try LedgerVerifier(path: "var/ledger.sqlite", verifier: key, trustedCheckpoint: kept).verify()
/// if !report.isValid { report.problems.forEach { print($0) } }
/// ```
public struct LedgerVerifier: Sendable {
    /// The ledger file.
    public let path: String
    /// The ledger's public key; checkpoints must be signed by it and have its name as origin.
    public let verifier: NoteVerifier
    /// A signed checkpoint note (or a whole `checkpoints.log`, whose last note is used) the auditor trusts.
    public let trustedCheckpoint: String?
    /// Worker threads (one read-only connection each); defaults to the active processor count.
    var workerCount = ProcessInfo.processInfo.activeProcessorCount
    /// About this many `seq` values (or blob rowids) per chunk read by one worker.
    var keysPerChunk = 256
    /// Entry chunks checked before their results are folded in, bounding memory.
    var chunksPerWindow = 32
    /// Told the number of entries checked so far after each window (for a progress display).
    public var progress: (@Sendable (Int) -> Void)?

    /// A verifier for the ledger at `path`.
    public init(path: String, verifier: NoteVerifier, trustedCheckpoint: String? = nil) {
        self.path = path
        self.verifier = verifier
        self.trustedCheckpoint = trustedCheckpoint
    }

    /// Verifies the whole ledger.
    ///
    /// - Returns: a report; tampering shows up as problems, not as a thrown error.
    /// - Throws: ``LedgerError`` only when the file cannot be opened or read at all.
    public func verify() throws(LedgerError) -> VerificationReport {
        let store = try LedgerStore(readOnlyAt: path)
        var run = VerificationRun(verifier: verifier)
        run.loadTrusted(trustedCheckpoint)
        let snapshot = try store.read("verify") { try VerificationRun.Snapshot($0) }
        do {
            let workers = try LedgerReadWorkers(path: path, count: workerCount)
            let blobRanges = KeyRanges(
                lowest: snapshot.blobRowids.lowest, highest: snapshot.blobRowids.highest, width: keysPerChunk)
            try run.checkBlobs(workers, rowids: blobRanges)
            run.loadCheckpoints(snapshot.checkpointRows)
            let seqRanges = KeyRanges(lowest: snapshot.seqs.lowest, highest: snapshot.seqs.highest, width: keysPerChunk)
            try run.checkEntries(workers, seqs: seqRanges, window: chunksPerWindow, progress: progress)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .database(operation: "verify", reason: "\(error)")
        }
        run.finish()
        return run.report
    }
}
