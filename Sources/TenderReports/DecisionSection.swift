import Foundation
import TenderScoring

/// The award path as the reports show it: what holds the award, every decision with who took it, when, on what
/// basis and why, what it changed, and the moderation record (each evaluator's mark against the moderated one, and
/// marks changed after a clarification). The evaluation report and `evaluation.md` both use it.
enum DecisionSection {
    static func blocks(_ result: EvaluationResult, methodology: Methodology, ledger: LedgerReference?)
        -> [ReportBlock]
    {
        holds(result) + decisions(result, methodology: methodology, ledger: ledger) + moderation(result)
    }

    static func holds(_ result: EvaluationResult) -> [ReportBlock] {
        guard !result.holds.isEmpty else { return [] }
        return [
            .heading(2, "On hold"),
            .paragraph(
                "No most advantageous tender is named while these are open: the methodology holds the award until "
                    + "the buyer records a decision."),
            .table(
                header: ["Tender", "Hold", "Check or gate", "Since", "Deadline", "What is open"],
                rows: result.holds.map {
                    [
                        $0.tender, $0.kind.rawValue, $0.check, $0.since.map { String($0.prefix(10)) } ?? "—",
                        $0.deadline ?? "—", $0.message,
                    ]
                }),
        ]
    }

    static func decisions(_ result: EvaluationResult, methodology: Methodology, ledger: LedgerReference?)
        -> [ReportBlock]
    {
        guard !result.decisions.isEmpty else { return [] }
        let currency = methodology.procurement.currency
        var blocks: [ReportBlock] = [
            .heading(2, "Decisions"),
            .table(
                header: ["Tender", "Decision", "Status", "Who", "When", "Basis", "Reasons", "Ledger"],
                rows: result.decisions.map { record in
                    let decision = record.decision
                    var status = record.status.rawValue
                    if let later = record.supersededBy { status += " by \(DecisionWording.short(later))" }
                    if let problem = record.problem { status += ": \(problem)" }
                    let entry = ledger?.decisions[decision.documentID].map { "entry #\($0), " } ?? ""
                    return [
                        record.tender ?? decision.tender, DecisionWording.headline(decision), status,
                        "\(decision.decidedBy.id) (\(decision.decidedBy.role))",
                        String(decision.decidedAt.description.prefix(10)),
                        "\(decision.basis) [\(DecisionWording.law(decision.kind))]", decision.reasons,
                        entry + "document \(DecisionWording.short(decision.documentID))",
                    ]
                }),
        ]
        var details: [String] = []
        for record in result.decisions {
            let decision = record.decision
            let tender = record.tender ?? decision.tender
            for line in DecisionWording.details(decision) {
                details.append("\(tender), \(DecisionWording.headline(decision)): \(line)")
            }
            if let effect = record.effect, let removed = record.tender {
                details.append(
                    "\(tender), \(DecisionWording.headline(decision)): "
                        + DecisionWording.effect(effect, removed: removed, currency: currency, places: result.rounding)
                )
            }
        }
        if !details.isEmpty { blocks.append(.list(details)) }
        return blocks
    }

    /// For auditors: per tender and question marked by evaluators, each evaluator's mark, the moderated mark, the
    /// change and the panel's reason; then marks that later documents changed, with the clarification they name.
    static func moderation(_ result: EvaluationResult) -> [ReportBlock] {
        var rows: [[String]] = []
        for tender in result.tenders {
            for question in tender.criteria.flatMap(\.parts).flatMap(\.questions) where !question.evaluatorMarks.isEmpty
            {
                let moderated = question.mark
                for mark in question.evaluatorMarks.sorted(by: { $0.evaluator < $1.evaluator }) {
                    let change = moderated.map { $0 - mark.mark.mark }
                    rows.append([
                        tender.key, question.id, mark.evaluator, DecimalText.exact(mark.mark.mark),
                        moderated.map(DecimalText.exact) ?? "—",
                        change.map { ($0 > 0 ? "+" : "") + DecimalText.exact($0) } ?? "—",
                        question.reasons.joined(separator: " "),
                    ])
                }
            }
        }
        var blocks: [ReportBlock] = []
        if !rows.isEmpty {
            blocks.append(.heading(2, "Moderation record"))
            blocks.append(
                .table(
                    header: [
                        "Tender", "Question", "Evaluator", "Evaluator's mark", "Moderated mark", "Change", "Reason",
                    ],
                    rows: rows))
        }
        if !result.markChanges.isEmpty {
            blocks.append(.heading(2, "Marks changed after they were first given"))
            blocks.append(
                .table(
                    header: [
                        "Tender", "Question", "Evaluator", "From", "To", "After clarification", "Marks document",
                        "Reason",
                    ],
                    rows: result.markChanges.map {
                        [
                            $0.tender, $0.question, $0.evaluator, DecimalText.exact($0.from), DecimalText.exact($0.to),
                            $0.clarification ?? "none named", DecisionWording.short($0.document), $0.reason ?? "—",
                        ]
                    }))
        }
        return blocks
    }
}
