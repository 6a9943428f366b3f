public import Foundation

/// The outcome of evaluating every tender of one procurement against one methodology.
public struct EvaluationResult: Sendable, Hashable {
    /// The engine version that produced it (``ScoringEngine/version``, or the earlier version a replay follows).
    public var engine: String
    public var methodologyID: String
    public var procurement: String
    public var lot: String?
    public var method: EvaluationMethod
    public var rounding: Int
    /// `true` when every assessed tender has every mark it needs, so the ranking can be relied on.
    public var isFinal: Bool
    /// The most advantageous tender's key, when one can be named.
    public var winner: String?
    /// The lowest price among the tenders not disregarded (the relative price formulas' P_min).
    public var lowestPrice: Decimal?
    /// Ranked tenders first (by rank), then the others by status and key.
    public var tenders: [TenderResult]
    public var missingMarks: [MissingMark]
    public var rejectedMarks: [RejectedMarks]
    /// Every flag, for tenders and for the procurement as a whole.
    public var flags: [ScoringFlag]
    /// What keeps the evaluation from being final until the buyer decides.
    public var holds: [Hold]
    /// Every decision, in arrival order, with its status and effect.
    public var decisions: [DecisionRecord]
    /// Marks replaced by later marks documents, with the clarification each names.
    public var markChanges: [MarkChange]
    /// For a lot of a lotted procurement with a relative price formula: the ranking without the tender that alone
    /// sets the lowest price (for the cross-lot effect of removing it). Derived, never recorded: not in ``json``.
    public var reranking: Reranking?

    public init(
        engine: String = ScoringEngine.version, methodologyID: String, procurement: String, lot: String?,
        method: EvaluationMethod, rounding: Int, isFinal: Bool, winner: String?, lowestPrice: Decimal?,
        tenders: [TenderResult], missingMarks: [MissingMark], rejectedMarks: [RejectedMarks], flags: [ScoringFlag],
        holds: [Hold] = [], decisions: [DecisionRecord] = [], markChanges: [MarkChange] = []
    ) {
        self.engine = engine
        self.methodologyID = methodologyID
        self.procurement = procurement
        self.lot = lot
        self.method = method
        self.rounding = rounding
        self.isFinal = isFinal
        self.winner = winner
        self.lowestPrice = lowestPrice
        self.tenders = tenders
        self.missingMarks = missingMarks
        self.rejectedMarks = rejectedMarks
        self.flags = flags
        self.holds = holds
        self.decisions = decisions
        self.markChanges = markChanges
    }

    /// The result for one tender key.
    public func tender(_ key: String) -> TenderResult? {
        tenders.first { $0.key == key }
    }
}

/// Where a tender stands after evaluation.
public enum TenderStatus: String, Sendable, Hashable, CaseIterable {
    /// Passed every gate and minimum, fully marked, ranked.
    case assessed
    /// Passed the gates so far but marks are missing; not ranked until they arrive.
    case incomplete
    /// Failed a gate or minimum whose declared consequence is disregard (or PPQP with no quality points), or
    /// disregarded by the buyer's decision (abnormally low, s.19(3)(c); a failed flag gate).
    case disregarded
    /// A plugin failed for this tender; the reason says why.
    case failed
    /// The supplier withdrew it (a `withdrawal` decision).
    case withdrawn
    /// The supplier was excluded (an `exclusion` decision, s.57).
    case excluded
    /// Received after the tender deadline: recorded, not assessed.
    case late
    /// A later submission from the same supplier replaced it.
    case superseded
    /// A tender for a lot beyond the number of lots one supplier may tender for (`lot_limits.tender`): recorded,
    /// not assessed.
    case notAssessed = "not-assessed"
}

/// One tender's result with its full explanation.
public struct TenderResult: Sendable, Hashable {
    public var key: String
    public var documentID: String
    public var supplier: Supplier
    public var receivedAt: Timestamp?
    public var price: Price
    public var status: TenderStatus
    /// Why the status is what it is, in words a buyer can pass on.
    public var reasons: [String]
    public var rank: Int?
    /// Σ criterion points (weighted-sum; also shown for the other methods).
    public var total: Decimal?
    /// Σ non-price points (the Q of price-per-quality-point).
    public var qualityPoints: Decimal?
    /// Price ÷ quality points (price-per-quality-point only).
    public var pricePerQualityPoint: Decimal?
    public var gates: [GateResult]
    public var criteria: [CriterionResult]

    public init(
        key: String, documentID: String, supplier: Supplier, receivedAt: Timestamp?, price: Price,
        status: TenderStatus, reasons: [String], rank: Int?, total: Decimal?, qualityPoints: Decimal?,
        pricePerQualityPoint: Decimal?, gates: [GateResult], criteria: [CriterionResult]
    ) {
        self.key = key
        self.documentID = documentID
        self.supplier = supplier
        self.receivedAt = receivedAt
        self.price = price
        self.status = status
        self.reasons = reasons
        self.rank = rank
        self.total = total
        self.qualityPoints = qualityPoints
        self.pricePerQualityPoint = pricePerQualityPoint
        self.gates = gates
        self.criteria = criteria
    }

    /// The points of one criterion, if scored.
    public func points(_ criterion: String) -> Decimal? {
        criteria.first { $0.id == criterion }?.points
    }
}

