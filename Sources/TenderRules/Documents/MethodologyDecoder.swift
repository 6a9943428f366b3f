import Foundation
import TenderScoring

/// Decodes and validates `kind: methodology`, reporting every problem with its position.
struct MethodologyDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    func decode(_ fields: inout Fields) -> Methodology? {
        let id = read.identifier(fields.require("id", "give the methodology a unique id"), "id")
        _ = fields.take("title")
        _ = fields.take("description")
        let procurement = fields.require("procurement").flatMap(procurementInfo)
        let criteriaNode = fields.require("criteria", "list the award criteria with their weights")
        let criteria = criteriaNode.flatMap { criteriaList($0) } ?? []
        let evaluationNode = fields.require("evaluation", "say how criteria combine (method, rounding, tie_break)")
        let evaluation = evaluationNode.flatMap { evaluationSettings($0, criteria: criteria) }
        let gates = fields.take("gates").flatMap { gateList($0) } ?? []
        let checks = fields.take("checks").flatMap { checkList($0) } ?? []
        let lotsNode = fields.take("lots")
        let limitsNode = fields.take("lot_limits")
        var lotting: Lotting?
        if let lotsNode {
            if let lot = procurement?.lot {
                diagnostics.error(
                    lotsNode,
                    "procurement.lot is '\(lot)' but the methodology declares lots: a methodology evaluates either one "
                        + "lot (procurement.lot) or several (lots); remove one of them")
            }
            lotting = LotsDecoder(diagnostics: diagnostics).decode(
                lots: lotsNode, limits: limitsNode, criteria: criteria, gates: gates, method: evaluation?.method)
        } else if let limitsNode {
            diagnostics.error(limitsNode, "lot_limits limits lots, but the methodology declares no lots: add lots")
        }
        let stageNode = fields.take("stage")
        let stage = stageNode.flatMap {
            StageDecoder(diagnostics: diagnostics).stage(
                $0, criteria: criteria, procedure: procurement?.procedure, refining: fields.has("refines"))
        }
        let callOff = fields.take("call_off").flatMap { FrameworkDecoder(diagnostics: diagnostics).callOff($0) }
        let refinesNode = fields.take("refines")
        let refinement = refinesNode.flatMap { StageDecoder(diagnostics: diagnostics).refinement($0) }
        if let refinesNode, stageNode == nil {
            diagnostics.error(
                refinesNode, "refines: only a stage's award criteria are refined (s.24); declare the stage it refines")
        }
        if let stageNode, lotting != nil {
            diagnostics.error(stageNode, "a methodology with lots cannot also be a stage; give each lot its stages")
        }
        if stage?.kind == .participation,
            criteria.contains(where: { $0.parts.contains { $0.kind.priceFormula != nil } })
        {
            diagnostics.error(
                stageNode,
                "a participation stage assesses the supplier against conditions of participation (s.22); price is an "
                    + "award criterion: move it to a tender round")
        }
        fields.finish()
        // Weights are summed only when every criterion was read: a bad one is reported on its own.
        if let evaluation, let criteriaNode, criteria.count == criteriaNode.sequence?.count {
            validateMethod(evaluation.method, criteria: criteria, at: criteriaNode)
        }
        guard let id, let procurement, let evaluation, !diagnostics.hasErrors else { return nil }
        var methodology = Methodology(
            id: id, procurement: procurement, evaluation: evaluation, gates: gates, criteria: criteria, checks: checks,
            lotting: lotting, stage: stage, refinement: refinement)
        methodology.callOff = callOff
        return methodology
    }

    func procurementInfo(_ node: YAMLNode) -> ProcurementInfo? {
        guard var fields = Fields(node, context: "procurement", diagnostics: diagnostics) else { return nil }
        let reference = read.identifier(
            fields.require("reference", "the OCDS ocid or the buyer's reference"), "procurement.reference")
        let lot = read.text(fields.take("lot"), "procurement.lot")
        let title = read.text(fields.take("title"), "procurement.title")
        let buyer = read.text(fields.take("buyer"), "procurement.buyer")
        let regime = read.choice(fields.require("regime"), "procurement.regime", as: Regime.self)
        let procedure =
            fields.has("procedure")
            ? read.choice(fields.take("procedure"), "procurement.procedure", as: Procedure.self) : .open
        let currencyNode = fields.require("currency", "for example GBP")
        let currency = read.text(currencyNode, "procurement.currency")
        if let currency, currency.count != 3 || !currency.allSatisfy(\.isUppercase) {
            diagnostics.error(currencyNode, "procurement.currency '\(currency)' must be an ISO 4217 code such as GBP")
        }
        let valueNode = fields.take("estimated_value")
        let estimated = read.decimal(valueNode, "procurement.estimated_value", example: "1200000")
        if let estimated, estimated < 0 {
            diagnostics.error(valueNode, "procurement.estimated_value must not be negative")
        }
        let deadline = read.timestamp(fields.take("tender_deadline"), "procurement.tender_deadline")
        let noLotsReason = read.text(fields.take("no_lots_reason"), "procurement.no_lots_reason")
        fields.finish()
        guard let reference, let regime, let procedure, let currency else { return nil }
        return ProcurementInfo(
            reference: reference, lot: lot, title: title, buyer: buyer, regime: regime, procedure: procedure,
            currency: currency, estimatedValue: estimated, tenderDeadline: deadline, noLotsReason: noLotsReason)
    }

    func evaluationSettings(_ node: YAMLNode, criteria: [Criterion]) -> EvaluationSettings? {
        guard var fields = Fields(node, context: "evaluation", diagnostics: diagnostics) else { return nil }
        let method = read.choice(fields.require("method"), "evaluation.method", as: EvaluationMethod.self)
        let rounding =
            fields.has("rounding") ? read.integer(fields.take("rounding"), "evaluation.rounding", range: 0...6) : 2
        var tieBreak: [TieBreak] = []
        if let items = read.list(fields.take("tie_break"), "evaluation.tie_break") {
            let ids = criteria.map(\.id)
            for item in items {
                guard let name = read.text(item, "each tie-break") else { continue }
                switch name {
                case "lowest-price": tieBreak.append(.lowestPrice)
                case "earliest-received": tieBreak.append(.earliestReceived)
                case _ where ids.contains(name): tieBreak.append(.criterion(name))
                default:
                    let hint =
                        Fields.closest(name, in: ids + ["lowest-price", "earliest-received"])
                        .map { "; did you mean '\($0)'?" } ?? ""
                    diagnostics.error(
                        item,
                        "tie-break '\(name)' names no criterion (criteria: \(ids.joined(separator: ", "))) and is "
                            + "not lowest-price or earliest-received\(hint)")
                }
            }
            if Set(tieBreak).count != tieBreak.count {
                diagnostics.error(fields.node, "evaluation.tie_break lists the same rule twice")
            }
        }
        var evaluators: [EvaluatorDeclaration]? = nil
        if let items = read.list(fields.take("evaluators"), "evaluation.evaluators") {
            evaluators = items.compactMap(evaluator)
            let ids = evaluators!.map(\.id)
            for duplicate in Set(ids) where ids.filter({ $0 == duplicate }).count > 1 {
                diagnostics.error(fields.node, "evaluator '\(duplicate)' is listed more than once")
            }
            if ids.contains(MarksDocument.panel) {
                diagnostics.error(
                    fields.node, "'panel' is reserved for the moderation panel's consensus marks; rename that evaluator"
                )
            }
        }
        var holds = HoldKind.allCases
        if let items = read.list(fields.take("holds"), "evaluation.holds") {
            holds = items.compactMap { read.choice($0, "each of evaluation.holds", as: HoldKind.self) }
            if Set(holds).count != holds.count {
                diagnostics.error(fields.node, "evaluation.holds lists the same flag twice")
            }
        }
        let sealedPrices = read.bool(fields.take("sealed_prices"), "evaluation.sealed_prices") ?? true
        fields.finish()
        guard let method, let rounding else { return nil }
        return EvaluationSettings(
            method: method, rounding: rounding, tieBreak: tieBreak, evaluators: evaluators, holds: holds,
            sealedPrices: sealedPrices)
    }

    func evaluator(_ node: YAMLNode) -> EvaluatorDeclaration? {
        guard var fields = Fields(node, context: "an evaluator", diagnostics: diagnostics) else { return nil }
        let id = read.identifier(fields.require("id"), "evaluator id")
        let conflicts = fields.has("conflicts") ? read.textList(fields.take("conflicts"), "conflicts") : []
        _ = fields.take("name")
        _ = fields.take("role")
        fields.finish()
        guard let id, let conflicts else { return nil }
        return EvaluatorDeclaration(id: id, conflicts: conflicts)
    }

    func validateMethod(_ method: EvaluationMethod, criteria: [Criterion], at node: YAMLNode) {
        let total = criteria.map(\.weight).reduce(0, +)
        if total != 100 {
            let listing = criteria.map { "\($0.id) \(DecimalText.exact($0.weight))" }.joined(separator: ", ")
            diagnostics.error(
                node,
                "criterion weights sum to \(DecimalText.exact(total)), not 100 (\(listing)); weights are "
                    + "percentages of the total score and must add up to exactly 100")
        }
        if method == .pricePerQualityPoint {
            for criterion in criteria where criterion.parts.contains(where: { $0.kind.priceFormula != nil }) {
                diagnostics.error(
                    node,
                    "criterion '\(criterion.id)' scores price, but price-per-quality-point divides the price by "
                        + "the quality points itself; remove the price criterion and weight the quality criteria to 100"
                )
            }
        }
    }

    func criteriaList(_ node: YAMLNode) -> [Criterion]? {
        guard let items = read.list(node, "criteria") else { return nil }
        if items.isEmpty { diagnostics.error(node, "criteria must list at least one criterion") }
        var seen: [String: YAMLNode] = [:]
        var criteria: [Criterion] = []
        for item in items {
            guard let criterion = criterion(item) else { continue }
            if let first = seen[criterion.id] {
                diagnostics.error(
                    item, "duplicate criterion id '\(criterion.id)' (first defined at line \(first.mark.line))")
            }
            seen[criterion.id] = item
            criteria.append(criterion)
        }
        return criteria
    }

    func criterion(_ node: YAMLNode) -> Criterion? {
        let name = node["id"]?.string
        let context = name.map { "criterion '\($0)'" } ?? "a criterion"
        guard var fields = Fields(node, context: context, diagnostics: diagnostics) else { return nil }
        let id = read.identifier(fields.require("id"), "criterion id")
        let title = read.text(fields.take("title"), "title")
        let category = read.text(fields.take("category"), "category")
        let weightNode = fields.require("weight", "a percentage of the total score")
        let weight = read.decimal(weightNode, "\(context) weight")
        if let weight, weight < 0 { diagnostics.error(weightNode, "\(context) weight must not be negative") }
        var parts: [CriterionPart] = []
        let split = fields.has("parts")
        if split {
            if fields.has("kind") {
                diagnostics.error(
                    node, "\(context) has both 'kind' and 'parts'; use one: a single kind, or weighted parts")
                // Read the inline kind too, so its keys are not reported again as unknown.
                let quiet = DiagnosticCollector(file: diagnostics.file)
                _ = PartKindDecoder(diagnostics: quiet).decode(&fields, context: context)
            }
            if let items = read.list(fields.take("parts"), "\(context) parts") {
                if items.isEmpty { diagnostics.error(node, "\(context) parts must not be empty") }
                for (index, item) in items.enumerated() {
                    let partContext = "\(context) part \(index + 1)"
                    guard var partFields = Fields(item, context: partContext, diagnostics: diagnostics) else {
                        continue
                    }
                    let partWeightNode = partFields.require("weight", "the part's share of the criterion")
                    let partWeight = read.decimal(partWeightNode, "\(partContext) weight")
                    if let partWeight, partWeight <= 0 {
                        diagnostics.error(partWeightNode, "\(partContext) weight must be greater than 0")
                    }
                    let kind = PartKindDecoder(diagnostics: diagnostics).decode(&partFields, context: partContext)
                    partFields.finish()
                    if let kind, let partWeight { parts.append(CriterionPart(weight: partWeight, kind: kind)) }
                }
            }
        } else if fields.has("kind") {
            if let kind = PartKindDecoder(diagnostics: diagnostics).decode(&fields, context: context) {
                parts.append(CriterionPart(weight: 1, kind: kind))
            }
        } else {
            diagnostics.error(node, "\(context) needs a 'kind' (price, marks, smart-kpis, plugin) or weighted 'parts'")
        }
        fields.finish()
        guard let id, let weight else { return nil }
        return Criterion(id: id, title: title, weight: weight, category: category, parts: parts, isSplit: split)
    }

    func gateList(_ node: YAMLNode) -> [Gate]? {
        guard let items = read.list(node, "gates") else { return nil }
        var seen: [String: YAMLNode] = [:]
        var gates: [Gate] = []
        for item in items {
            guard let gate = GateDecoder(diagnostics: diagnostics).decode(item) else { continue }
            if let first = seen[gate.id] {
                diagnostics.error(
                    item, "duplicate gate id '\(gate.id)' (first defined at line \(first.mark.line))")
            }
            seen[gate.id] = item
            gates.append(gate)
        }
        return gates
    }

    func checkList(_ node: YAMLNode) -> [Check]? {
        guard let items = read.list(node, "checks") else { return nil }
        var seen: [String: YAMLNode] = [:]
        var checks: [Check] = []
        for item in items {
            guard let check = CheckDecoder(diagnostics: diagnostics).decode(item) else { continue }
            if let first = seen[check.id] {
                diagnostics.error(
                    item, "duplicate check id '\(check.id)' (first defined at line \(first.mark.line))")
            }
            seen[check.id] = item
            checks.append(check)
        }
        return checks
    }
}
