import Foundation
import TenderScoring

/// Decodes the `kind` of a criterion or part and the parameters that kind takes.
struct PartKindDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    static let kinds = ["price", "marks", "smart-kpis", "plugin"]

    func decode(_ fields: inout Fields, context: String) -> PartKind? {
        guard let kindNode = fields.require("kind"), let kind = read.text(kindNode, "\(context) kind") else {
            return nil
        }
        switch kind {
        case "price": return price(&fields, context: context)
        case "marks": return marks(&fields, context: context).map { .marks($0) }
        case "smart-kpis": return smartKPIs(&fields, context: context)
        case "plugin": return plugin(&fields, context: context).map { .plugin($0) }
        default:
            let hint = Fields.closest(kind, in: Self.kinds).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error(
                kindNode, "\(context) kind '\(kind)' is not one of: \(Self.kinds.joined(separator: ", "))\(hint)")
            return nil
        }
    }

    func price(_ fields: inout Fields, context: String) -> PartKind? {
        let formulas = ["lowest-over-bid", "deviation-from-lowest", "bounded-linear", "logarithmic"]
        guard let formulaNode = fields.require("formula", "one of: \(formulas.joined(separator: ", "))"),
            let formula = read.text(formulaNode, "\(context) formula")
        else { return nil }
        func parameter(_ key: String, _ meaning: String) -> Decimal? {
            guard let node = fields.take(key) else {
                diagnostics.error(fields.node, "price formula '\(formula)' needs '\(key)' (\(meaning))")
                return nil
            }
            return read.decimal(node, "\(context) \(key)")
        }
        let result: PriceFormula?
        switch formula {
        case "lowest-over-bid":
            result = .lowestOverBid
        case "deviation-from-lowest":
            let kNode = fields.node["k"]
            guard let k = parameter("k", "points lost per unit of relative deviation from the lowest price, e.g. 1")
            else { return nil }
            if k <= 0 { diagnostics.error(kNode, "\(context) k must be greater than 0") }
            result = .deviationFromLowest(k: k)
        case "bounded-linear":
            let best = parameter("best", "the price that earns full marks, fixed before opening")
            let worst = parameter("worst", "the price that earns nothing, fixed before opening")
            guard let best, let worst else { return nil }
            if worst <= best || best < 0 {
                diagnostics.error(
                    fields.node, "\(context): bounded-linear needs 0 ≤ best < worst, found best \(best), worst \(worst)"
                )
            }
            result = .boundedLinear(best: best, worst: worst)
        case "logarithmic":
            let aNode = fields.node["a"]
            guard let a = parameter("a", "the price multiple of the lowest price that earns nothing, e.g. 2") else {
                return nil
            }
            if a <= 1 {
                diagnostics.error(aNode, "\(context) a must be greater than 1 (the price multiple that scores 0)")
            }
            result = .logarithmic(a: a)
        default:
            let hint = Fields.closest(formula, in: formulas).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error(
                formulaNode, "price formula '\(formula)' is not one of: \(formulas.joined(separator: ", "))\(hint)")
            return nil
        }
        return result.map { .price($0) }
    }

    func marks(_ fields: inout Fields, context: String) -> MarksRule? {
        let scale = fields.require("scale", "for example {min: 0, max: 5, labels: {…}}").flatMap {
            self.scale($0, context: context)
        }
        let moderation =
            fields.has("moderation")
            ? read.choice(fields.take("moderation"), "\(context) moderation", as: Moderation.self) : .consensus
        var questions: [Question] = []
        if let questionsNode = fields.require("questions", "list the questions with their weights"),
            let items = read.list(questionsNode, "\(context) questions")
        {
            if items.isEmpty { diagnostics.error(questionsNode, "\(context) questions must not be empty") }
            questions = items.compactMap { question($0, scale: scale, context: context) }
        }
        guard let scale, let moderation, !questions.isEmpty else { return nil }
        return MarksRule(scale: scale, moderation: moderation, questions: questions)
    }

    func scale(_ node: YAMLNode, context: String) -> MarkScale? {
        guard var fields = Fields(node, context: "\(context) scale", diagnostics: diagnostics) else { return nil }
        let minimum = read.decimal(fields.require("min"), "scale min", example: "0")
        let maximum = read.decimal(fields.require("max"), "scale max", example: "5")
        var labels: [ScaleLevel] = []
        if let labelsNode = fields.take("labels"),
            let labelFields = Fields(labelsNode, context: "\(context) scale labels", diagnostics: diagnostics)
        {
            for pair in labelFields.pairs {
                guard let mark = read.decimal(pair.keyNode, "a scale level"), let label = read.text(pair.value, "label")
                else { continue }
                if let minimum, let maximum, mark < minimum || mark > maximum {
                    diagnostics.error(pair.keyNode, "label for \(mark) is outside the scale \(minimum)–\(maximum)")
                }
                labels.append(ScaleLevel(mark: mark, label: label))
            }
        }
        fields.finish()
        guard let minimum, let maximum else { return nil }
        guard maximum > minimum else {
            diagnostics.error(node, "\(context) scale max (\(maximum)) must be greater than min (\(minimum))")
            return nil
        }
        return MarkScale(min: minimum, max: maximum, labels: labels.sorted { $0.mark < $1.mark })
    }

    func question(_ node: YAMLNode, scale: MarkScale?, context: String) -> Question? {
        let name = node["id"]?.string
        let questionContext = name.map { "question '\($0)'" } ?? "a question of \(context)"
        guard var fields = Fields(node, context: questionContext, diagnostics: diagnostics) else { return nil }
        let idNode = fields.require("id")
        let id = read.identifier(idNode, "question id")
        if let id, let idNode {
            if let first = diagnostics.questionIDs[id] {
                diagnostics.error(
                    idNode,
                    "duplicate question id '\(id)' (first defined at line \(first.mark.line)); question ids "
                        + "must be unique across the methodology because marks refer to them")
            } else {
                diagnostics.questionIDs[id] = idNode
            }
        }
        let title = read.text(fields.take("title"), "title")
        let weightNode = fields.require("weight", "its share of the criterion")
        let weight = read.decimal(weightNode, "\(questionContext) weight")
        if let weight, weight <= 0 { diagnostics.error(weightNode, "\(questionContext) weight must be greater than 0") }
        let minimumNode = fields.take("minimum")
        let minimum = read.decimal(minimumNode, "\(questionContext) minimum", example: "2")
        if let minimum, let scale {
            if minimum > scale.max {
                diagnostics.error(
                    minimumNode,
                    "\(questionContext) minimum \(minimum) is above the scale maximum \(scale.max): no mark could pass")
            } else if minimum <= scale.min {
                diagnostics.error(
                    minimumNode,
                    "\(questionContext) minimum \(minimum) is at or below the scale minimum \(scale.min): no mark could fail it"
                )
            }
        }
        let onFail =
            fields.has("on_fail") ? read.choice(fields.take("on_fail"), "on_fail", as: OnFail.self) : .disregard
        _ = fields.take("guidance")
        fields.finish()
        guard let id, let weight, let onFail else { return nil }
        return Question(id: id, title: title, weight: weight, minimum: minimum, onFail: onFail)
    }

    func smartKPIs(_ fields: inout Fields, context: String) -> PartKind? {
        let expected = read.integer(
            fields.require("expected", "how many complete KPIs earn full marks"), "\(context) expected", range: 1...100)
        let requiredNode = fields.require(
            "required", "the fields every KPI needs, e.g. [metric, baseline, target, deadline, measurement]")
        let required = read.textList(requiredNode, "\(context) required")
        if let required, required.isEmpty {
            diagnostics.error(requiredNode, "\(context) required must list at least one field")
        }
        guard let expected, let required, !required.isEmpty else { return nil }
        return .smartKPIs(SmartKPIRule(expected: expected, required: required))
    }

    func plugin(_ fields: inout Fields, context: String) -> PluginReference? {
        let nameNode = fields.require("plugin", "the plugin's folder name under Plugins/")
        let name = read.identifier(nameNode, "\(context) plugin")
        if let name, let available = diagnostics.availablePlugins, !available.contains(name) {
            let hint = Fields.closest(name, in: available.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error(
                nameNode, "plugin '\(name)' is not installed (expected Plugins/\(name)/plugin.yaml)\(hint)")
        }
        var config = DocumentValue.map([:])
        let configNode = fields.take("config")
        if let configNode {
            if case .mapping = configNode {
                config = read.freeForm(configNode) ?? .map([:])
            } else {
                diagnostics.error(configNode, "\(context) config must be a mapping of settings")
            }
        }
        if let name, let validator = diagnostics.pluginConfigValidator {
            for problem in validator(name, config) {
                diagnostics.error(configNode ?? nameNode, "\(context): \(problem)")
            }
        }
        guard let name else { return nil }
        return PluginReference(name: name, config: config)
    }
}
