import Foundation
import TenderScoring

/// Compares an evaluation with a test's expectations; each mismatch reads `where: what: expected X, got Y`.
struct RuleExpectationMatcher {
    let result: EvaluationResult

    /// A lotted procurement's expectations: `final` is the award's, each lot's block is matched against its
    /// evaluation and each award line against the award; a winner or tenders outside `lots` name no lot.
    static func mismatches(_ expect: RuleExpectations, outcome: LotsEngine.Outcome) -> [String] {
        var failures: [String] = []
        if let isFinal = expect.isFinal, isFinal != outcome.award.isFinal {
            failures.append("\(expect.location): final: expected \(isFinal), got \(outcome.award.isFinal)")
        }
        if expect.winner != nil || !expect.tenders.isEmpty {
            failures.append(
                "\(expect.location): the procurement has lots: put winner and tenders under lots, by lot "
                    + "(lots: {\"1\": {winner: …, tenders: …}})")
        }
        let ids = outcome.award.order.sorted().joined(separator: ", ")
        for (lot, block) in expect.lots {
            guard let result = outcome.results[lot] else {
                failures.append("\(block.location): lot \(lot): expected an evaluation, got no such lot (lots: \(ids))")
                continue
            }
            failures += RuleExpectationMatcher(result: result).mismatches(block).map { "lot \(lot): \($0)" }
        }
        for (lot, expectation) in expect.award {
            guard let line = outcome.award.lot(lot) else {
                failures.append("\(expectation.location): award of lot \(lot): no such lot (lots: \(ids))")
                continue
            }
            if let awarded = expectation.awarded, awarded != line.awarded {
                failures.append(
                    "\(expectation.location): award of lot \(lot): expected \(awarded ?? "unawarded"), got "
                        + "\(line.awarded ?? "unawarded") (\(line.reason))")
            }
            if let moved = expectation.moved, moved != line.moved {
                failures.append(
                    "\(expectation.location): award of lot \(lot) moved: expected \(moved), got \(line.moved) (\(line.reason))"
                )
            }
            for text in expectation.reasonContains where !line.reason.contains(text) {
                failures.append(
                    "\(expectation.location): award of lot \(lot) reason: expected a reason containing '\(text)', got "
                        + line.reason)
            }
        }
        return failures
    }

    /// A procedure with stages' expectations: each stage's block against its evaluation (and who it took forward and
    /// dropped), and the refusals.
    static func mismatches(
        _ expect: RuleExpectations, stages: [ProcedureEngine.StageRun], refused: [ProcedureEngine.Refusal]
    ) -> [String] {
        var failures: [String] = []
        if expect.winner != nil || !expect.tenders.isEmpty || expect.isFinal != nil {
            failures.append(
                "\(expect.location): the procurement is evaluated in stages: put final, winner and tenders under "
                    + "stages, by stage id (stages: {final: {winner: …}})")
        }
        let ids = stages.compactMap(\.methodology.stage?.id).joined(separator: ", ")
        for (id, block) in expect.stages {
            guard let run = stages.first(where: { $0.methodology.stage?.id == id }) else {
                failures.append("\(block.location): stage \(id): no such stage (stages: \(ids))")
                continue
            }
            var found = RuleExpectationMatcher(result: run.result).mismatches(block)
            let forward = run.outcome?.progressed.map(\.tender)
            let dropped = run.outcome?.dropped.map(\.tender)
            if let progressed = block.progressed, progressed != forward {
                found.append(
                    "\(block.location): progressed: expected [\(progressed.joined(separator: ", "))], got "
                        + (forward.map { "[\($0.joined(separator: ", "))]" }
                            ?? "no outcome (the stage has not concluded)"))
            }
            if let expected = block.dropped, Set(expected) != Set(dropped ?? []) || dropped == nil {
                found.append(
                    "\(block.location): dropped: expected [\(expected.joined(separator: ", "))], got "
                        + (dropped.map { "[\($0.joined(separator: ", "))]" }
                            ?? "no outcome (the stage has not concluded)"))
            }
            failures += found.map { "stage \(id): \($0)" }
        }
        for expectation in expect.refused {
            let matching = refused.filter {
                $0.tender == expectation.tender && (expectation.stage == nil || expectation.stage == $0.stage)
            }
            guard let refusal = matching.first else {
                failures.append(
                    "\(expectation.location): refused: expected \(expectation.tender) to be refused, but it was admitted "
                        + "(refused: \(refused.map(\.tender).joined(separator: ", ")))")
                continue
            }
            for text in expectation.reasonContains where !refusal.reason.contains(text) {
                failures.append(
                    "\(expectation.location): refused \(expectation.tender): expected a reason containing '\(text)', "
                        + "got \(refusal.reason)")
            }
        }
        return failures
    }

