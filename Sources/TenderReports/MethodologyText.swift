import Foundation
import TenderScoring

/// Plain-words descriptions of a methodology, shared by the summaries and the evaluation report.
enum MethodologyText {
    /// How a criterion is scored, in one sentence.
    static func howScored(_ criterion: Criterion) -> String {
        let total = criterion.parts.map(\.weight).reduce(0, +)
        let parts = criterion.parts.map { part -> String in
            let text = howScored(part.kind)
            guard criterion.parts.count > 1, total > 0 else { return text }
            return "\(DecimalText.published(part.weight / total * 100, places: 0))%: \(text)"
        }
        return parts.joined(separator: "; ")
    }

    static func howScored(_ kind: PartKind) -> String {
        switch kind {
        case .price(let formula): return priceFormula(formula)
        case .marks(let rule):
            let scale = "\(DecimalText.exact(rule.scale.min))–\(DecimalText.exact(rule.scale.max))"
            let labels = rule.scale.labels.map { "\(DecimalText.exact($0.mark)) \($0.label)" }
            let questionTotal = rule.questions.map(\.weight).reduce(0, +)
            let questions = rule.questions.map { question -> String in
                var text = question.id + (question.title.map { " \($0)" } ?? "")
                if rule.questions.count > 1, questionTotal > 0 {
                    text += " (\(DecimalText.published(question.weight / questionTotal * 100, places: 0))%"
                    text += question.minimum.map { ", minimum \(DecimalText.exact($0)))" } ?? ")"
                } else if let minimum = question.minimum {
                    text += " (minimum \(DecimalText.exact(minimum)))"
                }
                return text
            }
            var text = "marked \(scale)"
            if !labels.isEmpty { text += " (\(labels.joined(separator: ", ")))" }
            text += " on \(questions.joined(separator: ", ")); \(rule.moderation.rawValue) moderation"
            return text
        case .smartKPIs(let rule):
            return "\(rule.expected) SMART outcome KPIs expected, each with "
                + rule.required.joined(separator: ", ") + "; points in proportion to complete KPIs"
        case .plugin(let reference):
            return "computed by the published rule '\(reference.name)'"
        }
    }

    /// A part's own label. Parts have no title or id in a methodology, so a part is named by what it scores: its
    /// questions (`IN1 Improvement over current practice`), its price formula, its KPIs or its rule.
    static func partLabel(_ part: CriterionPart) -> String {
        switch part.kind {
        case .price(let formula): return "Price (\(formula.name))"
        case .marks(let rule):
            let questions = rule.questions.map { $0.id + ($0.title.map { " \($0)" } ?? "") }
            return questions.isEmpty ? "Marks" : questions.joined(separator: ", ")
        case .smartKPIs: return "SMART outcome KPIs"
        case .plugin(let reference): return "Rule \(reference.name)"
        }
    }

    static func priceFormula(_ formula: PriceFormula) -> String {
        switch formula {
        case .lowestOverBid:
            return "lowest price of the tenders not disregarded ÷ tender price"
        case .deviationFromLowest(let k):
            return "1 − \(DecimalText.exact(k)) × (price − lowest price) ÷ lowest price, not below 0"
        case .boundedLinear(let best, let worst):
            let (best, worst) = (Figures.money(best, currency: nil), Figures.money(worst, currency: nil))
            return "(\(worst) − price) ÷ (\(worst) − \(best)), limited to 0–1 (bounds fixed before opening)"
        case .logarithmic(let a):
            return "1 − ln(price ÷ lowest price) ÷ ln(\(DecimalText.exact(a))), limited to 0–1"
        }
    }

    /// The methodology as a table: criterion, weight, how scored, points available.
    static func summaryTable(_ methodology: Methodology) -> ReportBlock {
        .table(
            header: ["Criterion", "Weight", "How it is scored", "Points available"],
            rows: methodology.criteria.map { criterion in
                [
                    criterion.title ?? criterion.id, Figures.weight(criterion.weight) + "%",
                    howScored(criterion), Figures.weight(criterion.weight),
                ]
            })
    }

    /// The evaluation method in one sentence.
    static func method(_ methodology: Methodology) -> String {
        let tieBreak = methodology.evaluation.tieBreak.map(\.description).joined(separator: ", ")
        let base: String
        switch methodology.evaluation.method {
        case .weightedSum: base = "Weighted sum: the tender with the most points is the most advantageous."
        case .pricePerQualityPoint:
            base = "Price per quality point: price ÷ non-price points; the lowest value is the most advantageous."
        case .lowestPriceAcceptable:
            base = "Lowest price among the tenders that meet every gate and minimum."
        }
        let rounding =
            " Figures are published to \(methodology.evaluation.rounding) decimal places; ranking uses exact values."
        return base + rounding + (tieBreak.isEmpty ? "" : " Ties are broken by: \(tieBreak).")
    }

    /// A procurement's display title.
    static func title(_ procurement: ProcurementInfo) -> String {
        let title = procurement.title ?? procurement.reference
        return procurement.lot.map { "\(title) — lot \($0)" } ?? title
    }
}
