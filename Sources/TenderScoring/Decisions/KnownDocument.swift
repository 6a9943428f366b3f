/// A document recorded for a procurement, as a decision or a marks document may name it: by file name or SHA-256.
public struct KnownDocument: Sendable, Hashable {
    public var name: String
    public var sha256: String
    public var kind: String
    /// The decision, when it is one.
    public var decision: Decision?

    public init(name: String, sha256: String, kind: String, decision: Decision? = nil) {
        self.name = name
        self.sha256 = sha256
        self.kind = kind
        self.decision = decision
    }

    /// The document a reference names: the one with that SHA-256, else the latest with that file name.
    public static func find(_ reference: String, in known: [KnownDocument]) -> KnownDocument? {
        known.first { $0.sha256 == reference } ?? known.last { $0.name == reference }
    }
}
