import Foundation
import TenderScoring

/// Decodes a methodology's `stage:` (the stage of a procedure with stages it evaluates) and `refines:` (the
/// earlier version of the stage's criteria it refines, s.24).
struct StageDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    /// - Parameter refining: whether the methodology refines another (`refines:`): its `refinable` repeats the
    ///   bounds of the one it refines, which its own weights are checked against there (``Refinement``).
    func stage(_ node: YAMLNode, criteria: [Criterion], procedure: Procedure?, refining: Bool) -> Stage? {
        guard var fields = Fields(node, context: "stage", diagnostics: diagnostics) else { return nil }
        let id = read.identifier(fields.require("id", "the stage's id, for example participation"), "stage.id")
        let number = read.integer(
            fields.require("number", "its place in the order: 1 for the first stage"), "stage.number", range: 1...20)
        let title = read.text(fields.take("title"), "stage.title")
        let kind = read.choice(
            fields.require("kind", "participation (requests to participate) or tender-round"), "stage.kind",
            as: StageKind.self)
        let progression = fields.take("progression").flatMap(progressionRule)
        var refinable: [RefinableWeight] = []
        if let list = read.list(fields.take("refinable"), "stage.refinable") {
            for item in list {
                if let bound = refinableWeight(item, criteria: criteria, refining: refining) { refinable.append(bound) }
            }
        }
        fields.finish()
        if let procedure, procedure != .competitiveFlexible {
            diagnostics.error(
                node,
                "a procedure with stages is a competitive flexible procedure (s.20); set procurement.procedure: "
                    + "competitive-flexible, or remove stage")
        }
        if kind == .participation, !refinable.isEmpty {
            diagnostics.error(
                node,
                "stage.refinable: conditions of participation are not award criteria; only a tender round's "
                    + "award criteria may be refined (s.24)")
        }
        guard let id, let number, let kind else { return nil }
        return Stage(id: id, number: number, title: title, kind: kind, progression: progression, refinable: refinable)
    }

    private func progressionRule(_ node: YAMLNode) -> Progression? {
        guard var fields = Fields(node, context: "stage.progression", diagnostics: diagnostics) else { return nil }
        let shortlist = fields.take("shortlist")
        let minimumNode = fields.take("minimum")
        let drop = fields.take("drop_lowest")
        let tiesNode = fields.require(
            "boundary_ties", "the published rule for ties at the boundary: tie-break or include-all")
        let ties = read.choice(tiesNode, "stage.progression.boundary_ties", as: BoundaryTies.self)
        fields.finish()
        let maximum = read.integer(shortlist, "stage.progression.shortlist", range: 1...100_000)
        let minimum = read.integer(minimumNode, "stage.progression.minimum", range: 1...100_000)
        let count = read.integer(drop, "stage.progression.drop_lowest", range: 1...100_000)
        guard let ties else { return nil }
        switch (shortlist, drop) {
        case (.some, nil):
            guard let maximum else { return nil }
            if let minimum, minimum > maximum {
                diagnostics.error(
                    minimumNode,
                    "stage.progression.minimum \(minimum) is more than the shortlist \(maximum); the minimum is how "
                        + "many the shortlist aims for at least")
                return nil
            }
            return .shortlist(maximum: maximum, minimum: minimum, boundaryTies: ties)
        case (nil, .some):
            if minimumNode != nil {
                diagnostics.error(minimumNode, "stage.progression.minimum goes with shortlist, not drop_lowest")
            }
            return count.map { .dropLowest(count: $0, boundaryTies: ties) }
        default:
            diagnostics.error(
                node,
                "stage.progression takes one rule: shortlist: N (at most N go forward, with minimum: M) or "
                    + "drop_lowest: N (the N lowest-ranked are dropped)")
            return nil
        }
    }

    private func refinableWeight(_ node: YAMLNode, criteria: [Criterion], refining: Bool) -> RefinableWeight? {
        guard var fields = Fields(node, context: "stage.refinable item", diagnostics: diagnostics) else { return nil }
        let criterionNode = fields.require("criterion", "the id of a criterion whose weight may be refined")
        let criterion = read.text(criterionNode, "stage.refinable.criterion")
        let weightNode = fields.require("weight", "the range the weight may take, for example [35, 50]")
        fields.finish()
        guard let criterion, let weightNode else { return nil }
        guard let current = criteria.first(where: { $0.id == criterion }) else {
            diagnostics.error(
                criterionNode,
                "stage.refinable names criterion '\(criterion)', which is not one of this methodology's criteria "
                    + "(\(criteria.map(\.id).joined(separator: ", ")))")
            return nil
        }
        guard let bounds = read.list(weightNode, "stage.refinable.weight"), bounds.count == 2,
            let low = read.decimal(bounds[0], "stage.refinable.weight"),
            let high = read.decimal(bounds[1], "stage.refinable.weight")
        else {
            diagnostics.error(weightNode, "stage.refinable.weight is a range [lowest, highest], for example [35, 50]")
            return nil
        }
        guard refining || (low <= current.weight && current.weight <= high), low <= high, low >= 0, high <= 100 else {
            diagnostics.error(
                weightNode,
                "stage.refinable.weight [\(DecimalText.exact(low)), \(DecimalText.exact(high))] must lie within 0–100 "
                    + "and include the weight criterion '\(criterion)' has now (\(DecimalText.exact(current.weight)))")
            return nil
        }
        return RefinableWeight(criterion: criterion, minimum: low, maximum: high)
    }

    func refinement(_ node: YAMLNode) -> Refinement? {
        guard var fields = Fields(node, context: "refines", diagnostics: diagnostics) else { return nil }
        let methodology = read.identifier(
            fields.require("methodology", "the id of the methodology this one refines"), "refines.methodology")
        let issued = read.timestamp(
            fields.require("issued", "when the refined criteria were issued to the suppliers, RFC 3339"),
            "refines.issued")
        let reason = read.text(fields.take("reason"), "refines.reason")
        var changes: [Refinement.WeightChange] = []
        let changesNode = fields.require("changes", "every weight changed: [{criterion: quality, from: 40, to: 45}]")
        if let list = read.list(changesNode, "refines.changes") {
            for item in list {
                guard var change = Fields(item, context: "refines.changes item", diagnostics: diagnostics) else {
                    continue
                }
                let criterion = read.text(change.require("criterion"), "refines.changes.criterion")
                let from = read.decimal(change.require("from"), "refines.changes.from")
                let to = read.decimal(change.require("to"), "refines.changes.to")
                change.finish()
                if let criterion, let from, let to {
                    changes.append(.init(criterion: criterion, from: from, to: to))
                }
            }
        }
        fields.finish()
        guard let methodology, let issued else { return nil }
        return Refinement(methodology: methodology, issued: issued, reason: reason, changes: changes)
    }
}
