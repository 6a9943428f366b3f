/// Every complete subtree hash of an RFC 9162 Merkle tree, kept level by level as leaves are appended, so an
/// inclusion proof or a root for any size up to ``count`` costs O(log² n) hashes instead of rehashing the tree
/// (``MerkleTree`` recomputes from the leaves; both give the same bytes).
///
/// ```swift
/// var levels = MerkleLevels()
/// for entry in entries { levels.append(entry.leafHash) }
/// let proof = levels.inclusionProof(index: 5, size: checkpoint.size)
/// ```
public struct MerkleLevels: Sendable {
    /// `levels[k][i]` is the hash of the 2^k leaves from `i << k`.
    private var levels: [[[UInt8]]] = [[]]

    public init() {}

    /// The number of leaves.
    public var count: Int { levels[0].count }

    /// Appends a leaf hash and the complete subtrees it finishes.
    public mutating func append(_ leafHash: [UInt8]) {
        levels[0].append(leafHash)
        var level = 0
        while levels[level].count % 2 == 0 {
            let pair = levels[level].count
            let node = MerkleTree.nodeHash(levels[level][pair - 2], levels[level][pair - 1])
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(node)
            level += 1
        }
    }

    /// The root of the tree of the first `size` leaves (1 ≤ size ≤ count).
    public func root(size: Int) -> [UInt8] {
        precondition(size >= 1 && size <= count)
        return hash(from: 0, count: size)
    }

    /// RFC 9162 PATH(index, D[0:size]): the inclusion proof of leaf `index` in the tree of `size` leaves.
    public func inclusionProof(index: Int, size: Int) -> [[UInt8]] {
        precondition(index >= 0 && index < size && size <= count)
        var proof: [[UInt8]] = []
        path(index, from: 0, count: size, into: &proof)
        return proof
    }

    private func path(_ index: Int, from start: Int, count: Int, into proof: inout [[UInt8]]) {
        guard count > 1 else { return }
        let split = MerkleTree.split(count)
        if index < split {
            path(index, from: start, count: split, into: &proof)
            proof.append(hash(from: start + split, count: count - split))
        } else {
            path(index - split, from: start + split, count: count - split, into: &proof)
            proof.append(hash(from: start, count: split))
        }
    }

    /// MTH(D[start:start+count]) for a range that a left-full decomposition reaches: a complete subtree when
    /// `count` is a power of two (then `start` is a multiple of it), else split as RFC 9162 splits.
    private func hash(from start: Int, count: Int) -> [UInt8] {
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            return levels[level][start >> level]
        }
        let split = MerkleTree.split(count)
        return MerkleTree.nodeHash(hash(from: start, count: split), hash(from: start + split, count: count - split))
    }
}