    func mismatches(_ expect: RuleExpectations) -> [String] {
        var failures: [String] = []
        func fail(_ location: SourceLocation, _ what: String, expected: String, got: String) {
            failures.append("\(location): \(what): expected \(expected), got \(got)")
        }
        if let isFinal = expect.isFinal, isFinal != result.isFinal {
            fail(expect.location, "final", expected: "\(isFinal)", got: "\(result.isFinal)")
        }
        if let winner = expect.winner, winner != result.winner {
            fail(expect.location, "winner", expected: winner ?? "none", got: result.winner ?? "none")
        }
        for (key, expectation) in expect.tenders {
            guard let tender = result.tender(key) else {
                let keys = result.tenders.map(\.key).joined(separator: ", ")
                fail(
                    expectation.location, "tender \(key)", expected: "a result",
                    got: "no such tender (tenders: \(keys))")
                continue
            }
            failures += mismatches(expectation, tender: tender)
        }
        for flag in expect.flags {
            let found = result.flags.contains {
                $0.kind == flag.kind && (flag.tender == nil || $0.tender == flag.tender)
                    && (flag.check == nil || $0.check == flag.check)
            }
            if !found {
                let raised = result.flags.map { "\($0.kind)(\($0.tender ?? "-"))" }.joined(separator: ", ")
                fail(
                    flag.location, "flag \(flag.kind)\(flag.tender.map { " for \($0)" } ?? "")", expected: "raised",
                    got: raised.isEmpty ? "no flags" : "only \(raised)")
            }
        }
        for kind in expect.absentFlags {
            let raised = result.flags.filter { $0.kind == kind }
            if !raised.isEmpty {
                fail(
                    expect.location, "flag \(kind)", expected: "none",
                    got: raised.map(\.message).joined(separator: " | "))
            }
        }
        if let missing = expect.missingMarks {
            let got = result.missingMarks.map { "\($0.tender)/\($0.question)" }.sorted()
            if got != missing.sorted() {
                fail(
                    expect.location, "missing marks", expected: "[\(missing.sorted().joined(separator: ", "))]",
                    got: "[\(got.joined(separator: ", "))]")
            }
        }
        if let rejected = expect.rejectedMarks, rejected != result.rejectedMarks.count {
            fail(
                expect.location, "rejected marks", expected: "\(rejected)",
                got: "\(result.rejectedMarks.count) (\(result.rejectedMarks.map(\.reason).joined(separator: " | ")))")
        }
        return failures
    }

    func mismatches(_ expectation: TenderExpectation, tender: TenderResult) -> [String] {
        var failures: [String] = []
        let places = result.rounding
        func fail(_ what: String, expected: String, got: String) {
            failures.append("\(expectation.location): \(tender.key) \(what): expected \(expected), got \(got)")
        }
        func published(_ value: Decimal?) -> String {
            value.map { DecimalText.published($0, places: places) } ?? "none"
        }
        func same(_ expected: Decimal, _ actual: Decimal?) -> Bool {
            actual.map { DecimalMath.rounded($0, places: places) == expected } ?? false
        }
        if let status = expectation.status, status != tender.status {
            fail(
                "status", expected: status.rawValue,
                got: "\(tender.status.rawValue) (\(tender.reasons.joined(separator: "; ")))")
        }
        if let rank = expectation.rank, rank != tender.rank {
            fail("rank", expected: rank.map(String.init) ?? "unranked", got: tender.rank.map(String.init) ?? "unranked")
        }
        if let total = expectation.total, !same(total, tender.total) {
            fail("total", expected: DecimalText.published(total, places: places), got: published(tender.total))
        }
        for (criterion, points) in expectation.points where !same(points, tender.points(criterion)) {
            fail(
                "points for \(criterion)", expected: DecimalText.published(points, places: places),
                got: published(tender.points(criterion)))
        }
        if let value = expectation.pricePerQualityPoint, !same(value, tender.pricePerQualityPoint) {
            fail(
                "price per quality point", expected: DecimalText.published(value, places: places),
                got: published(tender.pricePerQualityPoint))
        }
        for text in expectation.reasonsContain where !tender.reasons.contains(where: { $0.contains(text) }) {
            fail("reasons", expected: "a reason containing '\(text)'", got: tender.reasons.joined(separator: "; "))
        }
        return failures
    }
}
