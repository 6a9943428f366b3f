public import TenderScoring

/// A body member's value already in canonical bytes, with the blob references found in it: serialized on any
/// thread ahead of the append (the daemon does it on the cores that assess), so the single writer only copies
/// the bytes. ``LedgerStore/append(_:)`` writes the same bytes as if the value were in ``EntryDraft/body``.
public struct SerializedJSON: Sendable, Hashable {
    /// The canonical bytes of the value.
    public let bytes: [UInt8]
    /// The blob references inside the value (see ``BlobReferences``), and the malformed ones (`key: reason`).
    let nested: (references: [String], malformed: [String])
    /// What the value references as the value of a reference key (`…_sha256`), and what is wrong with it so.
    let asReference: (references: [String], problems: [String])

    public init(_ value: JSONValue) {
        self.init(
            bytes: value.canonicalBytes, nested: BlobReferences.collect(in: value),
            asReference: BlobReferences.referenceValue(value))
    }

    private init(
        bytes: [UInt8], nested: (references: [String], malformed: [String]),
        asReference: (references: [String], problems: [String])
    ) {
        self.bytes = bytes
        self.nested = nested
        self.asReference = asReference
    }

    /// An object already written as canonical bytes (by ``TenderScoring/CanonicalJSONWriter``), without a
    /// tree: the verifier's one-pass scan proves the bytes canonical and finds their blob references. Bytes
    /// it does not vouch for (non-ASCII keys, say) are parsed and re-serialized, so what is recorded is the
    /// canonical form either way; `nil` when they are not a JSON object at all.
    public init?(canonicalObject bytes: [UInt8]) {
        if let summary = CanonicalBodyScanner.scan(bytes) {
            // An object is never a reference value itself; only its `*_sha256` members are.
            self.init(
                bytes: bytes, nested: (summary.references.map { String(decoding: bytes[$0], as: UTF8.self) }, []),
                asReference: BlobReferences.referenceValue(.object([:])))
            return
        }
        guard let value = try? JSONParser(maximumDepth: 256).parse(bytes), value.objectValue != nil else {
            return nil
        }
        self.init(value)
    }

    /// The references and malformed references (`key: reason`) of this value as the member `key`.
    func references(as key: String) -> (references: [String], malformed: [String]) {
        guard BlobReferences.isReferenceKey(key) else { return nested }
        return (asReference.references, asReference.problems.map { "\(key): \($0)" })
    }

    public static func == (left: Self, right: Self) -> Bool { left.bytes == right.bytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
