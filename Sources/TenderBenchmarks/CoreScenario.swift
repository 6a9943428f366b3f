import Crypto
import Foundation
import TenderRules
import TenderScoring

/// Scenario 1: evaluate one procurement of N tenders (all criteria, every check including leave-one-out).
struct CoreScenario {
    let tenders: Int
    let repeats: Int
    let methodologyText: String

    func run(into report: inout Report) throws {
        var generator = Generator(methodologyText: methodologyText)
        let methodology = try Documents.methodology(generator.methodology(0))
        let files = (0..<tenders).map { generator.submission(procurement: 0, tender: $0) }
        let (submissions, parse) = try Timing.measure { try files.map(Documents.submission) }
        let engine = ScoringEngine(methodology: methodology)
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
            "core: \(tenders) tenders of \(files.map(\.count).reduce(0, +) / max(files.count, 1)) bytes, "
                + "winner \(result?.winner ?? "none"), flags raised: \(kinds)")
        report.add(
            "core", "evaluate \(tenders) tenders, median of \(repeats)", median, "s", target: "< 1 s", met: median < 1)
        report.add("core", "evaluate \(tenders) tenders, best", best, "s")
        report.add("core", "parse \(tenders) submissions (YAML to model)", parse, "s")
    }
}

/// Parsing helpers shared by the scenarios.
enum Documents {
    struct Unexpected: Error, CustomStringConvertible {
        var description: String
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func methodology(_ text: String) throws -> Methodology {
        let bytes = Array(text.utf8)
        guard
            case .methodology(let methodology, _) = try DocumentParser().parse(
                bytes, file: "methodology.yaml", documentID: sha256(bytes))
        else { throw Unexpected(description: "the generated methodology is not a methodology") }
        return methodology
    }

    static func submission(_ bytes: [UInt8]) throws -> Submission {
        guard
            case .submission(let submission) = try DocumentParser().parse(
                bytes, file: "submission.yaml", documentID: sha256(bytes))
        else { throw Unexpected(description: "a generated submission is not a submission") }
        return submission
    }
}
