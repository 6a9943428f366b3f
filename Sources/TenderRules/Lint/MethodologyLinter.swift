import Foundation
import TenderScoring

/// Procurement Act lint: legal but doubtful choices, reported as warnings with their position.
struct MethodologyLinter {
    let diagnostics: DiagnosticCollector

    /// Turnover above this multiple of the estimated value is treated as disproportionate.
    static let turnoverMultiple: Decimal = 2
    /// Insurance cover above this multiple of the estimated value is treated as disproportionate.
    static let insuranceMultiple: Decimal = 5
    /// An unlotted procurement estimated above this (in its currency) should record why it is not divided into lots.
    static let lotsThreshold: Decimal = 1_000_000

    func lint(_ methodology: Methodology, root: YAMLNode) -> [Diagnostic] {
        let before = diagnostics.diagnostics.count
        let criteriaNode = root["criteria"]
        // Conditions of participation (a participation stage) assess the supplier, not a tender: the award-criteria
        // lints on social value and price do not apply to them.
        if methodology.stage?.kind != .participation {
            socialValue(methodology, at: criteriaNode)
            priceOnly(methodology, root: root)
        }
        consequences(root)
        proportionality(methodology, root: root)
        descriptors(methodology, at: criteriaNode)
        lots(methodology, root: root)
        return Array(diagnostics.diagnostics[before...])
    }

    /// s.18: a procurement not divided into lots must say why (in the tender notice); above the threshold a
    /// methodology with neither lots, a lot of its own, nor a recorded reason is worth a warning.
    func lots(_ methodology: Methodology, root: YAMLNode) {
        let info = methodology.procurement
        guard methodology.lotting == nil, info.lot == nil, info.noLotsReason == nil, let value = info.estimatedValue,
            value > Self.lotsThreshold
        else { return }
        diagnostics.warning(
            root["procurement"],
            "procurement \(info.reference) is estimated at \(DecimalText.exact(value)) \(info.currency), above "
                + "\(DecimalText.exact(Self.lotsThreshold)), with no lots and no reason for not using them: s.18 requires "
                + "the authority to consider lots and give its reasons in the tender notice; declare lots, or record "
                + "procurement.no_lots_reason")
    }

    static func isSocialValue(_ criterion: Criterion) -> Bool {
        if let category = criterion.category { return category == "social-value" }
        return (criterion.id + " " + (criterion.title ?? "")).lowercased().contains("social")
    }

    func socialValue(_ methodology: Methodology, at node: YAMLNode?) {
        let social = methodology.criteria.filter(Self.isSocialValue)
        let weight = social.map(\.weight).reduce(0, +)
        if social.isEmpty {
            diagnostics.warning(
                node,
                "no social value criterion: PPN 002 expects social value to carry at least 10% of the total "
                    + "score (in-scope bodies; others may adopt it); add one, or record why it is not relevant")
        } else if weight < 10 {
            diagnostics.warning(
                node,
                "social value carries \(DecimalText.exact(weight))% of the total score; PPN 002 expects at least 10%")
        }
    }

    func consequences(_ root: YAMLNode) {
        for gate in root["gates"]?.sequence.map(Array.init) ?? [] where gate["on_fail"] == nil {
            let id = gate["id"]?.string ?? "?"
            diagnostics.warning(
                gate,
                "gate '\(id)' has a threshold without a declared consequence; s.23(3)(a) requires the "
                    + "methodology to say whether failing disqualifies: add on_fail: disregard or on_fail: flag "
                    + "(until then a failure only raises a flag)")
        }
    }

    func priceOnly(_ methodology: Methodology, root: YAMLNode) {
        let quality = methodology.criteria.filter { !$0.isPrice }
        switch methodology.evaluation.method {
        case .lowestPriceAcceptable:
            let weighted = quality.filter { $0.weight > 0 }.map(\.id)
            if !weighted.isEmpty {
                diagnostics.warning(
                    root["evaluation"]?["method"],
                    "lowest-price-acceptable awards on price alone, but quality criteria "
                        + "\(weighted.joined(separator: ", ")) carry weight that will not affect the award; use "
                        + "weighted-sum, or set their weights to 0 and keep them as minimums")
            }
        case .weightedSum:
            let priceWeight = methodology.criteria.filter(\.isPrice).map(\.weight).reduce(0, +)
            if priceWeight == 100, !quality.isEmpty {
                diagnostics.warning(
                    root["criteria"],
                    "price carries all 100% of the weight while quality criteria "
                        + "\(quality.map(\.id).joined(separator: ", ")) exist: they will not affect the award "
                        + "unless they set minimums")
            }
        case .pricePerQualityPoint:
            break
        }
    }

    func proportionality(_ methodology: Methodology, root: YAMLNode) {
        let gateNodes = root["gates"]?.sequence.map(Array.init) ?? []
        for (gate, node) in zip(methodology.gates, gateNodes) {
            guard case .minimum(let field, let minimum) = gate.kind else { continue }
            let lowered = field.lowercased()
            let (multiple, what): (Decimal, String)
            if lowered.contains("turnover") {
                (multiple, what) = (Self.turnoverMultiple, "turnover")
            } else if lowered.contains("insurance") {
                (multiple, what) = (Self.insuranceMultiple, "insurance")
            } else {
                continue
            }
            guard let value = methodology.procurement.estimatedValue else {
                diagnostics.warning(
                    node,
                    "gate '\(gate.id)' sets a minimum \(what) but procurement.estimated_value is missing, so "
                        + "its proportionality (s.22) cannot be checked")
                continue
            }
            if minimum > value * multiple {
                diagnostics.warning(
                    node,
                    "gate '\(gate.id)' requires \(what) of at least \(Money.grouped(minimum)), more than "
                        + "\(DecimalText.exact(multiple))× the estimated value \(Money.grouped(value)): conditions of "
                        + "participation must be proportionate (s.22) and this shuts out smaller suppliers (s.12(4))")
            }
        }
    }

    func descriptors(_ methodology: Methodology, at node: YAMLNode?) {
        var reported: Set<MarkScale> = []
        for criterion in methodology.criteria {
            for part in criterion.parts {
                guard case .marks(let rule) = part.kind, !reported.contains(rule.scale) else { continue }
                reported.insert(rule.scale)
                if rule.scale.labels.isEmpty {
                    diagnostics.warning(
                        node,
                        "criterion '\(criterion.id)': the marking scale has no labels; publish a descriptor for "
                            + "every mark so evaluators and bidders know what each level means")
                }
            }
        }
    }
}
