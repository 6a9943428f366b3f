import Foundation
import TenderReports
import TenderScoring

/// The shipped example procurement (Rules/wmca-retrofit-2026-lot1.yaml and its examples), built in Swift.
enum Example {
    static func d(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    static let scale = MarkScale(
        min: 0, max: 5,
        labels: [
            ScaleLevel(mark: 0, label: "Unacceptable"), ScaleLevel(mark: 1, label: "Poor"),
            ScaleLevel(mark: 2, label: "Weak"), ScaleLevel(mark: 3, label: "Acceptable"),
            ScaleLevel(mark: 4, label: "Good"), ScaleLevel(mark: 5, label: "Excellent"),
        ])

    static func marksPart(_ weight: Decimal, _ questions: [Question], moderation: Moderation = .consensus)
        -> CriterionPart
    {
        CriterionPart(
            weight: weight, kind: .marks(MarksRule(scale: scale, moderation: moderation, questions: questions)))
    }

    static let methodology = Methodology(
        id: "wmca-retrofit-2026-lot1",
        procurement: ProcurementInfo(
            reference: "ocds-h6vhtk-04a1b2", lot: "1", title: "Social housing retrofit, external wall insulation",
            buyer: "West Midlands Combined Authority", regime: .pa2023, procedure: .open, currency: "GBP",
            estimatedValue: 1_200_000, tenderDeadline: Timestamp(rfc3339: "2026-12-01T12:00:00Z")),
        evaluation: EvaluationSettings(
            method: .weightedSum, rounding: 2,
            tieBreak: [.criterion("quality"), .criterion("social-value"), .lowestPrice, .earliestReceived],
            evaluators: [
                EvaluatorDeclaration(id: "E1", conflicts: []),
                EvaluatorDeclaration(id: "E2", conflicts: ["GB-COH-11223344"]),
                EvaluatorDeclaration(id: "E3", conflicts: []),
            ]),
        gates: [
            Gate(
                id: "mandatory-exclusion", title: nil,
                kind: .declaration(field: "declarations.mandatory_exclusion_grounds", equals: .bool(false)),
                onFail: .disregard),
            Gate(
                id: "discretionary-exclusion", title: nil,
                kind: .declaration(field: "declarations.discretionary_exclusion_grounds", equals: .bool(false)),
                onFail: .flag),
            Gate(
                id: "within-budget", title: nil, kind: .maximum(field: "price.total", max: 1_500_000),
                onFail: .disregard),
        ],
        criteria: [
            Criterion(
                id: "price", title: "Price", weight: 40, category: "price",
                parts: [CriterionPart(weight: 1, kind: .price(.lowestOverBid))], isSplit: false),
            Criterion(
                id: "quality", title: "Quality of delivery", weight: 30, category: "quality",
                parts: [
                    marksPart(
                        1,
                        [
                            Question(id: "Q1", title: "Delivery programme", weight: 60, minimum: 2, onFail: .disregard),
                            Question(id: "Q2", title: "Resident liaison", weight: 40, minimum: 2, onFail: .disregard),
                        ])
                ], isSplit: false),
            Criterion(
                id: "social-value", title: "Social value (PPN 002, fair work and skills)", weight: 10,
                category: "social-value",
                parts: [
                    marksPart(
                        1,
                        [
                            Question(
                                id: "SV1", title: "Local apprenticeships and fair work", weight: 1, minimum: nil,
                                onFail: .disregard)
                        ])
                ], isSplit: false),
            Criterion(
                id: "innovation", title: "Innovation", weight: 10, category: "innovation",
                parts: [
                    marksPart(
                        70,
                        [
                            Question(
                                id: "IN1", title: "Improvement over current practice", weight: 1, minimum: nil,
                                onFail: .disregard)
                        ]),
                    marksPart(
                        30,
                        [
                            Question(
                                id: "IN2", title: "Evidence from pilots", weight: 1, minimum: nil, onFail: .disregard)
                        ]),
                ], isSplit: true),
            Criterion(
                id: "outcomes", title: "Outcome focus", weight: 10, category: "outcomes",
                parts: [
                    CriterionPart(
                        weight: 1,
                        kind: .smartKPIs(
                            SmartKPIRule(
                                expected: 3, required: ["metric", "baseline", "target", "deadline", "measurement"])))
                ], isSplit: false),
        ],
        checks: [
            Check(id: "abnormally-low", kind: .abnormallyLow(belowMedianBy: d("0.25"))),
            Check(id: "identical-prices", kind: .identicalPrices),
            Check(id: "mark-reasons", kind: .markReasons(minWords: 5)),
            Check(id: "evaluator-spread", kind: .evaluatorSpread(maxSpread: 2)),
            Check(id: "rank-sensitivity", kind: .leaveOneOut),
        ])
}
