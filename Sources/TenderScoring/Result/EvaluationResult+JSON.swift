import Foundation

extension EvaluationResult {
    /// The result as canonical JSON: exact decimals as strings, published (rounded) figures beside them.
    public var json: JSONValue {
        let places = rounding
        func figure(_ value: Decimal?) -> JSONValue {
            value.map { .decimal($0) } ?? .null
        }
        func published(_ value: Decimal?) -> JSONValue {
            value.map { .string(DecimalText.published($0, places: places)) } ?? .null
        }
        let tenderValues: [JSONValue] = tenders.map { $0.json(rounding: places, flags: flags) }
        return .object([
            "methodology": .string(methodologyID), "procurement": .string(procurement), "lot": .optional(lot),
            "method": .string(method.rawValue), "rounding": .integer(Int64(rounding)), "final": .bool(isFinal),
            "winner": .optional(winner), "lowest_price": figure(lowestPrice),
            "engine": .string(ScoringEngine.version),
            "tenders": .array(tenderValues),
            "missing_marks": .array(
                missingMarks.map {
                    .object([
                        "tender": .string($0.tender), "question": .string($0.question), "needed": .string($0.needed),
                    ])
                }),
            "rejected_marks": .array(
                rejectedMarks.map {
                    .object([
                        "document": .string($0.documentID), "tender": .string($0.tender),
                        "evaluator": .string($0.evaluator), "location": .optional($0.location?.description),
                        "reason": .string($0.reason),
                    ])
                }),
            "flags": .array(flags.map(\.json)),
        ])
    }
}

extension PartResult {
    /// The part as canonical JSON.
    public var json: JSONValue {
        .object([
            "kind": .string(kind), "weight": .decimal(weight), "fraction": fraction.map { .decimal($0) } ?? .null,
            "reason": .string(reason), "inputs": .object(inputs),
            "questions": .array(
                questions.map { question in
                    .object([
                        "id": .string(question.id), "title": .optional(question.title),
                        "weight": .decimal(question.weight), "mark": question.mark.map { .decimal($0) } ?? .null,
                        "label": .optional(question.label), "reasons": .array(question.reasons.map { .string($0) }),
                        "evaluators": .array(
                            question.evaluatorMarks.map {
                                .object([
                                    "evaluator": .string($0.evaluator), "mark": .decimal($0.mark.mark),
                                    "reason": .optional($0.mark.reason),
                                ])
                            }),
                        "minimum": question.minimum.map { .decimal($0) } ?? .null,
                        "below_minimum": .bool(question.belowMinimum),
                    ])
                }),
        ])
    }
}

extension ScoringFlag {
    /// The flag as canonical JSON.
    public var json: JSONValue {
        .object([
            "check": .string(check), "kind": .string(kind), "tender": .optional(tender), "message": .string(message),
            "action": .optional(action),
        ])
    }
}

extension TenderResult {
    /// One tender's result as canonical JSON, with the flags raised for it.
    public func json(rounding places: Int, flags: [ScoringFlag]) -> JSONValue {
        let tender = self
        func figure(_ value: Decimal?) -> JSONValue {
            value.map { .decimal($0) } ?? .null
        }
        func published(_ value: Decimal?) -> JSONValue {
            value.map { .string(DecimalText.published($0, places: places)) } ?? .null
        }
        let criteria: [JSONValue] = tender.criteria.map { criterion in
            .object([
                "id": .string(criterion.id), "title": .optional(criterion.title),
                "weight": .decimal(criterion.weight), "fraction": figure(criterion.fraction),
                "points": figure(criterion.points), "points_published": published(criterion.points),
                "reason": .string(criterion.reason),
                "parts": .array(criterion.parts.map(\.json)),
            ])
        }
        let gates: [JSONValue] = tender.gates.map { gate in
            .object([
                "id": .string(gate.id), "kind": .string(gate.kind), "field": .optional(gate.field),
                "observed": .optional(gate.observed), "passed": .bool(gate.passed),
                "on_fail": .string(gate.onFail.rawValue), "reason": .string(gate.reason),
            ])
        }
        return .object([
            "tender": .string(tender.key), "document": .string(tender.documentID),
            "supplier": .object([
                "name": .string(tender.supplier.name), "identifier": .optional(tender.supplier.identifier),
                "sme": tender.supplier.sme.map { .bool($0) } ?? .null,
                "vcse": tender.supplier.vcse.map { .bool($0) } ?? .null,
            ]),
            "received_at": .optional(tender.receivedAt?.description),
            "price": .object(["total": .decimal(tender.price.total), "currency": .string(tender.price.currency)]),
            "status": .string(tender.status.rawValue), "reasons": .array(tender.reasons.map { .string($0) }),
            "rank": tender.rank.map { .integer(Int64($0)) } ?? .null,
            "total": figure(tender.total), "total_published": published(tender.total),
            "quality_points": figure(tender.qualityPoints),
            "price_per_quality_point": figure(tender.pricePerQualityPoint),
            "gates": .array(gates), "criteria": .array(criteria),
            "flags": .array(flags.filter { $0.tender == tender.key }.map { .string($0.check) }),
        ])
    }
}
