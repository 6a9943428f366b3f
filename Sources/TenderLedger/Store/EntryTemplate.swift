import TenderScoring

/// A draft's body in canonical bytes but for its `seq`: what goes before the number and what goes after, with
/// `seq` and `type` in their places in key order. The writer appends `prefix ‖ seq ‖ suffix`, the exact bytes
/// of `JSONValue.object(body + serialized + seq + type).canonicalBytes` (internal to ``LedgerStore``).
struct EntryTemplate {
    let prefix: [UInt8]
    let suffix: [UInt8]
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
            let found = serialized.references(as: key)
            references += found.references
            malformed += found.malformed
            members.append((key, .bytes(serialized.bytes)))
        }
        if let first = malformed.sorted().first {
            throw .invalidDraft("'\(draft.type)' has a bad blob reference \(first)")
        }
        members.append(("seq", .seq))
        members.append(("type", .value(.string(draft.type))))
        // UTF-8 byte order is Unicode code-point order, the order of canonical JSON.
        members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var out: [UInt8] = [UInt8(ascii: "{")]
        var prefix: [UInt8] = []
        for (index, (key, member)) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.string(key).write(into: &out)
            out.append(UInt8(ascii: ":"))
            switch member {
            case .value(let value): value.write(into: &out)
            case .bytes(let bytes): out.append(contentsOf: bytes)
            case .seq:
                prefix = out
                out = []
            }
        }
        out.append(UInt8(ascii: "}"))
        self.prefix = prefix
        suffix = out
        self.references = references
    }

    /// The body's canonical bytes at `seq`.
    func body(seq: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(prefix.count + 20 + suffix.count)
        out.append(contentsOf: prefix)
        JSONValue.integer(Int64(seq)).write(into: &out)
        out.append(contentsOf: suffix)
        return out
    }

    private enum Member {
        case value(JSONValue)
        case bytes([UInt8])
        case seq
    }
}