/// A gate's verdict for one tender.
public struct GateResult: Sendable, Hashable {
    public var id: String
    public var kind: String
    public var field: String?
    /// What the tender said, as text; `nil` when the field is absent.
    public var observed: String?
    public var passed: Bool
    public var onFail: OnFail
    public var reason: String

    public init(
        id: String, kind: String, field: String?, observed: String?, passed: Bool, onFail: OnFail, reason: String
    ) {
        self.id = id
        self.kind = kind
        self.field = field
        self.observed = observed
        self.passed = passed
        self.onFail = onFail
        self.reason = reason
    }
}

/// A criterion's score for one tender.
public struct CriterionResult: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var weight: Decimal
    /// In [0, 1]; `nil` when it cannot be computed yet (missing marks) or failed.
    public var fraction: Decimal?
    /// weight × fraction.
    public var points: Decimal?
    public var reason: String
    public var parts: [PartResult]

    public init(
        id: String, title: String?, weight: Decimal, fraction: Decimal?, points: Decimal?, reason: String,
        parts: [PartResult]
    ) {
        self.id = id
        self.title = title
        self.weight = weight
        self.fraction = fraction
        self.points = points
        self.reason = reason
        self.parts = parts
    }
}

/// One part's score, with the inputs it used.
public struct PartResult: Sendable, Hashable {
    public var kind: String
    public var weight: Decimal
    public var fraction: Decimal?
    public var reason: String
    /// The inputs the part used (price, P_min, formula parameters, plugin module…).
    public var inputs: [String: JSONValue]
    /// Per-question detail for `marks` parts.
    public var questions: [QuestionResult]

    public init(
        kind: String, weight: Decimal, fraction: Decimal?, reason: String, inputs: [String: JSONValue],
        questions: [QuestionResult]
    ) {
        self.kind = kind
        self.weight = weight
        self.fraction = fraction
        self.reason = reason
        self.inputs = inputs
        self.questions = questions
    }
}

/// One question's moderated mark and how it was reached.
public struct QuestionResult: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var weight: Decimal
    /// The moderated mark; `nil` when missing.
    public var mark: Decimal?
    public var label: String?
    /// Whose reasons ``reasons`` gives.
    public var reasonsFrom: ReasonsFrom
    /// The individual evaluators' latest marks.
    public var evaluatorMarks: [EvaluatorMark]
    public var minimum: Decimal?
    public var belowMinimum: Bool

    /// Whose reasons a question's result gives.
    public enum ReasonsFrom: Sendable, Hashable {
        /// The panel's consensus reason (none without one).
        case consensus(String?)
        /// Each evaluator's reason, after the evaluator's id (`E1: …`), in the order of ``evaluatorMarks``.
        case evaluators
    }

    public init(
        id: String, title: String?, weight: Decimal, mark: Decimal?, label: String?, reasonsFrom: ReasonsFrom,
        evaluatorMarks: [EvaluatorMark], minimum: Decimal?, belowMinimum: Bool
    ) {
        self.id = id
        self.title = title
        self.weight = weight
        self.mark = mark
        self.label = label
        self.reasonsFrom = reasonsFrom
        self.evaluatorMarks = evaluatorMarks
        self.minimum = minimum
        self.belowMinimum = belowMinimum
    }

    /// The consensus reason, or each evaluator's reason after the evaluator's id. Made when read: a procurement of
    /// thousands of tenders would otherwise hold each evaluator's reason twice, once as written and once with its id.
    public var reasons: [String] {
        switch reasonsFrom {
        case .consensus(let reason): return reason.map { [$0] } ?? []
        case .evaluators:
            return evaluatorMarks.compactMap { mark in mark.mark.reason.map { "\(mark.evaluator): \($0)" } }
        }
    }
}

/// A mark that the evaluation needs and does not have.
public struct MissingMark: Sendable, Hashable {
    public var tender: String
    public var question: String
    /// What is needed: `panel consensus mark` or `evaluator marks`.
    public var needed: String

    public init(tender: String, question: String, needed: String) {
        self.tender = tender
        self.question = question
        self.needed = needed
    }
}

/// Marks that were not used, with the reason.
public struct RejectedMarks: Sendable, Hashable {
    public var documentID: String
    public var tender: String
    public var evaluator: String
    public var location: SourceLocation?
    public var reason: String

    public init(documentID: String, tender: String, evaluator: String, location: SourceLocation?, reason: String) {
        self.documentID = documentID
        self.tender = tender
        self.evaluator = evaluator
        self.location = location
        self.reason = reason
    }
}

/// Advice for people: a check's finding. Never an exclusion by itself.
public struct ScoringFlag: Sendable, Hashable {
    /// The check (or gate) id that raised it.
    public var check: String
    /// `abnormally-low`, `identical-prices`, `mark-reasons`, `evaluator-spread`, `leave-one-out`, `gate`,
    /// `minimum`, `near-tie`, `tie`.
    public var kind: String
    /// The tender concerned; `nil` for procurement-wide flags.
    public var tender: String?
    public var message: String
    /// What the buyer must do next, where there is a required step.
    public var action: String?

    public init(check: String, kind: String, tender: String?, message: String, action: String?) {
        self.check = check
        self.kind = kind
        self.tender = tender
        // Compacted: a large procurement's flags are tens of thousands of messages, each made by interpolation.
        self.message = message.compacted
        self.action = action
    }
}
