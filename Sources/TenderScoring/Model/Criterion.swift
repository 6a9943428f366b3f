public import Foundation

/// An award criterion with its weight, scored by one part or by several weighted parts.
public struct Criterion: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var weight: Decimal
    /// `price`, `quality`, `social-value`, `innovation`, `outcomes`…: used by lint and reports.
    public var category: String?
    public var parts: [CriterionPart]
    /// Whether the file split the criterion into `parts` (as opposed to one inline kind).
    public var isSplit: Bool

    public init(id: String, title: String?, weight: Decimal, category: String?, parts: [CriterionPart], isSplit: Bool) {
        self.id = id
        self.title = title
        self.weight = weight
        self.category = category
        self.parts = parts
        self.isSplit = isSplit
    }

    /// Whether every part is a price part.
    public var isPrice: Bool { parts.allSatisfy { $0.kind.priceFormula != nil } }
}

/// One scored component of a criterion.
public struct CriterionPart: Sendable, Hashable {
    /// Relative weight within the criterion (any positive scale).
    public var weight: Decimal
    public var kind: PartKind

    public init(weight: Decimal, kind: PartKind) {
        self.weight = weight
        self.kind = kind
    }
}

/// How a part turns a tender into a fraction in [0, 1].
public enum PartKind: Sendable, Hashable {
    case price(PriceFormula)
    case marks(MarksRule)
    case smartKPIs(SmartKPIRule)
    case plugin(PluginReference)

    /// The name used in files and reports.
    public var name: String {
        switch self {
        case .price: return "price"
        case .marks: return "marks"
        case .smartKPIs: return "smart-kpis"
        case .plugin: return "plugin"
        }
    }

    public var priceFormula: PriceFormula? {
        if case .price(let formula) = self { return formula }
        return nil
    }
}

/// Price scoring formulas (domain.md §3.2). P is the tender's price, P_min the lowest in the reference set.
public enum PriceFormula: Sendable, Hashable {
    /// f = P_min / P.
    case lowestOverBid
    /// f = max(0, 1 − k·(P − P_min)/P_min).
    case deviationFromLowest(k: Decimal)
    /// f = clamp((worst − P)/(worst − best)); bounds fixed before opening, so not relative.
    case boundedLinear(best: Decimal, worst: Decimal)
    /// f = clamp(1 − ln(P/P_min)/ln(a)), a > 1.
    case logarithmic(a: Decimal)

    /// The name used in files and reports.
    public var name: String {
        switch self {
        case .lowestOverBid: return "lowest-over-bid"
        case .deviationFromLowest: return "deviation-from-lowest"
        case .boundedLinear: return "bounded-linear"
        case .logarithmic: return "logarithmic"
        }
    }

    /// Whether a tender's score depends on the other tenders' prices.
    public var isRelative: Bool {
        if case .boundedLinear = self { return false }
        return true
    }
}

/// Evaluators' marks on a scale, per question, moderated.
public struct MarksRule: Sendable, Hashable {
    public var scale: MarkScale
    public var moderation: Moderation
    public var questions: [Question]

    public init(scale: MarkScale, moderation: Moderation, questions: [Question]) {
        self.scale = scale
        self.moderation = moderation
        self.questions = questions
    }
}

/// A marking scale with optional labelled levels.
public struct MarkScale: Sendable, Hashable {
    public var min: Decimal
    public var max: Decimal
    /// Labelled levels, ascending by mark. When present, marks must be one of these levels.
    public var labels: [ScaleLevel]

    public init(min: Decimal, max: Decimal, labels: [ScaleLevel]) {
        self.min = min
        self.max = max
        self.labels = labels
    }

    /// The label of a mark, if the scale names it.
    public func label(for mark: Decimal) -> String? {
        labels.first { $0.mark == mark }?.label
    }
}

/// A labelled level of a marking scale.
public struct ScaleLevel: Sendable, Hashable {
    public var mark: Decimal
    public var label: String

    public init(mark: Decimal, label: String) {
        self.mark = mark
        self.label = label
    }
}

/// How evaluators' marks become one mark per question.
public enum Moderation: String, Sendable, Hashable, CaseIterable {
    /// The moderation panel's consensus mark is required.
    case consensus
    /// The median of the evaluators' latest marks (mean of the middle two for an even count).
    case median
    /// The mean of the evaluators' latest marks.
    case mean
}

/// A marked question.
public struct Question: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var weight: Decimal
    /// A moderated mark below this fails the question.
    public var minimum: Decimal?
    /// What failing the minimum does (declared; `disregard` unless the file says otherwise).
    public var onFail: OnFail

    public init(id: String, title: String?, weight: Decimal, minimum: Decimal?, onFail: OnFail) {
        self.id = id
        self.title = title
        self.weight = weight
        self.minimum = minimum
        self.onFail = onFail
    }
}

/// Outcome commitments scored by SMART completeness.
public struct SmartKPIRule: Sendable, Hashable {
    /// How many complete KPIs earn the full fraction.
    public var expected: Int
    /// Fields every KPI must have, present and non-empty.
    public var required: [String]

    public init(expected: Int, required: [String]) {
        self.expected = expected
        self.required = required
    }
}

/// A reference to a plugin rule and its configuration.
public struct PluginReference: Sendable, Hashable {
    public var name: String
    public var config: DocumentValue

    public init(name: String, config: DocumentValue) {
        self.name = name
        self.config = config
    }
}
