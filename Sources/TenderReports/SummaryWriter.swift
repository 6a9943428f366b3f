import Foundation
import TenderScoring

/// Writes the blocks of one tender's assessment summary or notice. Reads the tender's own result in full,
/// and of the other tenders only the winner's name and points.
struct SummaryWriter {
    let tender: TenderResult
    let result: EvaluationResult
    let methodology: Methodology
    let submission: Submission?
    let context: ReportContext
    let standstillEnd: CalendarDate?
    /// Why a stage of a procedure with stages did not take the supplier forward (its notices only).
    var stageReason: String?
    /// The methodology in brief (``brief(_:context:)``), the same in every letter of an evaluation.
    let brief: [ReportBlock]
    /// The most advantageous tender's result, if the evaluation names one.
    let winner: TenderResult?

    var places: Int { result.rounding }
    var maximum: Decimal { methodology.criteria.map(\.weight).reduce(0, +) }

    func title(_ kind: AssessmentSummary.Kind) -> String {
        let what = kind == .successful || kind == .unsuccessful ? "Assessment summary" : "Notice"
        return "\(what): \(tender.supplier.name), \(MethodologyText.title(methodology.procurement))"
    }

    func blocks(_ kind: AssessmentSummary.Kind) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(1, title(kind))]
        if !result.isFinal {
            blocks.append(
                .note(
                    "DRAFT — the evaluation is not final (marks are missing, a tender could not be scored or a "
                        + "decision holds the award). Do not send."))
        }
        blocks.append(.list(header().map { "\($0[0]): \($0[1])" }))
        switch kind {
        case .successful, .unsuccessful:
            blocks += outcome(kind)
            blocks += scores(heading: "How tenders were assessed")
            if kind == .unsuccessful { blocks += whyNotAwarded() }
        case .stageNotice:
            blocks += stageOutcome()
            blocks += scores(heading: "How requests or tenders were assessed at this stage")
        case .disqualificationNotice:
            blocks += disqualification()
            blocks += stageOutcome()
        case .lateNotice, .notAssessedNotice:
            blocks.append(.heading(2, "Your tender was not assessed"))
            blocks.append(.paragraph(tender.reasons.joined(separator: "; ") + "."))
            blocks += stageOutcome()
        }
        return blocks
    }

    /// How tenders were assessed (the methodology in brief) and this tender's scores, criterion by criterion.
    private func scores(heading: String) -> [ReportBlock] {
        [.heading(2, heading)] + brief + [.heading(2, "Your scores")]
            + methodology.criteria.flatMap(criterionBlocks) + [
                .paragraph(
                    "Total: \(Figures.points(tender.total, places: places, in: .document)) of "
                        + "\(Figures.weight(maximum)) points.")
            ]
    }

    /// The outcome at a stage of a procedure with stages, for a supplier it does not take forward.
    private func stageOutcome() -> [ReportBlock] {
        guard let stage = methodology.stage, let reason = stageReason, let progression = stage.progression else {
            return []
        }
        return [
            .heading(2, "Outcome at \(stage.label)" + (stage.title.map { ": \($0)" } ?? "")),
            .paragraph(
                "You were \(reason). The published rule: \(progression.description). A supplier not taken forward "
                    + "is not invited to the later stages of this competitive flexible procedure and cannot be "
                    + "readmitted (Procurement Act 2023 s.20)."),
        ]
    }

    private func header() -> [[String]] {
        var rows = [
            [
                "Procurement",
                "\(MethodologyText.title(methodology.procurement)) (\(methodology.procurement.reference))",
            ],
            ["Contracting authority", methodology.procurement.buyer ?? "—"],
            ["Supplier", tender.supplier.name],
            ["Supplier identifier", tender.supplier.identifier ?? "—"],
        ]
        if let address = submission?.content.value(at: "supplier.address").map(Self.flatten), !address.isEmpty {
            rows.append(["Supplier address", address])
        }
        rows.append(["Tender", tender.key])
        return rows
    }

    private func outcome(_ kind: AssessmentSummary.Kind) -> [ReportBlock] {
        var text: String
        if kind == .successful {
            text =
                "Your tender is the most advantageous tender. The authority intends to award the contract to you "
                + "after the standstill period."
        } else {
            text = "Your tender was assessed and was not the most advantageous tender."
            if let winner {
                text += " The contract is to be awarded to \(winner.supplier.name)."
            }
        }
        if let standstillEnd {
            text +=
                " The mandatory standstill period (s.51: 8 working days after the contract details notice) ends at "
                + "midnight at the end of \(standstillEnd.longText)."
        }
        return [.heading(2, "Outcome"), .paragraph(text)]
    }

    /// How tenders were assessed, in brief: the method, the criteria with their weights and how each is scored, and
    /// where the full methodology is.
    static func brief(_ methodology: Methodology, context: ReportContext) -> [ReportBlock] {
        var pointer = "The full assessment methodology is in the tender documents (methodology \(methodology.id)"
        if let digest = context.rulesetDigest { pointer += ", rule set SHA-256 \(digest)" }
        return [
            .paragraph(MethodologyText.method(methodology)), MethodologyText.summaryTable(methodology),
            .paragraph(pointer + ")."),
        ]
    }

    /// One criterion of this tender: points, the explanation and how each sub-criterion was assessed.
    private func criterionBlocks(_ criterion: Criterion) -> [ReportBlock] {
        guard let scored = tender.criteria.first(where: { $0.id == criterion.id }) else { return [] }
        let name = criterion.title ?? criterion.id
        var blocks: [ReportBlock] = [
            .heading(
                3,
                "\(name) (weight \(Figures.weight(criterion.weight))%): "
                    + "\(Figures.points(scored.points, places: places, in: .document)) of "
                    + "\(Figures.weight(criterion.weight)) points"
            )
        ]
        blocks.append(.paragraph("Explanation: " + explanation(scored, criterion: criterion) + "."))
        if scored.parts.count > 1 {
            blocks.append(
                .table(
                    header: ["Part", "Share", "Score (0–1)", "How it was assessed"],
                    rows: zip(criterion.parts, scored.parts).map { part, result in
                        [
                            MethodologyText.partLabel(part), Figures.weight(result.weight),
                            result.fraction.map(Money.fraction) ?? "—", partReason(result),
                        ]
                    }))
        }
        let questions = zip(criterion.parts, scored.parts).flatMap { part, result in
            result.questions.map { (part, $0) }
        }
        if !questions.isEmpty {
            blocks.append(
                .table(
                    header: ["Sub-criterion", "Weight", "Mark", "Reasons for the mark"],
                    rows: questions.map { part, question in questionRow(question, part: part) }))
        }
        return blocks
    }

    /// A question as the tender documents name it: `Q1 Delivery programme`.
    static func name(_ question: QuestionResult) -> String {
        question.id + (question.title.map { " \($0)" } ?? "")
    }

    /// A question's mark against its scale: `4 of 5 (Good)`, or `missing` when it has none.
    static func markText(_ question: QuestionResult, part: CriterionPart, missing: String) -> String {
        var mark = question.mark.map(DecimalText.exact) ?? missing
        if case .marks(let rule) = part.kind, question.mark != nil {
            mark += " of \(DecimalText.exact(rule.scale.max))"
        }
        if let label = question.label { mark += " (\(label))" }
        return mark
    }

    private func questionRow(_ question: QuestionResult, part: CriterionPart) -> [String] {
        var mark = Self.markText(question, part: part, missing: "not yet marked")
        if let minimum = question.minimum {
            mark += question.belowMinimum ? "; below the minimum \(minimum)" : "; minimum \(minimum)"
        }
        let reasons = question.reasons.isEmpty ? "—" : question.reasons.joined(separator: " ")
        return [
            Self.name(question), Figures.weight(question.weight), mark, reasons,
        ]
    }

    /// The criterion's explanation, with other tenders' prices left out.
    private func explanation(_ scored: CriterionResult, criterion: Criterion) -> String {
        guard scored.parts.contains(where: { $0.kind == "price" }) else { return scored.reason }
        var text = scored.parts.count == 1 ? partReason(scored.parts[0]) : "parts combined by weight"
        if let fraction = scored.fraction, let points = scored.points {
            text +=
                "; \(Figures.weight(criterion.weight)) × \(Money.fraction(fraction)) = "
                + "\(Figures.points(points, places: places, in: .document)) points"
        }
        return text
    }

    /// A part's explanation; a relative price part names only this tender's own price.
    private func partReason(_ part: PartResult) -> String {
        guard part.kind == "price", part.inputs["lowest_price"] != nil else { return part.reason }
        let formula = part.inputs["formula"]?.stringValue ?? "price"
        let own = Figures.money(tender.price.total, currency: tender.price.currency)
        let score = part.fraction.map { " = \(Money.fraction($0))" } ?? ""
        return "your price \(own) scored by the \(formula) formula against the lowest price of the tenders not "
            + "disregarded\(score)"
    }

    /// Why an assessed tender did not win: the winner's name and points per criterion (reg.31(3)).
    private func whyNotAwarded() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(2, "Why your tender was not successful")]
        guard let winner else {
            blocks.append(.paragraph("The most advantageous tender has not been determined yet."))
            return blocks
        }
        blocks.append(
            .paragraph(
                "\(winner.supplier.name) scored \(Figures.points(winner.total, places: places, in: .document)) "
                    + "points; your tender scored \(Figures.points(tender.total, places: places, in: .document)). The "
                    + "table shows where the points were lost; the reasons for each of your marks are given above."))
        blocks.append(
            .table(
                header: ["Criterion", "Weight", "Your points", "Winner's points", "Difference"],
                rows: methodology.criteria.map { criterion in
                    let own = tender.points(criterion.id)
                    let theirs = winner.points(criterion.id)
                    let difference = own.flatMap { a in theirs.map { a - $0 } }
                    return [
                        criterion.title ?? criterion.id, Figures.weight(criterion.weight) + "%",
                        Figures.points(own, places: places, in: .document),
                        Figures.points(theirs, places: places, in: .document),
                        difference.map { ($0 > 0 ? "+" : "") + Figures.points($0, places: places, in: .document) }
                            ?? "—",
                    ]
                }))
        blocks += winnersScores(winner)
        blocks += alsoRecorded()
        return blocks
    }

    /// The most advantageous tender's score on each criterion with its explanation (reg.31(3)): marks with their
    /// reasons, which refer to the winning tender's content; its price is not given (it is commercially sensitive
    /// until the contract details are published), only how price was scored.
    private func winnersScores(_ winner: TenderResult) -> [ReportBlock] {
        let items = methodology.criteria.compactMap { criterion -> String? in
            guard let scored = winner.criteria.first(where: { $0.id == criterion.id }) else { return nil }
            let explanations = zip(criterion.parts, scored.parts).map { part, result -> String in
                if result.kind == "price" {
                    let formula = result.inputs["formula"]?.stringValue ?? "price"
                    return Self.sentence(
                        "Price was scored by the \(formula) formula"
                            + (result.inputs["lowest_price"] != nil
                                ? " against the lowest price of the tenders not disregarded" : ""))
                }
                guard !result.questions.isEmpty else { return Self.sentence(result.reason) }
                return result.questions.map { question in
                    let mark = Self.markText(question, part: part, missing: "not marked")
                    let reasons = question.reasons.joined(separator: " ")
                    return Self.sentence(
                        "\(Self.name(question)): \(mark)" + (reasons.isEmpty ? "" : " — \(reasons)"))
                }.joined(separator: " ")
            }
            return "\(criterion.title ?? criterion.id) (weight \(Figures.weight(criterion.weight))%): "
                + "\(Figures.points(scored.points, places: places, in: .document)) of "
                + "\(Figures.weight(criterion.weight)) points. " + explanations.joined(separator: " ")
        }
        return [
            .heading(2, "How the most advantageous tender was scored"),
            .paragraph(
                "For each criterion, \(winner.supplier.name)'s score and the reasons for it, by reference to its "
                    + "tender:"),
            .list(items),
        ]
    }

    /// Text ending in a full stop.
    static func sentence(_ text: String) -> String {
        text.hasSuffix(".") ? text : text + "."
    }

    /// A `YYYY-MM-DD` date in words (`Wednesday 2 December 2026`).
    static func longDate(_ iso: String) -> String {
        CalendarDate(iso: iso)?.longText ?? iso
    }

    /// The buyer's decision that took this tender out, if one did.
    private var decision: DecisionRecord? {
        result.decisions.first { $0.tender == tender.key && $0.status == .inForce && $0.decision.removesTender }
    }

    /// The decision that took the tender out, in plain words for the supplier.
    private func decisionSentence(_ record: DecisionRecord) -> String {
        let decision = record.decision
        let on = Self.longDate(String(decision.decidedAt.description.prefix(10)))
        switch decision.kind {
        case .abnormallyLow(let procedure):
            var text =
                "On \(on) the authority disregarded your tender because it considers your price abnormally low "
                + "(Procurement Act 2023 s.19(3)(c))."
            if let notified = procedure.notifiedOn, let deadline = procedure.responseDeadline {
                text +=
                    " It told you on \(Self.longDate(notified)) that your price appeared abnormally low and gave "
                    + "you until \(Self.longDate(deadline)) to show that you could perform the contract for that price (s.19(4)); "
                    + (procedure.response != nil
                        ? "it considered your response." : "it received no response by that date.")
            }
            return text + " Its reasons: \(decision.reasons)"
        case .flagGate(let gate, _):
            let title = methodology.gates.first { $0.id == gate }?.title ?? gate
            return "On \(on) the authority decided to disregard your tender because it did not meet the condition "
                + "'\(title)', which the tender documents leave to the authority's decision (Procurement Act 2023 "
                + "s.19(3)). Its reasons: \(decision.reasons)"
        case .exclusion(let ground, _):
            let grounds =
                ground == .mandatory
                ? "a mandatory exclusion ground (Procurement Act 2023 s.57 and Schedule 6) applies to you"
                : "a discretionary exclusion ground (Procurement Act 2023 s.57 and Schedule 7) applies to you and "
                    + "the authority decided to exclude you"
            return "On \(on) the authority excluded you from this procurement: \(grounds), so your tender was "
                + "disregarded. Basis: \(decision.basis). Its reasons: \(decision.reasons)"
        case .withdrawal, .clarification:
            return "Decision of \(on): \(decision.reasons)"
        }
    }

    /// A notice for a disregarded tender: why, in words written for the supplier, then the marks below a minimum.
    private func disqualification() -> [ReportBlock] {
        let below = tender.criteria.flatMap(\.parts).flatMap(\.questions).filter(\.belowMinimum)
        let gates = tender.gates.filter { !$0.passed && $0.onFail == .disregard }
        // The engine's own reasons for failed gates and minimums are replaced by the sentences; any other reason
        // (for example no quality points under price per quality point) is given as recorded.
        let explained = tender.reasons.filter { reason in
            reason.hasPrefix("failed gate '") || below.contains { reason.hasPrefix("\($0.id) moderated mark ") }
        }
        // A decision's reason is given as the decision's own sentence, not as the engine recorded it.
        let decided = decision
        let reasons =
            (decided.map { [decisionSentence($0)] } ?? [])
            + gates.map { GateWording($0, methodology: methodology).supplierSentence }
            + below.filter { onFail($0) == .disregard }.map(minimumSentence)
            + tender.reasons.filter { reason in
                !explained.contains(reason) && !(decided.map { reason.contains($0.decision.reasons) } ?? false)
            }.map { $0 + "." }
        let opening =
            decided == nil
            ? "Your tender did not meet a condition published in the tender documents, so it was not assessed "
                + "further and will not receive an assessment summary under s.50. The reasons:"
            : "The authority decided to take your tender out of the evaluation, so it will not receive an "
                + "assessment summary under s.50. The reasons:"
        var blocks: [ReportBlock] = [
            .heading(2, tender.status == .excluded ? "You were excluded" : "Your tender was disregarded"),
            .paragraph(opening),
            .list(reasons),
        ]
        if !below.isEmpty {
            blocks.append(
                .table(
                    header: ["Question", "Mark", "Minimum", "Reasons for the mark"],
                    rows: below.map { question in
                        [
                            Self.name(question),
                            question.mark.map(DecimalText.exact) ?? "—", question.minimum.map(DecimalText.exact) ?? "—",
                            question.reasons.joined(separator: " "),
                        ]
                    }))
        }
        blocks += alsoRecorded()
        return blocks
    }

    /// Failed gates and minimums whose declared consequence is a flag, in words written for the supplier.
    private func alsoRecorded() -> [ReportBlock] {
        let gates = tender.gates.filter { !$0.passed && $0.onFail == .flag }
        let below = tender.criteria.flatMap(\.parts).flatMap(\.questions).filter {
            $0.belowMinimum && onFail($0) == .flag
        }
        let sentences =
            gates.map { GateWording($0, methodology: methodology).supplierSentence } + below.map(minimumSentence)
        guard !sentences.isEmpty else { return [] }
        return [.paragraph("Also recorded for your tender:"), .list(sentences)]
    }

    /// A mark below a question's minimum, with the declared consequence, addressed to the supplier.
    private func minimumSentence(_ question: QuestionResult) -> String {
        let name = Self.name(question)
        let mark = question.mark.map(DecimalText.exact) ?? "not marked"
        let minimum = question.minimum.map(DecimalText.exact) ?? "—"
        let finding =
            "Your answer to \(name) was marked \(mark), below the minimum mark of \(minimum) set in the tender "
            + "documents"
        switch onFail(question) {
        case .disregard: return finding + ", so your tender was disregarded."
        case .flag:
            return finding + ". Under the tender documents this does not by itself disregard a tender: the authority "
                + "decides and records why."
        }
    }

    /// The declared consequence of a question's minimum (disregard unless the methodology says otherwise).
    private func onFail(_ question: QuestionResult) -> OnFail {
        methodology.questions.first { $0.question.id == question.id }?.question.onFail ?? .disregard
    }

    static func flatten(_ value: DocumentValue) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return DecimalText.exact(number)
        case .list(let items): return items.map(flatten).joined(separator: ", ")
        case .map(let members): return members.keys.sorted().map { flatten(members[$0]!) }.joined(separator: ", ")
        default: return ""
        }
    }
}
