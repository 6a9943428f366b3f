/// The outcome of ``LedgerVerifier/verify()``.
public struct VerificationReport: Sendable, Hashable {
    /// Entries read.
    public let size: Int
    /// The recomputed root of all entries.
    public let root: [UInt8]
    /// Stored checkpoints whose signature and root were checked.
    public let checkpointsChecked: Int
    /// Blobs whose hash was checked.
    public let blobsChecked: Int
    /// Entries after the last checkpoint (not yet covered by a signature).
    public let unsignedEntries: Int
    /// The problems found (the first ``maximumProblems``), in the order found.
    public let problems: [LedgerProblem]
    /// How many problems were found in total.
    public let problemCount: Int

    /// Problems beyond this many are counted but not kept.
    public static let maximumProblems = 1000

    /// True when no problem was found.
    public var isValid: Bool { problemCount == 0 }

    /// The smallest entry sequence number named by a problem.
    public var firstBadSeq: Int? { problems.compactMap(\.seq).min() }
}
