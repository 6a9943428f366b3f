import Testing

@testable import TenderLedger

/// Ports the corruption probes of transparency-dev `proof/verify_test.go`: every one must be rejected.
struct MerkleCorruptionTests {
    struct InclusionProbe {
        let index: Int
        let size: Int
        let leaf: [UInt8]
        let proof: [[UInt8]]
        let root: [UInt8]
        let name: String
    }

    struct ConsistencyProbe {
        let old: Int
        let new: Int
        let oldRoot: [UInt8]
        let newRoot: [UInt8]
        let proof: [[UInt8]]
        let name: String
    }

    static func inclusionProbes(index: Int, size: Int, proof: [[UInt8]], root: [UInt8], leaf: [UInt8])
        -> [InclusionProbe]
    {
        var probes = [
            InclusionProbe(index: index - 1, size: size, leaf: leaf, proof: proof, root: root, name: "index - 1"),
            InclusionProbe(index: index + 1, size: size, leaf: leaf, proof: proof, root: root, name: "index + 1"),
            InclusionProbe(index: index ^ 2, size: size, leaf: leaf, proof: proof, root: root, name: "index ^ 2"),
            InclusionProbe(index: index, size: size * 2, leaf: leaf, proof: proof, root: root, name: "size * 2"),
            InclusionProbe(index: index, size: size / 2, leaf: leaf, proof: proof, root: root, name: "size / 2"),
            InclusionProbe(
                index: index, size: size, leaf: Array("WrongLeaf".utf8), proof: proof, root: root, name: "wrong leaf"),
            InclusionProbe(
                index: index, size: size, leaf: leaf, proof: proof, root: MerkleTree.emptyRoot, name: "empty root"),
            InclusionProbe(
                index: index, size: size, leaf: leaf, proof: proof, root: Vectors.someHash, name: "random root"),
            InclusionProbe(
                index: index, size: size, leaf: leaf, proof: proof + [[]], root: root, name: "trailing garbage"),
            InclusionProbe(
                index: index, size: size, leaf: leaf, proof: proof + [root], root: root, name: "trailing root"),
            InclusionProbe(
                index: index, size: size, leaf: leaf, proof: [[]] + proof, root: root, name: "preceding garbage"),
            InclusionProbe(
                index: index, size: size, leaf: leaf, proof: [root] + proof, root: root, name: "preceding root"),
        ]
        for position in proof.indices {
            var flipped = proof
            flipped[position][0] ^= 8
            probes.append(
                InclusionProbe(
                    index: index, size: size, leaf: leaf, proof: flipped, root: root, name: "flip \(position)"))
        }
        if !proof.isEmpty {
            probes.append(
                InclusionProbe(
                    index: index, size: size, leaf: leaf, proof: Array(proof.dropLast()), root: root, name: "removed"))
        }
        if proof.count > 1 {
            let inserted = [proof[0], Vectors.someHash] + proof.dropFirst()
            probes.append(
                InclusionProbe(index: index, size: size, leaf: leaf, proof: inserted, root: root, name: "inserted"))
        }
        return probes
    }

