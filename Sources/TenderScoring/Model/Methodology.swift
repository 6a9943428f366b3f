public import Foundation

/// An assessment methodology: how one procurement (or lot) is evaluated.
///
/// Built by the rules target from a validated `kind: methodology` file; every invariant the validator
/// checks (weights sum to 100, unique ids, tie-breaks that name criteria…) holds for a value of this type.
public struct Methodology: Sendable, Hashable {
    public var id: String
    public var procurement: ProcurementInfo
    public var evaluation: EvaluationSettings
    public var gates: [Gate]
    public var criteria: [Criterion]
    public var checks: [Check]
    /// The lots and their limits, for a methodology that declares several lots of one procurement (`lots:`); each
    /// lot is evaluated under ``lot(_:)``, which sets ``ProcurementInfo/lot`` and keeps this for the award across lots.
    public var lotting: Lotting?
    /// The stage of a procedure with stages this methodology evaluates (`stage:`), or `nil`.
    public var stage: Stage?
    /// The refinement of an earlier version of this stage's methodology that this one is (`refines:`, s.24), or `nil`.
    public var refinement: Refinement?
    /// The framework or dynamic market this methodology calls off from (`call_off:`), or `nil`.
    public var callOff: CallOff?

    public init(
        id: String, procurement: ProcurementInfo, evaluation: EvaluationSettings, gates: [Gate],
        criteria: [Criterion], checks: [Check], lotting: Lotting? = nil, stage: Stage? = nil,
        refinement: Refinement? = nil
    ) {
        self.id = id
        self.procurement = procurement
        self.evaluation = evaluation
        self.gates = gates
        self.criteria = criteria
        self.checks = checks
        self.lotting = lotting
        self.stage = stage
        self.refinement = refinement
    }

    /// Every question of every `marks` criterion or part, in methodology order.
    public var questions: [(criterion: String, rule: MarksRule, question: Question)] {
        criteria.flatMap { criterion in
            criterion.parts.flatMap { part -> [(criterion: String, rule: MarksRule, question: Question)] in
                guard case .marks(let rule) = part.kind else { return [] }
                return rule.questions.map { (criterion.id, rule, $0) }
            }
        }
    }

    /// Every plugin rule the methodology uses, with its configuration: each criterion part's, then each gate's.
    public var pluginReferences: [PluginReference] {
        criteria.flatMap(\.parts).compactMap { part -> PluginReference? in
            if case .plugin(let reference) = part.kind { reference } else { nil }
        }
            + gates.compactMap { gate -> PluginReference? in
                if case .plugin(let reference) = gate.kind { reference } else { nil }
            }
    }

    /// Whether any criterion scores price relative to the other tenders.
    public var hasRelativePrice: Bool {
        criteria.contains { $0.parts.contains { $0.kind.priceFormula?.isRelative ?? false } }
    }
}

/// The procurement a methodology belongs to.
public struct ProcurementInfo: Sendable, Hashable {
    public var reference: String
    public var lot: String?
    public var title: String?
    public var buyer: String?
    public var regime: Regime
    public var procedure: Procedure
    public var currency: String
    public var estimatedValue: Decimal?
    public var tenderDeadline: Timestamp?
    /// Why the procurement is not divided into lots (s.18(2): the reasons go in the tender notice).
    public var noLotsReason: String?

    public init(
        reference: String, lot: String?, title: String?, buyer: String?, regime: Regime, procedure: Procedure,
        currency: String, estimatedValue: Decimal?, tenderDeadline: Timestamp?, noLotsReason: String? = nil
    ) {
        self.reference = reference
        self.lot = lot
        self.title = title
        self.buyer = buyer
        self.regime = regime
        self.procedure = procedure
        self.currency = currency
        self.estimatedValue = estimatedValue
        self.tenderDeadline = tenderDeadline
        self.noLotsReason = noLotsReason
    }
}

/// The legal regime a procurement runs under.
public enum Regime: String, Sendable, Hashable, CaseIterable {
    case pa2023 = "PA2023"
    case pcr2015 = "PCR2015"
    case pcsr2015 = "PCSR2015"
}

/// The competitive tendering procedure (Procurement Act 2023 s.20).
public enum Procedure: String, Sendable, Hashable, CaseIterable {
    case open
    case competitiveFlexible = "competitive-flexible"
}

/// How the criteria combine into a result and a ranking.
public struct EvaluationSettings: Sendable, Hashable {
    public var method: EvaluationMethod
    /// Decimal places in published figures (half-even). Ranking uses exact values.
    public var rounding: Int
    public var tieBreak: [TieBreak]
    /// The declared evaluators, when the methodology lists them (s.81–83 conflicts).
    public var evaluators: [EvaluatorDeclaration]?
    /// The flags that hold the award until the buyer records a decision (`evaluation.holds`; by default both).
    public var holds: [HoldKind]
    /// Whether the console keeps prices from buyers while quality marks are missing (`evaluation.sealed_prices`;
    /// on by default), the way e-tendering suites open the price envelope only after the quality one. Scoring
    /// never reads it.
    public var sealedPrices: Bool

    public init(
        method: EvaluationMethod, rounding: Int, tieBreak: [TieBreak], evaluators: [EvaluatorDeclaration]?,
        holds: [HoldKind] = HoldKind.allCases, sealedPrices: Bool = true
    ) {
        self.method = method
        self.rounding = rounding
        self.tieBreak = tieBreak
        self.evaluators = evaluators
        self.holds = holds
        self.sealedPrices = sealedPrices
    }

    /// One unit of the last published place: gaps below this are near-ties.
    public var publishedUnit: Decimal {
        Decimal(sign: .plus, exponent: -rounding, significand: 1)
    }
}

/// A flag that holds the award: while a tender in the running has one without a decision, the evaluation is not
/// final and no most advantageous tender is named.
public enum HoldKind: String, Sendable, Hashable, CaseIterable {
    /// An `abnormally-low` check's flag: the s.19(4)–(5) procedure must run (decision `abnormally-low`).
    case abnormallyLow = "abnormally-low"
    /// A failed gate declared `on_fail: flag` (decision `flag-gate`: kept or disregarded).
    case flagGate = "flag-gate"
}

/// The evaluation method.
public enum EvaluationMethod: String, Sendable, Hashable, CaseIterable {
    /// Total = Σ points; highest wins.
    case weightedSum = "weighted-sum"
    /// Value = price ÷ non-price points; lowest wins; no quality points → disregarded.
    case pricePerQualityPoint = "price-per-quality-point"
    /// Everything that passes gates and minimums; the cheapest wins.
    case lowestPriceAcceptable = "lowest-price-acceptable"
}

/// One step of the declared tie-break order.
public enum TieBreak: Sendable, Hashable, CustomStringConvertible {
    /// More points on this criterion wins.
    case criterion(String)
    case lowestPrice
    case earliestReceived

    public var description: String {
        switch self {
        case .criterion(let id): return id
        case .lowestPrice: return "lowest-price"
        case .earliestReceived: return "earliest-received"
        }
    }
}

/// An evaluator named by the methodology, with the suppliers they declared a conflict with.
public struct EvaluatorDeclaration: Sendable, Hashable {
    public var id: String
    /// Supplier identifiers (or tender ids) this evaluator must not mark.
    public var conflicts: [String]

    public init(id: String, conflicts: [String]) {
        self.id = id
        self.conflicts = conflicts
    }
}
