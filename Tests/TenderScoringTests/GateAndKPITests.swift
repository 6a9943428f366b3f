import Foundation
import TenderScoring
import Testing

struct GateAndKPITests {
    func gate(_ kind: GateKind, onFail: OnFail = .disregard) -> Gate {
        Gate(id: "g", title: nil, kind: kind, onFail: onFail)
    }

    func status(_ kind: GateKind, fields: [String: DocumentValue]) -> TenderStatus? {
        let methodology = Build.methodology([Build.price(100)], gates: [gate(kind)])
        return Build.evaluate(methodology, [Build.submission("A", price: 100, fields: fields)]).tender("A")?.status
    }

    @Test func declarationGatesCompareTheDeclaredValue() {
        let kind = GateKind.declaration(field: "declarations.mandatory", equals: .bool(false))
        #expect(status(kind, fields: ["declarations": .map(["mandatory": .bool(false)])]) == .assessed)
        #expect(status(kind, fields: ["declarations": .map(["mandatory": .bool(true)])]) == .disregarded)
        #expect(status(kind, fields: [:]) == .disregarded)
    }

    @Test func minimumAndMaximumGatesNeedNumbers() {
        let minimum = GateKind.minimum(field: "supplier.turnover", min: 500)
        #expect(status(minimum, fields: ["supplier": .map(["turnover": .number(500)])]) == .assessed)
        #expect(status(minimum, fields: ["supplier": .map(["turnover": .number(499)])]) == .disregarded)
        #expect(status(minimum, fields: ["supplier": .map(["turnover": .string("lots")])]) == .disregarded)
        let maximum = GateKind.maximum(field: "price.total", max: 100)
        #expect(status(maximum, fields: [:]) == .assessed)
        let overBudget = Build.evaluate(
            Build.methodology([Build.price(100)], gates: [gate(maximum)]), [Build.submission("A", price: 101)])
        #expect(overBudget.tender("A")?.status == .disregarded)
        #expect(overBudget.tender("A")?.reasons.first?.contains("at most 100") == true)
    }

    @Test func requiredGatesRejectBlankValues() {
        let kind = GateKind.required(field: "answers.safeguarding")
        #expect(status(kind, fields: ["answers": .map(["safeguarding": .string("Policy in section 1.")])]) == .assessed)
        #expect(status(kind, fields: ["answers": .map(["safeguarding": .string("   ")])]) == .disregarded)
    }

    @Test func flagGatesKeepTheTenderAndRaiseAFlag() {
        let kind = GateKind.declaration(field: "declarations.discretionary", equals: .bool(false))
        let methodology = Build.methodology([Build.price(100)], gates: [gate(kind, onFail: .flag)])
        let result = Build.evaluate(
            methodology,
            [Build.submission("A", price: 1, fields: ["declarations": .map(["discretionary": .bool(true)])])])
        #expect(result.tender("A")?.status == .assessed)
        #expect(result.flags.map(\.kind) == ["gate"])
    }

    @Test func smartKPIsCountCompleteCommitmentsUpToTheExpectedNumber() {
        // expected 3; two complete KPIs and one with a blank baseline → 2/3; four complete → capped at 3/3
        let kpis = Criterion(
            id: "outcomes", title: nil, weight: 100, category: nil,
            parts: [
                CriterionPart(
                    weight: 1, kind: .smartKPIs(SmartKPIRule(expected: 3, required: ["metric", "baseline", "target"])))
            ],
            isSplit: false)
        let complete: [String: DocumentValue] = [
            "metric": .string("SAP"), "baseline": .number(54), "target": .number(72),
        ]
        var blank = complete
        blank["baseline"] = .string("")
        let methodology = Build.methodology([kpis])
        let result = Build.evaluate(
            methodology,
            [
                Build.submission("A", price: 1, outcomes: [complete, complete, blank]),
                Build.submission("B", price: 1, outcomes: Array(repeating: complete, count: 4)),
            ])
        #expect(result.tender("A")?.criteria[0].fraction == Build.d("0.66666666666666666667"))
        #expect(result.tender("A")?.criteria[0].reason.contains("KPI 3 (SAP) lacks baseline") == true)
        #expect(result.tender("B")?.criteria[0].fraction == 1)
    }

    @Test func lateTendersAreRecordedAndNotAssessed() {
        let methodology = Build.methodology([Build.price(100)], deadline: "2026-12-01T12:00:00Z")
        let result = Build.evaluate(
            methodology,
            [
                Build.submission("ON", price: 200, received: "2026-12-01T12:00:00Z"),
                Build.submission("LATE", price: 100, received: "2026-12-01T12:00:01Z"),
            ])
        #expect(result.tender("LATE")?.status == .late)
        #expect(result.tender("LATE")?.criteria.isEmpty == true)
        #expect(result.lowestPrice == 200)
        #expect(result.winner == "ON")
    }

    @Test func aLaterSubmissionFromTheSameSupplierSupersedesTheEarlier() {
        let result = Build.evaluate(
            Build.methodology([Build.price(100)]),
            [
                Build.submission("V1", price: 100, received: "2026-11-01T09:00:00Z", supplier: "GB-1"),
                Build.submission("V2", price: 150, received: "2026-11-02T09:00:00Z", supplier: "GB-1"),
                Build.submission("OTHER", price: 120),
            ])
        #expect(result.tender("V1")?.status == .superseded)
        #expect(result.tender("V2")?.status == .assessed)
        #expect(result.lowestPrice == 120)
    }
}
