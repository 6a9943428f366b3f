import Foundation

extension Methodology {
    /// The methodology one lot is evaluated under: the shared criteria and gates with the lot's overrides, the lot's
    /// id, title and estimated value; `lotting` is kept, so each lot knows the others and the limits. A methodology
    /// without lots, or an id it does not declare, gives itself unchanged.
    public func lot(_ id: String) -> Methodology {
        guard let lotting, let lot = lotting.lot(id) else { return self }
        var result = self
        result.procurement.lot = lot.id
        if let title = lot.title { result.procurement.title = title }
        result.procurement.estimatedValue = lot.estimatedValue
        result.criteria = criteria.map { criterion in
            guard let override = lot.criteria[criterion.id] else { return criterion }
            var changed = criterion
            if let weight = override.weight { changed.weight = weight }
            if let formula = override.formula {
                changed.parts = criterion.parts.map { part in
                    guard case .price = part.kind else { return part }
                    return CriterionPart(weight: part.weight, kind: .price(formula))
                }
            }
            return changed
        }
        result.gates = gates.map { gate in
            guard let bound = lot.gates[gate.id] else { return gate }
            var changed = gate
            switch gate.kind {
            case .maximum(let field, _): changed.kind = .maximum(field: field, max: bound)
            case .minimum(let field, _): changed.kind = .minimum(field: field, min: bound)
            default: break
            }
            return changed
        }
        return result
    }

    /// Every lot's methodology, in the order the lots are listed; just this methodology when it has no lots.
    public var lotMethodologies: [Methodology] {
        guard let lotting else { return [self] }
        return lotting.ids.map(lot)
    }
}
