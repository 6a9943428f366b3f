/// Something that keeps the evaluation from being final until the buyer records a decision.
public struct Hold: Sendable, Hashable {
    public var tender: String
    public var kind: HoldKind
    /// The check or gate that raised it.
    public var check: String
    /// Since when it has been open: the date the supplier was told (abnormally low, once notified), else when the
    /// tender was received.
    public var since: String?
    /// The date the supplier must respond by, once it has been told.
    public var deadline: String?
    /// What is open, in words.
    public var message: String

    public init(tender: String, kind: HoldKind, check: String, since: String?, deadline: String?, message: String) {
        self.tender = tender
        self.kind = kind
        self.check = check
        self.since = since
        self.deadline = deadline
        self.message = message
    }
}
