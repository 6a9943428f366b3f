import TenderScoring

/// A draft's body in canonical bytes but for its `seq`: the pieces that go before the number and those that go
/// after, with `seq` and `type` in their places in key order. The writer writes `before ‖ seq ‖ after`, the exact
/// bytes of `JSONValue.object(body + serialized + seq + type).canonicalBytes` (internal to ``LedgerStore``).
///
/// Each member serialized ahead is a piece of its own that shares the draft's bytes: laying out the recorded result
/// of an evaluation of 10,000 tenders (tens of megabytes) copies none of it.
struct EntryTemplate {
    let before: [[UInt8]]
    let after: [[UInt8]]
    /// The blobs the body references (each must be stored).
    let references: [String]

    /// Checks `draft` and lays out its body.
    /// - Throws: ``LedgerError/invalidDraft(_:)`` for an empty type, a body that sets `seq` or `type`, a member
    ///   given twice, or a malformed blob reference.
    init(_ draft: EntryDraft) throws(LedgerError) {
        guard !draft.type.isEmpty else { throw .invalidDraft("the entry type is empty") }
        for key in ["seq", "type"] where draft.body[key] != nil || draft.serialized[key] != nil {
            throw .invalidDraft("the body of '\(draft.type)' sets '\(key)'; remove it, the ledger sets it")
        }
        if let key = draft.serialized.keys.sorted().first(where: { draft.body[$0] != nil }) {
            throw .invalidDraft("the body of '\(draft.type)' sets '\(key)' both as a value and serialized")
        }
        var (references, malformed) = BlobReferences.collect(in: .object(draft.body))
        var members: [(key: String, member: Member)] = draft.body.map { ($0.key, .value($0.value)) }
        for (key, serialized) in draft.serialized {
            let made = try serialized.made()
            let found = made.references(as: key)
            references += found.references
            malformed += found.malformed
            members.append((key, .bytes(made.bytes)))
        }
        if let first = malformed.sorted().first {
            throw .invalidDraft("'\(draft.type)' has a bad blob reference \(first)")
        }
        members.append(("seq", .seq))
        members.append(("type", .value(.string(draft.type))))
        // UTF-8 byte order is Unicode code-point order, the order of canonical JSON.
        members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var pieces: [[UInt8]] = []
        var out: [UInt8] = [UInt8(ascii: "{")]
        var before: [[UInt8]] = []
        for (index, (key, member)) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.string(key).write(into: &out)
            out.append(UInt8(ascii: ":"))
            switch member {
            case .value(let value): value.write(into: &out)
            case .bytes(let bytes):
                pieces.append(out)
                pieces.append(bytes)
                out = []
            case .seq:
                pieces.append(out)
                before = pieces
                pieces = []
                out = []
            }
        }
        out.append(UInt8(ascii: "}"))
        pieces.append(out)
        self.before = before.filter { !$0.isEmpty }
        after = pieces.filter { !$0.isEmpty }
        self.references = references
    }

    /// The body's bytes at `seq` in pieces, in order, not put together (each piece shares its bytes).
    func pieces(seq: Int) -> [[UInt8]] {
        before + [Self.seqBytes(seq)] + after
    }

    /// The body's canonical bytes: `pieces`, `count` bytes in all, put together.
    static func body(_ pieces: [[UInt8]], count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for piece in pieces { out.append(contentsOf: piece) }
        return out
    }

    private static func seqBytes(_ seq: Int) -> [UInt8] {
        var out: [UInt8] = []
        JSONValue.integer(Int64(seq)).write(into: &out)
        return out
    }

    private enum Member {
        case value(JSONValue)
        case bytes([UInt8])
        case seq
    }
}
