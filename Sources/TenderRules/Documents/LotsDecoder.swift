import Foundation
import TenderScoring

/// Decodes a methodology's `lots:` and `lot_limits:`: several lots of one procurement sharing the criteria and gates,
/// with per-lot overrides (weights, a price formula, a gate's bound), and the limits on lots (s.18, s.23(4)).
struct LotsDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    static let orders = ["as-listed", "estimated-value"]

    /// The lotting declared by `lots` (a list) and `limits` (`lot_limits`, optional), checked against the shared
    /// criteria and gates; `nil` after an error.
    func decode(
        lots lotsNode: YAMLNode, limits limitsNode: YAMLNode?, criteria: [Criterion], gates: [Gate],
        method: EvaluationMethod?
    ) -> Lotting? {
        guard let items = read.list(lotsNode, "lots") else { return nil }
        if items.count < 2 {
            diagnostics.error(
                lotsNode,
                "lots lists \(items.count) lot\(items.count == 1 ? "" : "s"); a lotted procurement has at least two (for "
                    + "one lot, set procurement.lot instead)")
        }
        var lots: [LotDeclaration] = []
        var seen: [String: YAMLNode] = [:]
        for item in items {
            guard let lot = lot(item, criteria: criteria, gates: gates) else { continue }
            if let first = seen[lot.id] {
                diagnostics.error(item, "duplicate lot id '\(lot.id)' (first defined at line \(first.mark.line))")
            }
            seen[lot.id] = item
            lots.append(lot)
        }
        let (limits, order, rule) = limitsNode.map { self.limits($0, lots: lots, method: method) } ?? (.none, nil, nil)
        guard !diagnostics.hasErrors else { return nil }
        return Lotting(lots: lots, limits: limits, awardOrder: order ?? lots.map(\.id), orderRule: rule ?? "as listed")
    }

    func lot(_ node: YAMLNode, criteria: [Criterion], gates: [Gate]) -> LotDeclaration? {
        let context = node["id"]?.string.map { "lot '\($0)'" } ?? "a lot"
        guard var fields = Fields(node, context: context, diagnostics: diagnostics) else { return nil }
        let id = read.identifier(fields.require("id", "the lot's number or code, for example \"1\""), "lot id")
        let title = read.text(fields.take("title"), "\(context) title")
        _ = fields.take("description")
        let valueNode = fields.take("estimated_value")
        let estimated = read.decimal(valueNode, "\(context) estimated_value", example: "400000")
        if let estimated, estimated < 0 {
            diagnostics.error(valueNode, "\(context) estimated_value must not be negative")
        }
        var weight: Decimal? = 1
        if let weightNode = fields.take("award_weight") {
            weight = read.decimal(weightNode, "\(context) award_weight", example: "1 or 1.5")
            if let value = weight, value <= 0 {
                diagnostics.error(weightNode, "\(context) award_weight must be greater than 0")
            }
        }
        var overrides: [String: CriterionOverride] = [:]
        if let node = fields.take("criteria"),
            let mapping = Fields(node, context: "\(context) criteria", diagnostics: diagnostics)
        {
            for pair in mapping.pairs {
                if let value = criterionOverride(pair, criteria: criteria, context: context) {
                    overrides[pair.key] = value
                }
            }
            let shared = criteria.map { overrides[$0.id]?.weight ?? $0.weight }.reduce(0, +)
            if shared != 100 {
                let listing = criteria.map { "\($0.id) \(DecimalText.exact(overrides[$0.id]?.weight ?? $0.weight))" }
                diagnostics.error(
                    node,
                    "\(context): criterion weights sum to \(DecimalText.exact(shared)) with the lot's overrides, not 100 "
                        + "(\(listing.joined(separator: ", "))); each lot's weights must add up to exactly 100")
            }
        }
        var bounds: [String: Decimal] = [:]
        if let node = fields.take("gates"),
            let mapping = Fields(node, context: "\(context) gates", diagnostics: diagnostics)
        {
            for pair in mapping.pairs {
                if let value = gateOverride(pair, gates: gates, context: context) { bounds[pair.key] = value }
            }
        }
        fields.finish(note: "A lot may override criteria (weight, formula) and gates (max or min)")
        guard let id, let weight else { return nil }
        return LotDeclaration(
            id: id, title: title, estimatedValue: estimated, awardWeight: weight, criteria: overrides, gates: bounds)
    }

    func criterionOverride(
        _ pair: (key: String, keyNode: YAMLNode, value: YAMLNode), criteria: [Criterion], context: String
    ) -> CriterionOverride? {
        guard let criterion = criteria.first(where: { $0.id == pair.key }) else {
            let hint = Fields.closest(pair.key, in: criteria.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error(
                pair.keyNode,
                "\(context) overrides criterion '\(pair.key)', which the methodology does not declare (criteria: "
                    + "\(criteria.map(\.id).joined(separator: ", ")))\(hint)")
            return nil
        }
        let subject = "\(context) criterion '\(criterion.id)'"
        guard var fields = Fields(pair.value, context: subject, diagnostics: diagnostics) else { return nil }
        var weight: Decimal?
        if let node = fields.take("weight") {
            weight = read.decimal(node, "\(subject) weight")
            if let value = weight, value < 0 { diagnostics.error(node, "\(subject) weight must not be negative") }
        }
        var formula: PriceFormula?
        if fields.has("formula") {
            if criterion.isPrice {
                formula = PartKindDecoder(diagnostics: diagnostics).price(&fields, context: subject)?.priceFormula
            } else {
                _ = fields.take("formula")
                diagnostics.error(
                    fields.node,
                    "\(subject) is not a price criterion: only a price criterion's formula can be overridden")
            }
        }
        fields.finish(note: "A lot may override a criterion's weight and, for price, its formula")
        return CriterionOverride(weight: weight, formula: formula)
    }

    func gateOverride(_ pair: (key: String, keyNode: YAMLNode, value: YAMLNode), gates: [Gate], context: String)
        -> Decimal?
    {
        guard let gate = gates.first(where: { $0.id == pair.key }) else {
            diagnostics.error(
                pair.keyNode,
                "\(context) overrides gate '\(pair.key)', which the methodology does not declare (gates: "
                    + "\(gates.map(\.id).joined(separator: ", ")))")
            return nil
        }
        let subject = "\(context) gate '\(gate.id)'"
        guard var fields = Fields(pair.value, context: subject, diagnostics: diagnostics) else { return nil }
        let key: String
        switch gate.kind {
        case .maximum: key = "max"
        case .minimum: key = "min"
        default:
            diagnostics.error(
                pair.value,
                "\(subject) is a \(gate.kind.name) gate: a lot may override only a maximum's max or a minimum's min")
            return nil
        }
        let bound = read.decimal(fields.require(key, "the lot's own bound"), "\(subject) \(key)")
        fields.finish()
        return bound
    }

    /// `lot_limits`: the limits, and the award order with the rule that gave it.
    func limits(_ node: YAMLNode, lots: [LotDeclaration], method: EvaluationMethod?)
        -> (LotLimits, [String]?, String?)
    {
        guard var fields = Fields(node, context: "lot_limits", diagnostics: diagnostics) else {
            return (.none, nil, nil)
        }
        let range = 1...max(1, lots.count)
        let tender = fields.take("tender").flatMap { read.integer($0, "lot_limits.tender", range: range) }
        let award = fields.take("award").flatMap { read.integer($0, "lot_limits.award", range: range) }
        var mechanism = LotMechanism.inOrder
        if let mechanismNode = fields.take("mechanism") {
            mechanism = read.choice(mechanismNode, "lot_limits.mechanism", as: LotMechanism.self) ?? .inOrder
            if mechanism == .bestCombination, let method, method != .weightedSum {
                diagnostics.error(
                    mechanismNode,
                    "best-combination maximises the sum of the awarded tenders' totals, which only weighted-sum has; "
                        + "use in-order with \(method.rawValue)")
            }
        } else if award != nil {
            diagnostics.error(
                fields.node,
                "lot_limits.award needs a published mechanism (s.23(4)): mechanism: in-order or best-combination")
        }
        var order: [String]?
        var rule: String?
        let ids = lots.map(\.id)
        if let orderNode = fields.take("order") {
            if case .sequence = orderNode {
                let listed = read.textList(orderNode, "lot_limits.order") ?? []
                if listed.sorted() != ids.sorted() || Set(listed).count != listed.count {
                    diagnostics.error(
                        orderNode,
                        "lot_limits.order must list every lot once (lots: \(ids.joined(separator: ", "))), found "
                            + listed.joined(separator: ", "))
                }
                order = listed
                rule = "as declared"
            } else if let name = read.text(orderNode, "lot_limits.order") {
                switch name {
                case "as-listed":
                    rule = "as listed"
                case "estimated-value":
                    let missing = lots.filter { $0.estimatedValue == nil }.map(\.id)
                    if !missing.isEmpty {
                        diagnostics.error(
                            orderNode,
                            "lot_limits.order: estimated-value needs every lot's estimated_value (missing for lot "
                                + "\(missing.joined(separator: ", ")))")
                    }
                    order = lots.enumerated().sorted {
                        ($0.element.estimatedValue ?? 0, -$0.offset) > ($1.element.estimatedValue ?? 0, -$1.offset)
                    }.map(\.element.id)
                    rule = "by estimated value, highest first"
                default:
                    diagnostics.error(
                        orderNode,
                        "lot_limits.order '\(name)' is not a list of lots or one of: \(Self.orders.joined(separator: ", "))"
                    )
                }
            }
        }
        fields.finish()
        return (LotLimits(maxTendered: tender, maxAwarded: award, mechanism: mechanism), order, rule)
    }
}
