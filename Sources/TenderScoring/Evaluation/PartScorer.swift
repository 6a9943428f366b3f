import Foundation

/// Scores one criterion part for one tender.
struct PartScorer {
    /// A part's score and what it found on the way.
    struct Outcome {
        var result: PartResult
        var missing: [MissingMark] = []
        var belowMinimum: [(question: Question, mark: Decimal)] = []
        var failure: String?
    }

    let methodology: Methodology
    let markBook: MarkBook
    let plugins: (any PluginEvaluator)?

    /// Scores a part that does not depend on other tenders. Relative price parts need ``price(_:part:lowest:)``.
    func absolute(_ part: CriterionPart, tender: Submission) -> Outcome {
        switch part.kind {
        case .price(let formula):
            return price(formula, weight: part.weight, tender: tender, lowest: nil)
        case .marks(let rule):
            return marks(rule, weight: part.weight, tender: tender)
        case .smartKPIs(let rule):
            return smartKPIs(rule, weight: part.weight, tender: tender)
        case .plugin(let reference):
            return plugin(reference, weight: part.weight, tender: tender)
        }
    }

    func price(_ formula: PriceFormula, weight: Decimal, tender: Submission, lowest: Decimal?) -> Outcome {
        let price = tender.price.total
        let currency = tender.price.currency
        var inputs: [String: JSONValue] = ["formula": .string(formula.name), "price": .decimal(price)]
        let fraction: Decimal
        let reason: String
        switch formula {
        case .boundedLinear(let best, let worst):
            inputs["best"] = .decimal(best)
            inputs["worst"] = .decimal(worst)
            fraction = DecimalMath.clamp((worst - price) / (worst - best))
            reason =
                "(worst \(Money.grouped(worst)) − price \(Money.grouped(price))) ÷ (worst − best "
                + "\(Money.grouped(best))), limited to 0–1 = \(Money.fraction(fraction))"
        case .lowestOverBid, .deviationFromLowest, .logarithmic:
            guard let lowest else {
                return Outcome(
                    result: PartResult(
                        kind: "price", weight: weight, fraction: nil,
                        reason: "relative price: scored against the lowest price of the tenders not disregarded",
                        inputs: inputs, questions: []))
            }
            inputs["lowest_price"] = .decimal(lowest)
            switch formula {
            case .lowestOverBid:
                fraction = lowest / price
                reason =
                    "lowest price \(Money.text(lowest, currency)) ÷ this price \(Money.text(price, currency)) "
                    + "= \(Money.fraction(fraction))"
            case .deviationFromLowest(let k):
                inputs["k"] = .decimal(k)
                fraction = max(0, 1 - k * (price - lowest) / lowest)
                reason =
                    "1 − \(k) × (price − lowest) ÷ lowest, not below 0 = \(Money.fraction(fraction)) "
                    + "(lowest \(Money.text(lowest, currency)))"
            case .logarithmic(let a):
                inputs["a"] = .decimal(a)
                let ratio = DecimalMath.ln(price / lowest) ?? 0
                fraction = DecimalMath.clamp(1 - ratio / (DecimalMath.ln(a) ?? 1))
                reason =
                    "1 − ln(price ÷ lowest) ÷ ln(\(a)), limited to 0–1 = \(Money.fraction(fraction)) "
                    + "(lowest \(Money.text(lowest, currency)))"
            case .boundedLinear:
                preconditionFailure("handled above")
            }
        }
        return Outcome(
            result: PartResult(
                kind: "price", weight: weight, fraction: fraction, reason: reason.compacted, inputs: inputs,
                questions: []))
    }

