public import Foundation

/// One stage of a procedure with stages (a competitive flexible procedure, s.20): the stage a methodology
/// evaluates (`stage:`), its place in the order, and who goes forward from it.
///
/// Each stage has its own methodology and its own documents (they name the stage); a stage's tenders come only from
/// the suppliers the stage before it let through (``StageAdmission``). The last stage has no progression: its
/// tenders are the "assessed tenders" of s.50 and its evaluation names the most advantageous tender.
public struct Stage: Sendable, Hashable {
    /// The stage's id, unique within the procurement (documents name it in `stage:`).
    public var id: String
    /// Its place in the order, from 1.
    public var number: Int
    public var title: String?
    public var kind: StageKind
    /// Who goes forward to the next stage; `nil` for the final stage.
    public var progression: Progression?
    /// What a later version of this stage's methodology may refine (s.24): each criterion's weight range.
    public var refinable: [RefinableWeight]

    public init(
        id: String, number: Int, title: String?, kind: StageKind, progression: Progression?,
        refinable: [RefinableWeight] = []
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.kind = kind
        self.progression = progression
        self.refinable = refinable
    }

    /// Whether this is the final stage (its tenders are the assessed tenders of s.50).
    public var isFinal: Bool { progression == nil }

    /// "stage 1 (participation)".
    public var label: String { "stage \(number) (\(id))" }
}

/// What a stage assesses.
public enum StageKind: String, Sendable, Hashable, CaseIterable {
    /// Requests to participate, against the conditions of participation (s.22): they assess the supplier, and carry
    /// no price.
    case participation
    /// Tenders, against the award criteria (s.23).
    case tenderRound = "tender-round"
}

/// Who goes forward from a stage to the next, by the stage's ranking.
public enum Progression: Sendable, Hashable {
    /// A shortlist of at most `maximum` of the ranked suppliers (and at least `minimum` where that many qualify:
    /// fewer is allowed, and flagged), with the published rule for ties at the boundary.
    case shortlist(maximum: Int, minimum: Int?, boundaryTies: BoundaryTies)
    /// An intermediate assessment that drops the `count` lowest-ranked tenders (s.20(3)).
    case dropLowest(count: Int, boundaryTies: BoundaryTies)

    public var boundaryTies: BoundaryTies {
        switch self {
        case .shortlist(_, _, let ties), .dropLowest(_, let ties): return ties
        }
    }

    /// The published rule in words.
    public var description: String {
        switch self {
        case .shortlist(let maximum, let minimum, let ties):
            return "shortlist of at most \(maximum)" + (minimum.map { " (at least \($0) where enough qualify)" } ?? "")
                + "; ties at the boundary: \(ties.description)"
        case .dropLowest(let count, let ties):
            return "the lowest \(count) ranked dropped; ties at the boundary: \(ties.description)"
        }
    }
}

/// The published rule for suppliers that tie exactly at the boundary of a shortlist or a drop.
public enum BoundaryTies: String, Sendable, Hashable, CaseIterable {
    /// The methodology's declared tie-break order decides (the ranking already applies it).
    case tieBreak = "tie-break"
    /// Every supplier tied exactly with the last one going forward goes forward too.
    case includeAll = "include-all"

    public var description: String {
        switch self {
        case .tieBreak: return "the declared tie-break order decides"
        case .includeAll: return "every supplier tied exactly at the boundary goes forward"
        }
    }
}

/// A criterion whose weight a refinement may change, and the range it must stay in (inclusive).
public struct RefinableWeight: Sendable, Hashable {
    public var criterion: String
    public var minimum: Decimal
    public var maximum: Decimal

    public init(criterion: String, minimum: Decimal, maximum: Decimal) {
        self.criterion = criterion
        self.minimum = minimum
        self.maximum = maximum
    }
}
