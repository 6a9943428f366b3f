import Foundation
import TenderScoring

/// The stages of a procedure with stages in a report: this stage and its rule, the refinement of its award
/// criteria (s.24) when there is one, and each stage's outcome so far (who went forward, who was dropped and why).
enum StageSection {
    /// The section's blocks; none for a methodology that is not a stage.
    static func blocks(_ result: EvaluationResult, methodology: Methodology, earlier: [StageOutcome]) -> [ReportBlock] {
        guard let stage = methodology.stage else { return [] }
        var blocks: [ReportBlock] = [.heading(2, "Stages of this procedure (s.20)")]
        let role =
            stage.isFinal
            ? "the final stage: its tenders are the assessed tenders (s.50) and it names the most advantageous tender"
            : "its published rule for who goes forward: \(stage.progression?.description ?? "")"
        blocks.append(
            .paragraph(
                "This evaluation is \(stage.label)\(stage.title.map { " (\($0))" } ?? "") of a competitive flexible "
                    + "procedure, \(role)."))
        if let refinement = methodology.refinement {
            blocks.append(
                .paragraph(
                    "Award criteria refined under s.24: \(refinement.changesText) (weights before → after), issued to "
                        + "the suppliers on \(refinement.issued), refining methodology \(refinement.methodology)"
                        + (refinement.reason.map { ". Reason: \($0)" } ?? "") + "."))
        }
        var outcomes = earlier
        if result.isFinal, let outcome = StageProgression.outcome(of: stage, result: result) {
            outcomes.append(outcome)
        }
        for outcome in outcomes {
            blocks.append(.heading(3, "Stage \(outcome.stage.number) (\(outcome.stage.id)): \(outcome.rule)"))
            let rows =
                outcome.progressed.map { [$0.tender, $0.name, $0.rank.map(String.init) ?? "—", "went forward"] }
                + outcome.dropped.map { [$0.tender, $0.name, $0.rank.map(String.init) ?? "—", $0.reason ?? "dropped"] }
            blocks.append(.table(header: ["Tender", "Supplier", "Rank", "Outcome"], rows: rows))
            for note in outcome.notes { blocks.append(.note(note)) }
        }
        return blocks
    }
}
