import Foundation
import TenderScoring

/// Decodes `kind: framework` and `kind: dynamic-market` (the record a call-off is checked against), and a
/// methodology's `call_off:`.
struct FrameworkDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    func decode(_ fields: inout Fields, kind: Framework.Kind) -> Framework? {
        let id = read.identifier(fields.require("id", "give the \(kind.name) a unique id"), "id")
        let title = read.text(fields.take("title"), "title")
        _ = fields.take("description")
        let reference = read.identifier(fields.take("reference"), "reference")
        let partsKey = kind == .framework ? "lots" : "categories"
        var parts: [Framework.Part] = []
        let partsNode = fields.require(partsKey, "each \(kind.part) with its members: [{id: \"1\", members: [...]}]")
        for item in read.list(partsNode, partsKey) ?? [] {
            if let part = part(item, kind: kind) {
                if parts.contains(where: { $0.id == part.id }) {
                    diagnostics.error(item, "\(kind.part) '\(part.id)' is listed twice; give each \(kind.part) once")
                }
                parts.append(part)
            }
        }
        var criteria: [Framework.Criterion] = []
        let criteriaNode = fields.take("criteria")
        if kind == .dynamicMarket, let criteriaNode {
            diagnostics.error(
                criteriaNode, "a dynamic market's call-off competitions set their own award criteria; remove criteria")
        }
        for item in read.list(criteriaNode, "criteria") ?? [] {
            if let criterion = criterion(item) { criteria.append(criterion) }
        }
        if kind == .framework, criteriaNode != nil, criteria.map(\.weight).reduce(0, +) != 100 {
            diagnostics.error(criteriaNode, "the framework's criteria weights must sum to 100")
        }
        let selection =
            fields.has("selection_questions")
            ? read.textList(fields.take("selection_questions"), "selection_questions") ?? [] : []
        fields.finish()
        guard let id, !diagnostics.hasErrors else { return nil }
        return Framework(
            id: id, kind: kind, title: title, reference: reference, parts: parts, criteria: criteria,
            selectionQuestions: selection)
    }

    private func part(_ node: YAMLNode, kind: Framework.Kind) -> Framework.Part? {
        guard var fields = Fields(node, context: "a \(kind.part)", diagnostics: diagnostics) else { return nil }
        let id = read.text(fields.require("id", "the \(kind.part)'s id, for example \"1\""), "\(kind.part) id")
        let title = read.text(fields.take("title"), "\(kind.part) title")
        var members: [Framework.Member] = []
        for item in read.list(fields.require("members", "[{identifier: GB-COH-…, name: …}]"), "members") ?? [] {
            guard var member = Fields(item, context: "a member", diagnostics: diagnostics) else { continue }
            let identifier = read.text(
                member.require("identifier", "the registry identifier tenders give as supplier.identifier"),
                "member identifier")
            let name = read.text(member.require("name"), "member name")
            member.finish()
            if let identifier, let name { members.append(.init(identifier: identifier, name: name)) }
        }
        fields.finish()
        guard let id else { return nil }
        return Framework.Part(id: id, title: title, members: members)
    }

    private func criterion(_ node: YAMLNode) -> Framework.Criterion? {
        guard var fields = Fields(node, context: "a framework criterion", diagnostics: diagnostics) else { return nil }
        let id = read.text(fields.require("id"), "criterion id")
        let weight = read.decimal(fields.require("weight"), "criterion weight")
        var range: ClosedRange<Decimal>?
        if let refinable = fields.take("refinable") {
            if let bounds = read.list(refinable, "refinable"), bounds.count == 2,
                let low = read.decimal(bounds[0], "refinable"), let high = read.decimal(bounds[1], "refinable"),
                low <= high, let weight, low <= weight, weight <= high
            {
                range = low...high
            } else {
                diagnostics.error(
                    refinable,
                    "refinable is the range a call-off may give the weight, [lowest, highest], including the "
                        + "framework's own weight, for example [30, 50]")
            }
        }
        fields.finish()
        guard let id, let weight else { return nil }
        return Framework.Criterion(id: id, weight: weight, refinable: range)
    }

    /// `call_off: {framework: ID, lot: "1"}` or `call_off: {dynamic_market: ID, category: ID}`.
    func callOff(_ node: YAMLNode) -> CallOff? {
        guard var fields = Fields(node, context: "call_off", diagnostics: diagnostics) else { return nil }
        let framework = fields.take("framework")
        let market = fields.take("dynamic_market")
        let lot = fields.take("lot")
        let category = fields.take("category")
        fields.finish()
        switch (framework, market) {
        case (let node?, nil):
            guard let id = read.identifier(node, "call_off.framework"),
                let part = read.text(lot ?? category, "call_off.lot")
            else {
                if lot == nil { diagnostics.error(node, "call_off names the framework's lot: lot: \"1\"") }
                return nil
            }
            if category != nil { diagnostics.error(category, "a framework has lots, not categories: use lot") }
            return CallOff(kind: .framework, framework: id, part: part)
        case (nil, let node?):
            guard let id = read.identifier(node, "call_off.dynamic_market"),
                let part = read.text(category ?? lot, "call_off.category")
            else {
                if category == nil { diagnostics.error(node, "call_off names the market's category: category: …") }
                return nil
            }
            if lot != nil { diagnostics.error(lot, "a dynamic market has categories, not lots: use category") }
            return CallOff(kind: .dynamicMarket, framework: id, part: part)
        default:
            diagnostics.error(
                node,
                "call_off names one framework (framework: ID, lot: L) or one dynamic market (dynamic_market: ID, "
                    + "category: C)")
            return nil
        }
    }
}
