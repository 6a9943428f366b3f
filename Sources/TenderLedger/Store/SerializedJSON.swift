public import TenderScoring

/// A body member's value already in canonical bytes, with the blob references found in it: serialized on any
/// thread ahead of the append (the daemon does it on the cores that assess), so the single writer only copies
/// the bytes. ``LedgerStore/append(_:)`` writes the same bytes as if the value were in ``EntryDraft/body``.
///
/// A value can also be made when it is appended (``init(later:)``): the recorded result of a large evaluation is tens
/// of megabytes that nothing needs before the append, and the daemon reads them back from a file then. That work (the
/// read, a SHA-256 to check them and the scan: a tenth of a second or so for 10,000 tenders) is the writer's, and every value made later in one
/// append is made before its transaction starts, so they are held together: the daemon's batches carry at most a few.
public struct SerializedJSON: Sendable, Hashable {
    /// The value's bytes and references, made.
    struct Made: Sendable {
        /// The canonical bytes of the value.
        let bytes: [UInt8]
        /// The blob references inside the value (see ``BlobReferences``), and the malformed ones (`key: reason`).
        let nested: (references: [String], malformed: [String])
        /// What the value references as the value of a reference key (`…_sha256`), and what is wrong with it so.
        let asReference: (references: [String], problems: [String])

        /// The references and malformed references (`key: reason`) of this value as the member `key`.
        func references(as key: String) -> (references: [String], malformed: [String]) {
            guard BlobReferences.isReferenceKey(key) else { return nested }
            return (asReference.references, asReference.problems.map { "\(key): \($0)" })
        }
    }

    private enum Form: Sendable {
        case made(Made)
        case later(@Sendable () throws(LedgerError) -> SerializedJSON)
    }

    private let form: Form

    public init(_ value: JSONValue) {
        form = .made(
            Made(
                bytes: value.canonicalBytes, nested: BlobReferences.collect(in: value),
                asReference: BlobReferences.referenceValue(value)))
    }

    private init(_ made: Made) {
        form = .made(made)
    }

    /// An object already written as canonical bytes (by ``TenderScoring/CanonicalJSONWriter``), without a
    /// tree: the verifier's one-pass scan proves the bytes canonical and finds their blob references. Bytes
    /// it does not vouch for (non-ASCII keys, say) are parsed and re-serialized, so what is recorded is the
    /// canonical form either way; `nil` when they are not a JSON object at all.
    public init?(canonicalObject bytes: [UInt8]) {
        if let summary = CanonicalBodyScanner.scan(bytes) {
            // An object is never a reference value itself; only its `*_sha256` members are.
            self.init(
                Made(
                    bytes: bytes, nested: (summary.references.map { String(decoding: bytes[$0], as: UTF8.self) }, []),
                    asReference: BlobReferences.referenceValue(.object([:]))))
            return
        }
        guard let value = try? JSONParser(maximumDepth: 256).parse(bytes), value.objectValue != nil else {
            return nil
        }
        self.init(value)
    }

    /// A value made by `make` when it is appended, on the ledger's writer (and again whenever its ``bytes`` are
    /// read): what `make` returns must not depend on when it is called. If it throws, the append fails.
    public init(later make: @escaping @Sendable () throws(LedgerError) -> SerializedJSON) {
        form = .later(make)
    }

    /// The value's bytes and references (made now for a value made later).
    func made() throws(LedgerError) -> Made {
        switch form {
        case .made(let made): made
        case .later(let make): try make().made()
        }
    }

    /// The canonical bytes of the value. For a value made later, reading them makes it again (the daemon reads a
    /// spooled result back from its file), and gives none if it cannot be made: read them of values made now.
    public var bytes: [UInt8] { (try? made().bytes) ?? [] }

    public static func == (left: Self, right: Self) -> Bool { left.bytes == right.bytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
