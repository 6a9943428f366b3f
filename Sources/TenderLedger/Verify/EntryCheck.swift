import Foundation
import GRDB

/// What the verifier learned about one stored entry from its row alone (internal to ``LedgerVerifier``).
///
/// Entries are checked in chunks on several threads; the verifier then walks the results in `seq` order to
/// report problems, follow the chain across chunks and grow the Merkle tree.
struct EntryCheck: Sendable {
    /// The row's `seq`.
    let seq: Int
    /// `SHA-256(0x00 ‖ body)` recomputed from the body.
    let leaf: [UInt8]
    /// Whether the stored leaf hash equals ``leaf``.
    let leafMatches: Bool
    /// The stored chain hash.
    let chain: [UInt8]
    /// Whether the stored chain hash follows from the previous row's; nil when the previous row is in another
    /// chunk (the verifier checks it then).
    let chainFollows: Bool?
    /// Problems with the body (JSON, canonical form, seq and type, blob references), in reporting order.
    let bodyProblems: [LedgerProblem]

    /// The checks of the rows with `seq` in `seqs`, in order.
    static func read(_ db: Database, seqs: ClosedRange<Int>, bodies: EntryBodyCheck) throws -> [EntryCheck] {
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT seq, type, body, leaf_hash, chain_hash FROM entries WHERE seq >= ? AND seq <= ? ORDER BY seq",
            arguments: [seqs.lowerBound, seqs.upperBound])
        var checks: [EntryCheck] = []
        var previousChain: [UInt8]?
        while let row = try rows.next() {
            let seq: Int = row[0]
            let type: String = row[1]
            let (leaf, problems) = try row.withUnsafeData(atIndex: 2) { data in
                (data ?? Data()).withUnsafeBytes { body in
                    (
                        SHA256Hashing.hash(prefix: 0x00, buffer: body),
                        bodies.problems(body, seq: seq, type: type)
                    )
                }
            }
            let leafMatches = try row.withUnsafeData(atIndex: 3) { Self.equal($0, leaf) }
            let chain = try row.withUnsafeData(atIndex: 4) { [UInt8]($0 ?? Data()) }
            let chainFollows = previousChain.map { chain == SHA256Hashing.hash(prefix: 0x02, $0, leaf) }
            previousChain = chain
            checks.append(
                EntryCheck(
                    seq: seq, leaf: leaf, leafMatches: leafMatches, chain: chain, chainFollows: chainFollows,
                    bodyProblems: problems))
        }
        return checks
    }

    private static func equal(_ data: Data?, _ bytes: [UInt8]) -> Bool {
        guard let data else { return bytes.isEmpty }
        return data.elementsEqual(bytes)
    }
}
