/// Why a ledger operation failed, with what to do about it.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder for the ledger or key could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The database could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// A connection does not run with `PRAGMA synchronous=FULL`.
    case notDurable(path: String, synchronous: Int)
    /// The file was written by a newer tender (unknown migrations).
    case newerFormat(path: String)
    /// The file is not a tender ledger.
    case notALedger(path: String)
    /// Nothing at the path given for a ledger.
    case noLedger(path: String)
    /// The path given for a ledger is a folder.
    case ledgerIsAFolder(path: String)
    /// A SQLite operation failed.
    case database(operation: String, reason: String)
    /// A draft entry is not acceptable.
    case invalidDraft(String)
    /// An entry references a blob that is neither in its draft nor already stored.
    case missingBlob(sha256: String, entryType: String)
    /// Writing a checkpoint needs a signing key.
    case noSigner
    /// The store was opened read-only.
    case readOnly(path: String)
    /// No entry with that sequence number (or not inside the requested tree size).
    case entryNotFound(seq: Int, size: Int)
    /// A tree size outside `1...size` was requested.
    case badTreeSize(requested: Int, size: Int)
    /// The `checkpoints.log` file could not be written.
    case checkpointLog(path: String, reason: String)
    /// A key file could not be read, created or parsed.
    case keyFile(path: String, reason: String)
    /// Signing a checkpoint failed.
    case signing(String)
    /// A group of entries numbered from `expected` found the ledger at `size` entries: another writer appended in
    /// between, and what the group cites by number would be wrong.
    case moved(expected: Int, size: Int)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "Cannot create folder \(path): \(reason). Check the path and its permissions."
        case .cannotOpen(let path, let reason):
            "Cannot open ledger \(path): \(reason). Check that the file is a tender ledger and is readable."
        case .notDurable(let path, let value):
            "Ledger \(path) runs with PRAGMA synchronous=\(value), not FULL (2); refusing to risk losing commits."
        case .newerFormat(let path):
            "Ledger \(path) was written by a newer tender; upgrade tender before writing to it."
        case .notALedger(let path):
            "\(path) is not a tender ledger; pass --ledger with the ledger file tender wrote (var/ledger.sqlite by default)."
        case .noLedger(let path):
            "no ledger at \(path); pass --ledger with the ledger file (var/ledger.sqlite by default)."
        case .ledgerIsAFolder(let path):
            "\(path) is a folder, not a ledger; pass --ledger with the ledger file in it (such as \(path)/ledger.sqlite)."
        case .database(let operation, let reason):
            "Ledger \(operation) failed: \(reason)."
        case .invalidDraft(let reason):
            "Invalid ledger entry: \(reason)."
        case .missingBlob(let sha256, let type):
            "Entry of type '\(type)' references blob \(sha256), which is not stored; add it to the draft's blobs."
        case .noSigner:
            "Writing a checkpoint needs a signing key; open the ledger with a NoteSigner (see LedgerKey)."
        case .readOnly(let path):
            "Ledger \(path) was opened read-only; open it for writing to append or checkpoint."
        case .entryNotFound(let seq, let size):
            "No entry \(seq) in a ledger of \(size) entries; sequence numbers start at 0."
        case .badTreeSize(let requested, let size):
            "Tree size \(requested) is not between 1 and the ledger size \(size)."
        case .checkpointLog(let path, let reason):
            "Cannot append to \(path): \(reason). The checkpoint is in the database; fix the file and retry."
        case .keyFile(let path, let reason):
            "ledger key \(path): \(reason)."
        case .signing(let reason):
            "Cannot sign checkpoint: \(reason)."
        case .moved(let expected, let size):
            "The ledger holds \(size) entries, not the \(expected) these entries were numbered after (another writer "
                + "appended in between); nothing was appended: number them again from the ledger's size."
        }
    }
}
