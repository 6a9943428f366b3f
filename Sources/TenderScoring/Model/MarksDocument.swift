/// Marks from one evaluator, or from the moderation panel, for one tender (`kind: marks`).
public struct MarksDocument: Sendable, Hashable {
    /// The evaluator id that stands for the moderation panel's consensus marks.
    public static let panel = "panel"

    public var documentID: String
    public var procurement: String
    public var lot: String?
    /// The stage of a procedure with stages the marks are for (`stage:`), or `nil`.
    public var stage: String?
    /// The tender's id or the supplier's identifier.
    public var tender: String
    /// An evaluator id, or `panel`.
    public var evaluator: String
    public var marks: [String: AwardedMark]
    /// The clarification (a `clarification` decision, by file name or SHA-256) these marks follow from, when
    /// they change a mark after the supplier answered a question.
    public var clarification: String?
    public var location: SourceLocation?

    public init(
        documentID: String, procurement: String, lot: String?, tender: String, evaluator: String,
        marks: [String: AwardedMark], clarification: String? = nil, location: SourceLocation?
    ) {
        self.documentID = documentID
        self.procurement = procurement
        self.lot = lot
        self.tender = tender
        self.evaluator = evaluator
        self.marks = marks
        self.clarification = clarification
        self.location = location
    }
}

/// A request for the final evaluation of a procurement (`kind: close`).
public struct CloseRequest: Sendable, Hashable {
    public var procurement: String
    public var lot: String?
    /// The stage of a procedure with stages to close (`stage:`), or `nil`.
    public var stage: String?
    /// The date the contract details notice is (to be) published, `YYYY-MM-DD`: the standstill counts from it.
    public var noticeDate: String?

    public init(procurement: String, lot: String?, noticeDate: String? = nil) {
        self.procurement = procurement
        self.lot = lot
        self.noticeDate = noticeDate
    }
}
