import Foundation
import TenderLedger
import TenderRules
import TenderScoring

/// Scenario 1: evaluate one procurement of N tenders (all criteria, every check including leave-one-out).
struct CoreScenario {
    let tenders: Int
    let repeats: Int
    let variant: MethodologyVariant

    /// The figure's name with the methodology variant.
    private func named(_ text: String) -> String { "[\(variant.name)] \(text)" }

    func run(into report: inout Report) throws {
        var generator = variant.generator()
        let methodology = try Documents.methodology(generator.methodology(0))
        let files = (0..<tenders).map { generator.submission(procurement: 0, tender: $0) }
        let (submissions, parse) = try Timing.measure { try files.map(Documents.submission) }
        let plugins = try variant.host(for: methodology)
        let engine = ScoringEngine(methodology: methodology, plugins: plugins)
        var times: [Double] = []
        var result: EvaluationResult?
        for _ in 0..<repeats {
            let (evaluated, seconds) = Timing.measure { engine.evaluate(submissions: submissions, marks: []) }
            times.append(seconds)
            result = evaluated
        }
        let best = times.min() ?? .nan
        let median = Timing.median(times)
        let kinds = Set(result?.flags.map(\.kind) ?? []).sorted().joined(separator: ", ")
        report.notes.append(
            "core [\(variant.name)]: \(tenders) tenders of \(files.map(\.count).reduce(0, +) / max(files.count, 1)) bytes, "
                + "winner \(result?.winner ?? "none"), flags raised: \(kinds)")
        report.add(
            "core", named("evaluate \(tenders) tenders, median of \(repeats)"), median, "s", target: "< 1 s",
            met: median < 1)
        report.add("core", named("evaluate \(tenders) tenders, best"), best, "s")
        report.add("core", named("parse \(tenders) submissions (YAML to model)"), parse, "s")
        decisions(submissions: submissions, engine: engine, plain: times, into: &report)
        arrivalStages(files: files, submissions: submissions, engine: engine, into: &report)
    }

    /// The same evaluation with the buyer's decisions: the three cheapest tenders disregarded as abnormally low
    /// (each one's effect is an evaluation without it) and five clarifications (no effect).
    private func decisions(
        submissions: [Submission], engine: ScoringEngine, plain: [Double], into report: inout Report
    ) {
        let decidedAt = Timestamp(rfc3339: "2026-12-04T10:00:00Z")!
        func decision(_ tender: Submission, _ kind: DecisionKind, _ index: Int) -> Decision {
            Decision(
                documentID: "benchmark-decision-\(index)", procurement: tender.procurement, lot: tender.lot,
                tender: tender.tenderKey, kind: kind, decidedBy: DecisionMaker(id: "bench", role: "Benchmark"),
                decidedAt: decidedAt, basis: "Procurement Act 2023 s.19(3)(c)",
                reasons: "The price build-up shows labour below the wage floor of section 7.2.", location: nil)
        }
        let cheapest = submissions.sorted { $0.price.total < $1.price.total }.prefix(3)
        var made = cheapest.enumerated().map { index, tender in
            decision(
                tender,
                .abnormallyLow(
                    AbnormallyLowProcedure(
                        notifiedOn: "2026-12-01", responseDeadline: "2026-12-03", response: nil,
                        outcome: .disregarded)), index)
        }
        made += submissions.suffix(5).enumerated().map { index, tender in
            decision(
                tender,
                .clarification(
                    Clarification(
                        question: "Which crews deliver phase 2?", askedOn: "2026-12-01", answer: "Our own.",
                        answeredOn: "2026-12-02")), 3 + index)
        }
        var times: [Double] = []
        for _ in 0..<repeats {
            let (_, seconds) = Timing.measure {
                engine.evaluate(submissions: submissions, marks: [], decisions: made)
            }
            times.append(seconds)
        }
        let median = Timing.median(times)
        report.add(
            "core",
            named("evaluate \(submissions.count) tenders with 3 disregards and 5 clarifications, median of \(repeats)"),
            median, "s", target: "< 3 × the plain evaluation (one, and one without each disregard, with no checks)",
            met: median < 3 * Timing.median(plain))
    }

    /// What intake spends on one submission, stage by stage, on one core: the best of `repeats` passes over
    /// every file, in microseconds per document.
    private func arrivalStages(
        files: [[UInt8]], submissions: [Submission], engine: ScoringEngine, into report: inout Report
    ) {
        let methodology = engine.methodology
        func perDocument(_ body: () throws -> Void) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<max(1, repeats) {
                let (_, seconds) = try Timing.measure { try body() }
                best = min(best, seconds)
            }
            return best / Double(max(files.count, 1)) * 1e6
        }
        let hash = perDocument { for file in files { _ = Hex.sha256(file) } }
        let parse = (try? perDocument { for file in files { _ = try Documents.submission(file) } }) ?? .nan
        var results: [TenderResult] = []
        let assess = perDocument { results = submissions.map { engine.assessOnArrival($0, marks: []) } }
        let rounding = methodology.evaluation.rounding
        // The explanation as the daemon writes it (canonical bytes, no tree), and by way of a tree (the path
        // reports and replays take, and the daemon's before this writer).
        var explanations: [[UInt8]] = []
        let explain = perDocument { explanations = results.map { $0.canonicalJSON(rounding: rounding, flags: []) } }
        let viaTree = perDocument {
            for result in results { _ = result.json(rounding: rounding, flags: []).canonicalBytes }
        }
        // As the ledger does with an entry body: the Merkle leaf hash.
        let hashing = perDocument { for explanation in explanations { _ = MerkleTree.leafHash(explanation) } }
        let size = explanations.map(\.count).reduce(0, +) / max(explanations.count, 1)
        report.notes.append("arrival stages [\(variant.name)]: explanation of \(size) bytes per submission")
        report.add("core", named("per submission, one core: SHA-256 of the file"), hash, "µs")
        report.add("core", named("per submission, one core: parse"), parse, "µs")
        report.add("core", named("per submission, one core: arrival assessment"), assess, "µs")
        report.add("core", named("per submission, one core: explanation, canonical bytes"), explain, "µs")
        report.add("core", named("per submission, one core: explanation via a tree"), viaTree, "µs")
        report.add("core", named("per submission, one core: leaf SHA-256 of it"), hashing, "µs")
    }
}

/// Parsing helpers shared by the scenarios.
enum Documents {
    struct Unexpected: Error, CustomStringConvertible {
        var description: String
    }

    static func methodology(_ text: String) throws -> Methodology {
        let bytes = Array(text.utf8)
        guard
            case .methodology(let methodology, _) = try DocumentParser().parse(
                bytes, file: "methodology.yaml", documentID: Hex.sha256(bytes))
        else { throw Unexpected(description: "the generated methodology is not a methodology") }
        return methodology
    }

    static func submission(_ bytes: [UInt8]) throws -> Submission {
        guard
            case .submission(let submission) = try DocumentParser().parse(
                bytes, file: "submission.yaml", documentID: Hex.sha256(bytes))
        else { throw Unexpected(description: "a generated submission is not a submission") }
        return submission
    }
}
