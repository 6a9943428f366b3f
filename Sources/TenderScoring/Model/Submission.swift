public import Foundation

/// A supplier's tender response (`kind: submission`).
public struct Submission: Sendable, Hashable {
    /// The document's identity given by the caller (the SHA-256 of its bytes, or a file name in a dry run).
    public var documentID: String
    public var procurement: String
    public var lot: String?
    /// The e-tendering portal's id.
    public var tenderID: String?
    /// When the tender was received; `nil` when neither the portal nor the caller knows.
    public var receivedAt: Timestamp?
    public var supplier: Supplier
    public var price: Price
    /// Marks embedded in the submission, by question id.
    public var marks: [String: QuestionMarks]
    /// Outcome (KPI) commitments, each a map of fields.
    public var outcomes: [[String: DocumentValue]]
    /// The whole document as a tree, for gates and plugins.
    public var content: DocumentValue
    /// Where the document starts, for messages.
    public var location: SourceLocation?
    /// The lots a tender for several lots names (`lots:`), in the order it lists them; empty for a tender for one
    /// lot or an unlotted procurement. ``lot(_:)`` gives the tender for one of them.
    public var lots: [LotTender]
    /// The lots the document tenders for, in its order: what the limit on lots a supplier may tender for counts.
    public var tenderedLots: [String]
    /// Why this tender is not assessed, when the supplier tendered for more lots than it may (set by
    /// ``LotTenderLimit``, never read from the document).
    public var notAssessed: String?
    /// The stage of a procedure with stages the document is for (`stage:`), or `nil`.
    public var stage: String?
    /// Whether the document gives a price: a request to participate (for a `participation` stage) need not, and is
    /// then read with a price of 0 that no criterion may score.
    public var priced = true

    public init(
        documentID: String, procurement: String, lot: String?, tenderID: String?, receivedAt: Timestamp?,
        supplier: Supplier, price: Price, marks: [String: QuestionMarks], outcomes: [[String: DocumentValue]],
        content: DocumentValue, location: SourceLocation?, lots: [LotTender] = []
    ) {
        self.documentID = documentID
        self.procurement = procurement
        self.lot = lot
        self.tenderID = tenderID
        self.receivedAt = receivedAt
        self.supplier = supplier
        self.price = price
        self.marks = marks
        self.outcomes = outcomes
        self.content = content
        self.location = location
        self.lots = lots
        self.tenderedLots = lots.isEmpty ? (lot.map { [$0] } ?? []) : lots.map(\.lot)
        self.notAssessed = nil
    }

    /// How results and marks documents refer to this tender: the portal's id, else the supplier's identifier,
    /// else the supplier's name.
    public var tenderKey: String { tenderID ?? supplier.identifier ?? supplier.name }

    /// The keys a marks document may use for this tender.
    public var aliases: Set<String> {
        Set([tenderID, supplier.identifier, supplier.name].compactMap { $0 })
    }
}

/// The bidding supplier.
public struct Supplier: Sendable, Hashable {
    public var name: String
    /// A registry identifier such as `GB-COH-09876543`.
    public var identifier: String?
    public var sme: Bool?
    public var vcse: Bool?

    public init(name: String, identifier: String?, sme: Bool?, vcse: Bool?) {
        self.name = name
        self.identifier = identifier
        self.sme = sme
        self.vcse = vcse
    }

    /// The key under which a later submission supersedes an earlier one.
    public var identity: String { identifier ?? name.lowercased() }
}

/// A tender's total price.
public struct Price: Sendable, Hashable {
    public var total: Decimal
    public var currency: String

    public init(total: Decimal, currency: String) {
        self.total = total
        self.currency = currency
    }
}

/// The marks for one question: the panel's consensus and the individual evaluators' marks.
public struct QuestionMarks: Sendable, Hashable {
    public var consensus: AwardedMark?
    public var evaluators: [EvaluatorMark]

    public init(consensus: AwardedMark?, evaluators: [EvaluatorMark]) {
        self.consensus = consensus
        self.evaluators = evaluators
    }
}

/// A mark with the evaluator's reason.
public struct AwardedMark: Sendable, Hashable {
    public var mark: Decimal
    public var reason: String?
    public var location: SourceLocation?

    public init(mark: Decimal, reason: String?, location: SourceLocation? = nil) {
        self.mark = mark
        self.reason = reason
        self.location = location
    }
}

/// One evaluator's mark.
public struct EvaluatorMark: Sendable, Hashable {
    public var evaluator: String
    public var mark: AwardedMark

    public init(evaluator: String, mark: AwardedMark) {
        self.evaluator = evaluator
        self.mark = mark
    }
}
