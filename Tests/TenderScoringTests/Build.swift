import Foundation
import TenderScoring

/// Small builders so each test states only what matters to it.
enum Build {
    static func d(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    static let scale = MarkScale(
        min: 0, max: 5,
        labels: [
            ScaleLevel(mark: 0, label: "Unacceptable"), ScaleLevel(mark: 1, label: "Poor"),
            ScaleLevel(mark: 2, label: "Weak"), ScaleLevel(mark: 3, label: "Acceptable"),
            ScaleLevel(mark: 4, label: "Good"), ScaleLevel(mark: 5, label: "Excellent"),
        ])

    static func methodology(
        _ criteria: [Criterion], gates: [Gate] = [], checks: [Check] = [], method: EvaluationMethod = .weightedSum,
        tieBreak: [TieBreak] = [], deadline: String? = nil, evaluators: [EvaluatorDeclaration]? = nil, rounding: Int = 2
    ) -> Methodology {
        Methodology(
            id: "test",
            procurement: ProcurementInfo(
                reference: "ocds-test", lot: nil, title: nil, buyer: nil, regime: .pa2023, procedure: .open,
                currency: "GBP", estimatedValue: nil, tenderDeadline: deadline.flatMap { Timestamp(rfc3339: $0) }),
            evaluation: EvaluationSettings(
                method: method, rounding: rounding, tieBreak: tieBreak, evaluators: evaluators),
            gates: gates, criteria: criteria, checks: checks)
    }

    static func price(_ weight: Decimal, _ formula: PriceFormula = .lowestOverBid, id: String = "price") -> Criterion {
        Criterion(
            id: id, title: nil, weight: weight, category: "price",
            parts: [CriterionPart(weight: 1, kind: .price(formula))],
            isSplit: false)
    }

    static func marks(
        _ id: String, _ weight: Decimal, questions: [Question], scale: MarkScale = Build.scale,
        moderation: Moderation = .consensus
    ) -> Criterion {
        Criterion(
            id: id, title: nil, weight: weight, category: nil,
            parts: [
                CriterionPart(
                    weight: 1, kind: .marks(MarksRule(scale: scale, moderation: moderation, questions: questions)))
            ],
            isSplit: false)
    }

    static func question(_ id: String, weight: Decimal = 1, minimum: Decimal? = nil, onFail: OnFail = .disregard)
        -> Question
    {
        Question(id: id, title: nil, weight: weight, minimum: minimum, onFail: onFail)
    }

    /// A submission keyed by `key` (its tender id and supplier identifier) with consensus marks.
    static func submission(
        _ key: String, price: Decimal, marks: [String: Decimal] = [:], reasons: [String: String] = [:],
        evaluatorMarks: [String: [(String, Decimal)]] = [:], received: String? = nil, supplier: String? = nil,
        fields: [String: DocumentValue] = [:], outcomes: [[String: DocumentValue]] = []
    ) -> Submission {
        var questionMarks: [String: QuestionMarks] = [:]
        for (question, mark) in marks {
            questionMarks[question] = QuestionMarks(
                consensus: AwardedMark(
                    mark: mark, reason: reasons[question] ?? "Cites section 2 of the response in detail."),
                evaluators: [])
        }
        for (question, list) in evaluatorMarks {
            questionMarks[question, default: QuestionMarks(consensus: nil, evaluators: [])].evaluators = list.map {
                EvaluatorMark(
                    evaluator: $0.0, mark: AwardedMark(mark: $0.1, reason: "Refers to section 3 of the response."))
            }
        }
        var content = fields
        content["price"] = .map(["total": .number(price), "currency": .string("GBP")])
        return Submission(
            documentID: "doc-\(key)", procurement: "ocds-test", lot: nil, tenderID: key,
            receivedAt: received.flatMap { Timestamp(rfc3339: $0) },
            supplier: Supplier(name: "Supplier \(key)", identifier: supplier ?? "GB-\(key)", sme: nil, vcse: nil),
            price: Price(total: price, currency: "GBP"), marks: questionMarks, outcomes: outcomes,
            content: .map(content),
            location: nil)
    }

    static func evaluate(_ methodology: Methodology, _ submissions: [Submission], marks: [MarksDocument] = [])
        -> EvaluationResult
    {
        ScoringEngine(methodology: methodology).evaluate(submissions: submissions, marks: marks)
    }
}
