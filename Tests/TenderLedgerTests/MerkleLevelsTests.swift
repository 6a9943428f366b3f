import Foundation
import TenderLedger
import Testing

/// The console's kept Merkle levels give the same roots and proofs as recomputing the tree from its leaves.
struct MerkleLevelsTests {
    @Test func everyRootAndProofMatchesTheTreeRecomputedFromItsLeaves() throws {
        // Given 70 leaves appended one by one (sizes across several powers of two)
        let leaves = (0..<70).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }
        var levels = MerkleLevels()
        for (count, leaf) in leaves.enumerated() {
            levels.append(leaf)
            #expect(levels.count == count + 1)
        }
        // Then for every size and every index, root and proof are those of RFC 9162 computed afresh
        for size in 1...leaves.count {
            let prefix = Array(leaves.prefix(size))
            #expect(levels.root(size: size) == MerkleTree.root(leafHashes: prefix), "root of \(size)")
            for index in 0..<size {
                let proof = levels.inclusionProof(index: index, size: size)
                #expect(
                    proof == (try MerkleTree.inclusionProof(index: index, leafHashes: prefix)), "\(index) of \(size)")
            }
        }
    }
}
