import Foundation
import TenderScoring

/// The checks of one entry body against its row and the stored blobs (internal to ``LedgerVerifier``).
///
/// Canonical bodies are checked in one pass by ``CanonicalBodyScanner``; any body it does not vouch for, or
/// whose `seq`/`type` disagree with the row, takes the reference path (parse, re-serialise, compare), which
/// also writes every message. Both paths report the same problems.
struct EntryBodyCheck: Sendable {
    /// Addresses of the stored blobs.
    let blobs: Set<String>
    /// Addresses of stored blobs whose bytes do not hash to their address.
    let tamperedBlobs: Set<String>

    /// The problems with `body`, stored at `seq` with type `type`, in the order the verifier reports them.
    func problems(_ body: UnsafeRawBufferPointer, seq: Int, type: String) -> [LedgerProblem] {
        guard let summary = CanonicalBodyScanner.scan(body), summary.seq == Int64(seq), let typeRange = summary.type,
            Self.equal(UnsafeRawBufferPointer(rebasing: body[typeRange]), type)
        else { return referenceProblems(Array(body), seq: seq, type: type) }
        var problems: [LedgerProblem] = []
        for range in summary.references {
            let reference = String(decoding: UnsafeRawBufferPointer(rebasing: body[range]), as: UTF8.self)
            if let problem = blobProblem(reference, seq: seq) { problems.append(problem) }
        }
        return problems
    }

    /// The problems with `body` found by parsing it and re-serialising the tree (the reference path).
    func referenceProblems(_ body: [UInt8], seq: Int, type: String) -> [LedgerProblem] {
        var problems: [LedgerProblem] = []
        func add(_ kind: LedgerProblem.Kind, _ message: String) {
            problems.append(LedgerProblem(kind: kind, seq: seq, message: message))
        }
        let value: JSONValue
        do {
            value = try JSONParser(maximumDepth: 256).parse(body)
        } catch {
            add(.bodyNotJSON, "body is not JSON (\(error))")
            return problems
        }
        if value.canonicalBytes != body {
            add(.bodyNotCanonical, "body is not canonical JSON (sorted keys, no spaces)")
        }
        if value["seq"] != .integer(Int64(seq)) {
            add(.bodyMismatch, "body.seq is \(value["seq"]?.canonicalString ?? "absent"), not \(seq)")
        }
        if value["type"] != .string(type) {
            add(.bodyMismatch, "body.type is \(value["type"]?.canonicalString ?? "absent"), not '\(type)'")
        }
        let found = BlobReferences.collect(in: value)
        for reason in found.malformed { add(.badBlobReference, reason) }
        for reference in found.references {
            if let problem = blobProblem(reference, seq: seq) { problems.append(problem) }
        }
        return problems
    }

    private func blobProblem(_ reference: String, seq: Int) -> LedgerProblem? {
        if !blobs.contains(reference) {
            return LedgerProblem(
                kind: .missingBlob, seq: seq, message: "references blob \(reference), which is not stored")
        }
        if tamperedBlobs.contains(reference) {
            return LedgerProblem(
                kind: .blobTampered, seq: seq, message: "references blob \(reference), whose bytes were replaced")
        }
        return nil
    }

    private static func equal(_ bytes: UnsafeRawBufferPointer, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 {
            $0.count == bytes.count && (bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
    }
}
