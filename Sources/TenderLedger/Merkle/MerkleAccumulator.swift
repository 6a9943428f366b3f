/// An append-only Merkle root calculator that keeps only O(log n) perfect-subtree hashes.
///
/// Appending leaf hashes one by one and reading ``root`` gives exactly the RFC 9162 `MTH` of all leaves
/// appended so far, without holding the leaves. The verifier and the store use it to stream 100k+ rows.
public struct MerkleAccumulator: Sendable, Hashable {
    /// Roots of the perfect subtrees, largest (leftmost) first.
    private var subtrees: [[UInt8]] = []

    /// How many leaves have been appended.
    public private(set) var size: Int = 0

    /// An empty accumulator.
    public init() {}

    /// Appends one leaf hash (`MerkleTree.leafHash(data)`).
    public mutating func append(leafHash: [UInt8]) {
        var hash = leafHash
        var index = size
        // Each trailing 1 bit of the old size is a perfect subtree of equal height to merge with.
        while index & 1 == 1 {
            hash = MerkleTree.nodeHash(subtrees.removeLast(), hash)
            index >>= 1
        }
        subtrees.append(hash)
        size += 1
    }

    /// The RFC 9162 root of all leaves appended so far (`SHA-256("")` when empty).
    public var root: [UInt8] {
        guard var hash = subtrees.last else { return MerkleTree.emptyRoot }
        for left in subtrees.dropLast().reversed() {
            hash = MerkleTree.nodeHash(left, hash)
        }
        return hash
    }
}
