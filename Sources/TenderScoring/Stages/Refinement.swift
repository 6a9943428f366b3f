public import Foundation

/// A refinement of a stage's award criteria (s.24): a later version of the stage's methodology (`refines:`) that
/// says which methodology it refines, when it was issued to the suppliers taken forward, and every weight it
/// changes. It is accepted only in a competitive flexible procedure, where the methodology it refines declared the
/// refinement allowed (`stage.refinable`) and its bounds, before that stage's tender deadline, and when the two
/// differ in nothing but the declared weights (``problems(base:)``).
public struct Refinement: Sendable, Hashable {
    /// One criterion's weight before and after.
    public struct WeightChange: Sendable, Hashable {
        public var criterion: String
        public var from: Decimal
        public var to: Decimal

        public init(criterion: String, from: Decimal, to: Decimal) {
            self.criterion = criterion
            self.from = from
            self.to = to
        }
    }

    /// The id of the methodology refined.
    public var methodology: String
    /// When the refined criteria were issued to the suppliers.
    public var issued: Timestamp
    public var reason: String?
    public var changes: [WeightChange]

    public init(methodology: String, issued: Timestamp, reason: String?, changes: [WeightChange]) {
        self.methodology = methodology
        self.issued = issued
        self.reason = reason
        self.changes = changes
    }

    /// Every reason the methodology `refined` (which carries this refinement) may not replace `base`; empty when it
    /// may.
    public static func problems(base: Methodology, refined: Methodology) -> [String] {
        guard let refinement = refined.refinement else { return ["\(refined.id) declares no refinement"] }
        let name = "refinement \(refined.id) of \(base.id)"
        var problems: [String] = []
        if base.procurement.procedure != .competitiveFlexible {
            problems.append(
                "\(name): award criteria may be refined only in a competitive flexible procedure (s.24); "
                    + "\(base.id) is an \(base.procurement.procedure.rawValue) procedure")
        }
        guard let stage = base.stage, !stage.refinable.isEmpty else {
            return problems + [
                "\(name): \(base.id) does not allow its award criteria to be refined (s.24 needs the tender notice or "
                    + "documents to provide for it): declare stage.refinable in \(base.id), before its tenders are "
                    + "invited, or leave the criteria as they are"
            ]
        }
        if let deadline = base.procurement.tenderDeadline {
            if refinement.issued >= deadline {
                problems.append(
                    "\(name) was issued \(refinement.issued), not before \(stage.label)'s tender deadline "
                        + "\(deadline): a refinement must be made before the round's tenders are due")
            }
        } else {
            problems.append(
                "\(name): \(base.id) has no procurement.tender_deadline, so the refinement cannot be shown to come "
                    + "before it; declare the round's deadline")
        }
        // What changed: weights of criteria, and nothing else.
        var actual: [WeightChange] = []
        var comparable = refined
        comparable.id = base.id
        // A refinement of a refinement: the one refined keeps its own declaration.
        comparable.refinement = base.refinement
        if comparable.criteria.map(\.id) == base.criteria.map(\.id) {
            for (index, criterion) in base.criteria.enumerated()
            where refined.criteria[index].weight != criterion.weight {
                actual.append(
                    WeightChange(criterion: criterion.id, from: criterion.weight, to: refined.criteria[index].weight))
                comparable.criteria[index].weight = criterion.weight
            }
        }
        if comparable != base {
            problems.append(
                "\(name) changes more than criterion weights (criteria, parts, gates, checks, evaluation settings, "
                    + "stage or procurement differ): s.24 allows refining the criteria, not replacing them; copy "
                    + "\(base.id) and change only the weights its stage.refinable lists")
        }
        for change in actual {
            guard let bound = stage.refinable.first(where: { $0.criterion == change.criterion }) else {
                problems.append(
                    "\(name) changes the weight of '\(change.criterion)' (\(DecimalText.exact(change.from)) → "
                        + "\(DecimalText.exact(change.to))), which \(base.id)'s stage.refinable does not list")
                continue
            }
            if change.to < bound.minimum || change.to > bound.maximum {
                problems.append(
                    "\(name) sets the weight of '\(change.criterion)' to \(DecimalText.exact(change.to)), outside "
                        + "the declared bounds \(DecimalText.exact(bound.minimum))–\(DecimalText.exact(bound.maximum))")
            }
        }
        let declared = Set(refinement.changes)
        if declared != Set(actual) {
            let said = refinement.changes.map(Self.text).joined(separator: ", ")
            let made = actual.map(Self.text).joined(separator: ", ")
            problems.append(
                "\(name): refines.changes says [\(said)] but the criteria differ from \(base.id) by "
                    + "[\(made)]; list exactly the weights changed")
        }
        return problems
    }

    static func text(_ change: WeightChange) -> String {
        "\(change.criterion) \(DecimalText.exact(change.from)) → \(DecimalText.exact(change.to))"
    }

    /// The changes in words ("quality 40 → 45, price 40 → 35").
    public var changesText: String { changes.map(Self.text).joined(separator: ", ") }
}
