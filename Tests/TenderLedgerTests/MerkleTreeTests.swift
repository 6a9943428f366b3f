import Testing

@testable import TenderLedger

/// RFC 6962 / transparency-dev `proof/verify_test.go` vectors.
enum Vectors {
    static let leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map(hex)

    static let roots: [[UInt8]] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(hex)

    /// (0-based leaf index, tree size, proof)
    static let inclusion: [(Int, Int, [[UInt8]])] = [
        (
            0, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ].map(hex)
        ),
        (
            5, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ].map(hex)
        ),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"].map(hex)),
        (
            1, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ].map(hex)
        ),
    ]

    /// (old size, new size, proof)
    static let consistency: [(Int, Int, [[UInt8]])] = [
        (
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ].map(hex)
        ),
        (
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ].map(hex)
        ),
        (
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ].map(hex)
        ),
        (
            6, 7,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ].map(hex)
        ),
    ]

    static let leafHashes = leaves.map(MerkleTree.leafHash)
    static let someHash = hex("abacaba000000000000000000000000000000000000000000060061e00123456")
}

struct MerkleTreeTests {
    @Test func emptyTreeRootIsSHA256OfNothing() {
        // Given no leaves
        // When the root is computed
        let root = MerkleTree.root(leafHashes: [[UInt8]]())
        // Then it is SHA-256("")
        #expect(Hex.encode(root) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: 1...8)
    func rootMatchesVector(size: Int) {
        // Given the first `size` standard leaves
        let leaves = Array(Vectors.leafHashes.prefix(size))
        // When the root is computed
        let root = MerkleTree.root(leafHashes: leaves)
        // Then it equals the published root
        #expect(root == Vectors.roots[size - 1])
    }

    @Test(arguments: 0..<4)
    func inclusionVectorsAreProducedAndVerified(vector: Int) throws {
        // Given a published inclusion proof
        let (index, size, expected) = Vectors.inclusion[vector]
        let leaves = Array(Vectors.leafHashes.prefix(size))
        // When we produce our own proof
        let proof = try MerkleTree.inclusionProof(index: index, leafHashes: leaves)
        // Then it is the published one and it verifies against the published root
        #expect(proof == expected)
        try MerkleTree.verifyInclusion(
            index: index, size: size, leafHash: leaves[index], proof: expected, root: Vectors.roots[size - 1])
    }

    @Test(arguments: 0..<4)
    func consistencyVectorsAreProducedAndVerified(vector: Int) throws {
        // Given a published consistency proof
        let (old, new, expected) = Vectors.consistency[vector]
        // When we produce our own proof
        let proof = try MerkleTree.consistencyProof(oldSize: old, leafHashes: Array(Vectors.leafHashes.prefix(new)))
        // Then it is the published one and it verifies
        #expect(proof == expected)
        try MerkleTree.verifyConsistency(
            oldSize: old, newSize: new, oldRoot: Vectors.roots[old - 1], newRoot: Vectors.roots[new - 1], proof: proof)
    }

    @Test func everyGeneratedProofVerifiesForSizesUpTo33() throws {
        // Given trees of every size from 1 to 33
        let leaves = (0..<33).map { MerkleTree.leafHash([UInt8(truncatingIfNeeded: $0), 7]) }
        for size in 1...33 {
            let tree = Array(leaves.prefix(size))
            let root = MerkleTree.root(leafHashes: tree)
            // When proofs are generated for every leaf and every older size
            // Then each one verifies
            for index in 0..<size {
                let proof = try MerkleTree.inclusionProof(index: index, leafHashes: tree)
                try MerkleTree.verifyInclusion(
                    index: index, size: size, leafHash: tree[index], proof: proof, root: root)
            }
            for old in 1...size {
                let proof = try MerkleTree.consistencyProof(oldSize: old, leafHashes: tree)
                try MerkleTree.verifyConsistency(
                    oldSize: old, newSize: size, oldRoot: MerkleTree.root(leafHashes: tree.prefix(old)), newRoot: root,
                    proof: proof)
            }
        }
    }

    @Test func indexOutsideTreeHasNoProof() {
        // Given a tree of 3 leaves
        let leaves = Array(Vectors.leafHashes.prefix(3))
        // When / Then a proof for leaf 3 or -1 is refused
        #expect(throws: MerkleError.indexOutOfRange(index: 3, size: 3)) {
            try MerkleTree.inclusionProof(index: 3, leafHashes: leaves)
        }
        #expect(throws: MerkleError.self) { try MerkleTree.inclusionProof(index: -1, leafHashes: leaves) }
    }
}