    static func consistencyProbes(old: Int, new: Int, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]])
        -> [ConsistencyProbe]
    {
        func probe(_ o: Int, _ n: Int, _ r1: [UInt8], _ r2: [UInt8], _ p: [[UInt8]], _ name: String)
            -> ConsistencyProbe
        {
            ConsistencyProbe(old: o, new: n, oldRoot: r1, newRoot: r2, proof: p, name: name)
        }
        let wrong = Array("WrongRoot".utf8)
        var probes = [
            probe(old - 1, new, oldRoot, newRoot, proof, "old - 1"),
            probe(old + 1, new, oldRoot, newRoot, proof, "old + 1"),
            probe(old ^ 2, new, oldRoot, newRoot, proof, "old ^ 2"),
            probe(old, new * 2, oldRoot, newRoot, proof, "new * 2"),
            probe(old, new / 2, oldRoot, newRoot, proof, "new / 2"),
            probe(old, new, wrong, newRoot, proof, "wrong old root"),
            probe(old, new, oldRoot, wrong, proof, "wrong new root"),
            probe(old, new, newRoot, oldRoot, proof, "swapped roots"),
            probe(old, new, oldRoot, newRoot, [], "empty proof"),
            probe(old, new, oldRoot, newRoot, proof + [[]], "trailing garbage"),
            probe(old, new, oldRoot, newRoot, proof + [oldRoot], "trailing old root"),
            probe(old, new, oldRoot, newRoot, proof + [newRoot], "trailing new root"),
            probe(old, new, oldRoot, newRoot, [[]] + proof, "preceding garbage"),
            probe(old, new, oldRoot, newRoot, [oldRoot] + proof, "preceding old root"),
            probe(old, new, oldRoot, newRoot, [newRoot] + proof, "preceding new root"),
            probe(old, new, oldRoot, newRoot, [proof[0]] + proof, "preceding proof[0]"),
            probe(old, new, oldRoot, newRoot, Array(proof.dropLast()), "truncated proof"),
        ]
        for position in proof.indices {
            var flipped = proof
            flipped[position][0] ^= 16
            probes.append(probe(old, new, oldRoot, newRoot, flipped, "flip \(position)"))
        }
        return probes
    }

    @Test(arguments: 0..<4)
    func corruptedInclusionProofsAreRejected(vector: Int) {
        // Given a valid published inclusion proof
        let (index, size, proof) = Vectors.inclusion[vector]
        let probes = Self.inclusionProbes(
            index: index, size: size, proof: proof, root: Vectors.roots[size - 1], leaf: Vectors.leafHashes[index])
        // When each corruption is verified
        let accepted = probes.filter { probe in
            (try? MerkleTree.verifyInclusion(
                index: probe.index, size: probe.size, leafHash: probe.leaf, proof: probe.proof, root: probe.root))
                != nil
        }
        // Then none is accepted
        #expect(accepted.map(\.name) == [])
        #expect(probes.count >= 14)
    }

    @Test(arguments: 0..<4)
    func corruptedConsistencyProofsAreRejected(vector: Int) {
        // Given a valid published consistency proof
        let (old, new, proof) = Vectors.consistency[vector]
        let probes = Self.consistencyProbes(
            old: old, new: new, oldRoot: Vectors.roots[old - 1], newRoot: Vectors.roots[new - 1], proof: proof)
        // When each corruption is verified
        let accepted = probes.filter { probe in
            (try? MerkleTree.verifyConsistency(
                oldSize: probe.old, newSize: probe.new, oldRoot: probe.oldRoot, newRoot: probe.newRoot,
                proof: probe.proof)) != nil
        }
        // Then none is accepted
        #expect(accepted.map(\.name) == [])
    }

    @Test func timeTravelAndTrivialSizes() throws {
        // Given two real roots
        let root1 = Vectors.roots[0]
        let root2 = Vectors.roots[1]
        // When / Then an older size larger than the newer one fails
        #expect(throws: MerkleError.badSizes(old: 2, new: 1)) {
            try MerkleTree.verifyConsistency(oldSize: 2, newSize: 1, oldRoot: root2, newRoot: root1, proof: [])
        }
        // And equal sizes need equal roots and an empty proof
        #expect(throws: MerkleError.rootMismatch) {
            try MerkleTree.verifyConsistency(oldSize: 1, newSize: 1, oldRoot: root1, newRoot: root2, proof: [])
        }
        #expect(throws: MerkleError.wrongProofLength) {
            try MerkleTree.verifyConsistency(oldSize: 1, newSize: 1, oldRoot: root1, newRoot: root1, proof: [root1])
        }
        try MerkleTree.verifyConsistency(oldSize: 1, newSize: 1, oldRoot: root1, newRoot: root1, proof: [])
        // And size 0 is a prefix of anything only with an empty proof
        try MerkleTree.verifyConsistency(
            oldSize: 0, newSize: 2, oldRoot: MerkleTree.emptyRoot, newRoot: root2, proof: [])
        #expect(throws: MerkleError.wrongProofLength) {
            try MerkleTree.verifyConsistency(
                oldSize: 0, newSize: 2, oldRoot: MerkleTree.emptyRoot, newRoot: root2, proof: [MerkleTree.emptyRoot])
        }
        // And an inclusion proof in an empty tree is impossible
        #expect(throws: MerkleError.indexOutOfRange(index: 0, size: 0)) {
            try MerkleTree.verifyInclusion(
                index: 0, size: 0, leafHash: Vectors.someHash, proof: [], root: MerkleTree.emptyRoot)
        }
    }
}
