import Foundation
import GRDB
import TenderScoring

/// Re-checks a ledger file from its bytes: bodies, hashes, chain, blobs, signed checkpoints, and
/// consistency with a checkpoint the auditor kept.
///
/// It streams rows and computes Merkle roots incrementally, so memory stays small for any ledger size.
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
        try store.read("verify") { db in
            try run.checkBlobs(db)
            try run.loadCheckpoints(db)
            try run.checkEntries(db)
        }
        run.finish()
        return run.report
    }
}
