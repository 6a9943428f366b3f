/// A buyer's recorded decision about one tender (`kind: decision`): the s.98 record of a material decision.
///
/// A later decision on the same tender and kind (and, for `flag-gate`, the same gate) supersedes an earlier
/// one; both stay in the ledger. See ``DecisionKind`` for what each kind means and its legal basis.
public struct Decision: Sendable, Hashable {
    public var documentID: String
    public var procurement: String
    public var lot: String?
    /// The stage of a procedure with stages the decision is made in (`stage:`), or `nil`.
    public var stage: String?
    /// The tender's id or the supplier's identifier.
    public var tender: String
    public var kind: DecisionKind
    public var decidedBy: DecisionMaker
    public var decidedAt: Timestamp
    /// The legal basis, as the buyer states it (`Procurement Act 2023 s.19(3)(c), (4)–(5)`).
    public var basis: String
    /// Why: checked by the decoder to be more than a restatement of the outcome.
    public var reasons: String
    public var location: SourceLocation?

    public init(
        documentID: String, procurement: String, lot: String?, tender: String, kind: DecisionKind,
        decidedBy: DecisionMaker, decidedAt: Timestamp, basis: String, reasons: String, location: SourceLocation?
    ) {
        self.documentID = documentID
        self.procurement = procurement
        self.lot = lot
        self.tender = tender
        self.kind = kind
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.basis = basis
        self.reasons = reasons
        self.location = location
    }

    /// What a later decision must share with this one to supersede it: the kind, and for `flag-gate` the gate.
    public var subject: String {
        if case .flagGate(let gate, _) = kind { return Self.subject(flagGate: gate) }
        return kind.name
    }

    /// The subject of the flag-gate decisions on one gate.
    public static func subject(flagGate gate: String) -> String {
        "flag-gate:\(gate)"
    }

    /// The outcome in one word (`disregarded`, `kept`, `withdrawn`, `answered`…).
    public var outcome: String { kind.outcome }

    /// Whether the decision takes the tender out of the evaluation (disregarded, withdrawn or excluded).
    public var removesTender: Bool {
        switch kind {
        case .abnormallyLow(let procedure): return procedure.outcome == .disregarded
        case .flagGate(_, let outcome): return outcome == .disregarded
        case .withdrawal: return true
        case .exclusion(_, let outcome): return outcome == .excluded
        case .clarification: return false
        }
    }
}

/// Who decided: an id and a role (the person accountable, not necessarily who typed the file).
public struct DecisionMaker: Sendable, Hashable {
    public var id: String
    public var role: String

    public init(id: String, role: String) {
        self.id = id
        self.role = role
    }
}

/// The kinds of decision, each with what it records.
public enum DecisionKind: Sendable, Hashable {
    /// The s.19(4)–(5) procedure for a price that appears abnormally low; `disregarded` is s.19(3)(c).
    case abnormallyLow(AbnormallyLowProcedure)
    /// A gate declared `on_fail: flag` that the tender failed: keep the tender or disregard it (s.19(3)).
    case flagGate(gate: String, outcome: FlagGateOutcome)
    /// The supplier withdrew its tender.
    case withdrawal(withdrawnOn: String, evidence: String)
    /// The supplier is excluded (s.57, mandatory grounds of Schedule 6) or excludable and excluded (s.57, the
    /// discretionary grounds of Schedule 7), after its representations (s.58); or, on them, not excluded.
    case exclusion(ground: ExclusionGround, outcome: ExclusionOutcome)
    /// A question put to the supplier and its answer (s.98(3) records of communications).
    case clarification(Clarification)

    /// The name used in files and reports.
    public var name: String {
        switch self {
        case .abnormallyLow: return "abnormally-low"
        case .flagGate: return "flag-gate"
        case .withdrawal: return "withdrawal"
        case .exclusion: return "exclusion"
        case .clarification: return "clarification"
        }
    }

    /// The outcome in one word (`disregarded`, `kept`, `withdrawn`, `answered`…).
    public var outcome: String {
        switch self {
        case .abnormallyLow(let procedure): return procedure.outcome.rawValue
        case .flagGate(_, let outcome): return outcome.rawValue
        case .withdrawal: return "withdrawn"
        case .exclusion(_, let outcome): return outcome.rawValue
        case .clarification(let clarification): return clarification.answer == nil ? "asked" : "answered"
        }
    }

    /// Every kind's name, in the order documents list them.
    public static let names = ["abnormally-low", "flag-gate", "withdrawal", "exclusion", "clarification"]
}

/// The s.19(4)–(5) abnormally-low-price procedure as far as it has gone.
public struct AbnormallyLowProcedure: Sendable, Hashable {
    /// The date (`YYYY-MM-DD`) the supplier was told its price appears abnormally low.
    public var notifiedOn: String?
    /// The date by which the supplier was asked to show it can perform for that price.
    public var responseDeadline: String?
    /// The supplier's response: a document recorded in the ledger (by file name or SHA-256), or `nil` when it
    /// sent none by the deadline.
    public var response: String?
    public var outcome: AbnormallyLowOutcome

    public init(notifiedOn: String?, responseDeadline: String?, response: String?, outcome: AbnormallyLowOutcome) {
        self.notifiedOn = notifiedOn
        self.responseDeadline = responseDeadline
        self.response = response
        self.outcome = outcome
    }
}

/// Where the abnormally-low procedure stands.
public enum AbnormallyLowOutcome: String, Sendable, Hashable, CaseIterable {
    /// The supplier has been told and given a deadline; the hold stays open.
    case notified
    /// The supplier showed it can perform for the price (or the buyer does not consider it abnormally low):
    /// the tender stays (s.19(5)).
    case accepted
    /// The tender is disregarded (s.19(3)(c)).
    case disregarded
}

/// The decision on a failed flag gate.
public enum FlagGateOutcome: String, Sendable, Hashable, CaseIterable {
    case kept
    case disregarded
}

/// Which grounds an exclusion rests on.
public enum ExclusionGround: String, Sendable, Hashable, CaseIterable {
    /// Schedule 6: the supplier is an excluded supplier and its tender must be disregarded (s.57(1)).
    case mandatory
    /// Schedule 7: the supplier is an excludable supplier and the buyer decided to exclude it.
    case discretionary
}

/// The exclusion decision.
public enum ExclusionOutcome: String, Sendable, Hashable, CaseIterable {
    case excluded
    /// Considered and not excluded (for example after self-cleaning shown in representations, s.58).
    case notExcluded = "not-excluded"
}

/// A clarification question and, once given, its answer.
public struct Clarification: Sendable, Hashable {
    public var question: String
    public var askedOn: String
    public var answer: String?
    public var answeredOn: String?

    public init(question: String, askedOn: String, answer: String?, answeredOn: String?) {
        self.question = question
        self.askedOn = askedOn
        self.answer = answer
        self.answeredOn = answeredOn
    }
}
