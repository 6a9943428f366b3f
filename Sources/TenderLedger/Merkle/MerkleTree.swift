/// The RFC 9162 §2.1 Merkle tree over SHA-256: tree hashes, inclusion proofs and consistency proofs.
///
/// Leaves are hashed as `SHA-256(0x00 ‖ data)` and interior nodes as `SHA-256(0x01 ‖ left ‖ right)`, so a
/// leaf can never be passed off as a node. The shape of the tree depends only on its size.
///
/// ```swift
/// let leaves = entries.map { MerkleTree.leafHash($0) }
/// let proof = try MerkleTree.inclusionProof(index: 3, leafHashes: leaves)
/// try MerkleTree.verifyInclusion(index: 3, size: leaves.count, leafHash: leaves[3], proof: proof,
///                                root: MerkleTree.root(leafHashes: leaves))
/// ```
public enum MerkleTree {
    /// The root of the empty tree: `SHA-256("")`.
    public static let emptyRoot: [UInt8] = SHA256Hashing.sha256([UInt8]())

    /// `SHA-256(0x00 ‖ data)`.
    public static func leafHash(_ data: [UInt8]) -> [UInt8] {
        SHA256Hashing.hash(prefix: 0x00, data)
    }

    /// `SHA-256(0x00 ‖ data)` of data given in pieces, never put together.
    static func leafHash(pieces: [[UInt8]]) -> [UInt8] {
        SHA256Hashing.hash(prefix: 0x00, pieces: pieces)
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        SHA256Hashing.hash(prefix: 0x01, left, right)
    }

    /// `MTH` of the leaves whose hashes are given, in order.
    public static func root(leafHashes: some Sequence<[UInt8]>) -> [UInt8] {
        var accumulator = MerkleAccumulator()
        for leaf in leafHashes { accumulator.append(leafHash: leaf) }
        return accumulator.root
    }

    /// The audit path (RFC 9162 §2.1.3.1 `PATH`) for leaf `index` in the tree made of `leafHashes`.
    ///
    /// - Throws: ``MerkleError/indexOutOfRange(index:size:)`` when `index` is not a leaf of the tree.
    public static func inclusionProof(index: Int, leafHashes: [[UInt8]]) throws(MerkleError) -> [[UInt8]] {
        guard index >= 0, index < leafHashes.count else {
            throw .indexOutOfRange(index: index, size: leafHashes.count)
        }
        return path(index, leafHashes[...])
    }

    /// The consistency proof (RFC 9162 §2.1.4.1 `PROOF`) that the first `oldSize` leaves are a prefix of
    /// the tree made of `leafHashes`. Empty when `oldSize` is 0 or equals the tree size.
    ///
    /// - Throws: ``MerkleError/badSizes(old:new:)`` when `oldSize` is negative or larger than the tree.
    public static func consistencyProof(oldSize: Int, leafHashes: [[UInt8]]) throws(MerkleError) -> [[UInt8]] {
        guard oldSize >= 0, oldSize <= leafHashes.count else {
            throw .badSizes(old: oldSize, new: leafHashes.count)
        }
        guard oldSize > 0, oldSize < leafHashes.count else { return [] }
        return subproof(oldSize, leafHashes[...], complete: true)
    }

    /// Recomputes the root from an inclusion proof (RFC 9162 §2.1.3.2).
    ///
    /// - Throws: ``MerkleError`` when the index, size or proof length are inconsistent or a hash is not 32 bytes.
    public static func rootFromInclusionProof(
        index: Int, size: Int, leafHash: [UInt8], proof: [[UInt8]]
    ) throws(MerkleError) -> [UInt8] {
        guard index >= 0, index < size else { throw .indexOutOfRange(index: index, size: size) }
        guard leafHash.count == 32, proof.allSatisfy({ $0.count == 32 }) else { throw .badHashLength }
        var fn = index
        var sn = size - 1
        var result = leafHash
        for sibling in proof {
            guard sn != 0 else { throw .wrongProofLength }
            if fn & 1 == 1 || fn == sn {
                result = nodeHash(sibling, result)
                if fn & 1 == 0 {
                    while fn != 0, fn & 1 == 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                result = nodeHash(result, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength }
        return result
    }

    /// Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`.
    ///
    /// - Throws: ``MerkleError`` naming why the proof fails.
    public static func verifyInclusion(
        index: Int, size: Int, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8]
    ) throws(MerkleError) {
        guard root.count == 32 else { throw .badHashLength }
        let computed = try rootFromInclusionProof(index: index, size: size, leafHash: leafHash, proof: proof)
        guard computed == root else { throw .rootMismatch }
    }

    /// Checks that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of `newSize`
    /// leaves with root `newRoot` (RFC 9162 §2.1.4.2).
    ///
    /// Equal sizes need an empty proof and equal roots; size 0 is a prefix of everything with an empty proof.
    /// - Throws: ``MerkleError`` naming why the proof fails.
    public static func verifyConsistency(
        oldSize: Int, newSize: Int, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
    ) throws(MerkleError) {
        guard oldSize >= 0, oldSize <= newSize else { throw .badSizes(old: oldSize, new: newSize) }
        guard oldRoot.count == 32, newRoot.count == 32, proof.allSatisfy({ $0.count == 32 }) else {
            throw .badHashLength
        }
        if oldSize == 0 {
            guard proof.isEmpty else { throw .wrongProofLength }
            return
        }
        if oldSize == newSize {
            guard proof.isEmpty else { throw .wrongProofLength }
            guard oldRoot == newRoot else { throw .rootMismatch }
            return
        }
        guard !proof.isEmpty else { throw .wrongProofLength }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var oldResult = path[0]
        var newResult = path[0]
        for hash in path.dropFirst() {
            guard sn != 0 else { throw .wrongProofLength }
            if fn & 1 == 1 || fn == sn {
                oldResult = nodeHash(hash, oldResult)
                newResult = nodeHash(hash, newResult)
                if fn & 1 == 0 {
                    while fn != 0, fn & 1 == 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                newResult = nodeHash(newResult, hash)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength }
        guard oldResult == oldRoot, newResult == newRoot else { throw .rootMismatch }
    }

    /// The largest power of two strictly smaller than `n` (n > 1).
    static func split(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    private static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        let n = leaves.count
        guard n > 1 else { return [] }
        let k = split(n)
        let start = leaves.startIndex
        if m < k {
            return path(m, leaves[start..<start + k]) + [root(leafHashes: leaves[(start + k)...])]
        }
        return path(m - k, leaves[(start + k)...]) + [root(leafHashes: leaves[start..<start + k])]
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<[UInt8]>, complete: Bool) -> [[UInt8]] {
        let n = leaves.count
        if m == n { return complete ? [] : [root(leafHashes: leaves)] }
        let k = split(n)
        let start = leaves.startIndex
        if m <= k {
            return subproof(m, leaves[start..<start + k], complete: complete)
                + [root(leafHashes: leaves[(start + k)...])]
        }
        return subproof(m - k, leaves[(start + k)...], complete: false)
            + [root(leafHashes: leaves[start..<start + k])]
    }
}
