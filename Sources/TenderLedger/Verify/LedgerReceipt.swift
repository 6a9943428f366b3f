public import TenderScoring

/// A self-contained proof that one entry is in the ledger: the entry body, its inclusion proof and the signed
/// checkpoint it leads to. A bidder can check it without seeing any other entry.
public struct LedgerReceipt: Sendable, Hashable {
    /// The entry's canonical JSON bytes.
    public let body: [UInt8]
    /// The entry's position (its `seq`).
    public let leafIndex: Int
    /// The tree size of the checkpoint.
    public let treeSize: Int
    /// The RFC 9162 audit path.
    public let inclusionProof: [[UInt8]]
    /// The signed checkpoint note for `treeSize`.
    public let checkpointNote: String

    /// A receipt for entry `seq`, using the latest stored checkpoint (it must cover `seq`).
    ///
    /// - Throws: ``LedgerError/entryNotFound(seq:size:)`` when no checkpoint covers the entry yet.
    public init(store: LedgerStore, seq: Int) throws(LedgerError) {
        guard let signed = try store.latestCheckpoint(), signed.checkpoint.size > seq, seq >= 0,
            let entry = try store.entry(seq: seq)
        else { throw .entryNotFound(seq: seq, size: try store.latestCheckpoint()?.checkpoint.size ?? 0) }
        body = entry.body
        leafIndex = seq
        treeSize = signed.checkpoint.size
        inclusionProof = try store.inclusionProof(seq: seq, size: treeSize)
        checkpointNote = signed.noteText
    }

    /// The receipt as JSON: `body` (text), `leaf_index`, `tree_size`, `inclusion_proof` (hex), `checkpoint`.
    public var json: JSONValue {
        [
            "body": .string(String(decoding: body, as: UTF8.self)),
            "leaf_index": .integer(Int64(leafIndex)),
            "tree_size": .integer(Int64(treeSize)),
            "leaf_hash": .string(Hex.encode(MerkleTree.leafHash(body))),
            "inclusion_proof": .array(inclusionProof.map { .string(Hex.encode($0)) }),
            "checkpoint": .string(checkpointNote),
        ]
    }

    /// Checks the checkpoint signature and the entry's inclusion under its root.
    ///
    /// - Throws: ``NoteError`` when the checkpoint is not signed by `verifier`, or ``MerkleError`` when the
    ///   entry is not in the signed tree.
    public func verify(with verifier: NoteVerifier) throws {
        let signed = try SignedCheckpoint(verifying: checkpointNote, with: verifier)
        guard signed.checkpoint.size == treeSize else {
            throw MerkleError.badSizes(old: treeSize, new: signed.checkpoint.size)
        }
        try MerkleTree.verifyInclusion(
            index: leafIndex, size: treeSize, leafHash: MerkleTree.leafHash(body), proof: inclusionProof,
            root: signed.checkpoint.root)
    }
}