    func marks(_ rule: MarksRule, weight: Decimal, tender: Submission) -> Outcome {
        var outcome = Outcome(
            result: PartResult(kind: "marks", weight: weight, fraction: nil, reason: "", inputs: [:], questions: []))
        var weighted = Decimal(0)
        var totalWeight = Decimal(0)
        var terms: [String] = []
        for question in rule.questions {
            let entry = markBook.entry(tender: tender.tenderKey, question: question.id)
            let evaluatorMarks = entry.evaluators
            let moderated: Decimal?
            let reasons: QuestionResult.ReasonsFrom
            switch rule.moderation {
            case .consensus:
                moderated = entry.consensus?.mark
                reasons = .consensus(entry.consensus?.reason)
                if moderated == nil {
                    outcome.missing.append(
                        MissingMark(tender: tender.tenderKey, question: question.id, needed: "panel consensus mark"))
                }
            case .median, .mean:
                let values = evaluatorMarks.map(\.mark.mark)
                moderated = rule.moderation == .median ? DecimalMath.median(values) : DecimalMath.mean(values)
                reasons = .evaluators
                if moderated == nil {
                    outcome.missing.append(
                        MissingMark(tender: tender.tenderKey, question: question.id, needed: "evaluator marks"))
                }
            }
            var below = false
            if let moderated, let minimum = question.minimum, moderated < minimum {
                below = true
                outcome.belowMinimum.append((question, moderated))
            }
            outcome.result.questions.append(
                QuestionResult(
                    id: question.id, title: question.title, weight: question.weight, mark: moderated,
                    label: moderated.flatMap { rule.scale.label(for: $0) }, reasonsFrom: reasons,
                    evaluatorMarks: evaluatorMarks, minimum: question.minimum, belowMinimum: below))
            if let moderated {
                let share = QuotientCache.divide(moderated - rule.scale.min, by: rule.scale.max - rule.scale.min)
                weighted += question.weight * share
                let label = rule.scale.label(for: moderated).map { " (\($0))" } ?? ""
                terms.append(
                    "\(question.id) \(DecimalText.exact(moderated))\(label) × \(DecimalText.exact(question.weight))")
            }
            totalWeight += question.weight
        }
        let scaleText =
            "scale \(DecimalText.exact(rule.scale.min))–\(DecimalText.exact(rule.scale.max)), \(rule.moderation.rawValue)"
        if outcome.missing.isEmpty, totalWeight > 0 {
            let fraction = QuotientCache.divide(weighted, by: totalWeight)
            outcome.result.fraction = fraction
            outcome.result.reason =
                "\(terms.joined(separator: "; ")) on \(scaleText) → \(Money.fraction(fraction))".compacted
        } else {
            let needed = outcome.missing.map(\.question).joined(separator: ", ")
            outcome.result.reason = "waiting for marks: \(needed) (\(scaleText))"
        }
        return outcome
    }

    func smartKPIs(_ rule: SmartKPIRule, weight: Decimal, tender: Submission) -> Outcome {
        var complete = 0
        var gaps: [String] = []
        for (index, kpi) in tender.outcomes.enumerated() {
            let absent = rule.required.filter { !(kpi[$0]?.isPresent ?? false) }
            if absent.isEmpty {
                complete += 1
            } else {
                let name = kpi["metric"].flatMap { if case .string(let text) = $0 { text } else { nil } }
                gaps.append("KPI \(index + 1)\(name.map { " (\($0))" } ?? "") lacks \(absent.joined(separator: ", "))")
            }
        }
        let counted = min(complete, rule.expected)
        let fraction = Decimal(counted) / Decimal(rule.expected)
        var reason =
            "\(complete) complete SMART KPI\(complete == 1 ? "" : "s") of \(rule.expected) expected "
            + "(each needs \(rule.required.joined(separator: ", "))) → \(Money.fraction(fraction))"
        if !gaps.isEmpty { reason += "; " + gaps.joined(separator: "; ") }
        return Outcome(
            result: PartResult(
                kind: "smart-kpis", weight: weight, fraction: fraction, reason: reason.compacted,
                inputs: ["complete": .integer(Int64(complete)), "expected": .integer(Int64(rule.expected))],
                questions: []))
    }

    func plugin(_ reference: PluginReference, weight: Decimal, tender: Submission) -> Outcome {
        var result = PartResult(
            kind: "plugin", weight: weight, fraction: nil, reason: "", inputs: ["plugin": .string(reference.name)],
            questions: [])
        guard let plugins else {
            let reason = "plugin '\(reference.name)' cannot run: no plugin host is configured"
            result.reason = reason
            return Outcome(result: result, failure: reason)
        }
        switch plugins.score(plugin: reference, submission: tender.content.json) {
        case .scored(let fraction, let explanation, _, let run):
            result.inputs["module_sha256"] = .string(run.moduleSHA256)
            result.inputs["fuel_used"] = .integer(Int64(clamping: run.fuelUsed))
            guard fraction >= 0, fraction <= 1 else {
                result.reason = "plugin '\(reference.name)' returned fraction \(fraction), outside 0–1"
                return Outcome(result: result, failure: result.reason)
            }
            result.fraction = fraction
            result.reason = explanation
            return Outcome(result: result)
        case .gate:
            let reason = "plugin '\(reference.name)' answered as a gate where a score was expected"
            result.reason = reason
            return Outcome(result: result, failure: reason)
        case .failed(let reason, let run):
            if let run { result.inputs["module_sha256"] = .string(run.moduleSHA256) }
            result.reason = "plugin '\(reference.name)' failed: \(reason)"
            return Outcome(result: result, failure: result.reason)
        }
    }
}
