public import Foundation

/// A mark replaced by a later one from the same evaluator (or the panel), and the clarification it follows from.
public struct MarkChange: Sendable, Hashable {
    public var tender: String
    public var question: String
    public var evaluator: String
    public var from: Decimal
    public var to: Decimal
    /// The marks document that changed it.
    public var document: String
    /// The clarification the marks document names, as written.
    public var clarification: String?
    public var reason: String?

    public init(
        tender: String, question: String, evaluator: String, from: Decimal, to: Decimal, document: String,
        clarification: String?, reason: String?
    ) {
        self.tender = tender
        self.question = question
        self.evaluator = evaluator
        self.from = from
        self.to = to
        self.document = document
        self.clarification = clarification
        self.reason = reason
    }
}
