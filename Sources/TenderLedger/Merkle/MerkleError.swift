/// Why a Merkle proof could not be produced or did not verify.
public enum MerkleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A hash (leaf, root or proof element) is not 32 bytes long.
    case badHashLength
    /// The leaf index is not inside the tree.
    case indexOutOfRange(index: Int, size: Int)
    /// The sizes given for a consistency proof are impossible (`old > new`, or negative).
    case badSizes(old: Int, new: Int)
    /// The proof has the wrong number of elements for the given index and sizes.
    case wrongProofLength
    /// The proof is well formed but leads to a different root.
    case rootMismatch

    public var description: String {
        switch self {
        case .badHashLength:
            "A hash in the proof is not 32 bytes; the proof is corrupt or was truncated."
        case .indexOutOfRange(let index, let size):
            "Leaf index \(index) is outside a tree of size \(size); ask for a proof against a larger checkpoint."
        case .badSizes(let old, let new):
            "Cannot prove tree size \(old) is a prefix of size \(new); the older size must not exceed the newer one."
        case .wrongProofLength:
            "The proof has the wrong number of hashes for this index and tree size; it was altered or mismatched."
        case .rootMismatch:
            "The proof does not lead to the expected root: the entry or tree differs from what was signed."
        }
    }
}
