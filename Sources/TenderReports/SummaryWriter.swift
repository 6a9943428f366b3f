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

    var places: Int { result.rounding }
    var winner: TenderResult? { result.winner.flatMap { result.tender($0) } }
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
                    "DRAFT — the evaluation is not final (marks are missing or a tender could not be scored). "
                        + "Do not send."))
        }
        blocks.append(.list(header().map { "\($0[0]): \($0[1])" }))
        switch kind {
        case .successful, .unsuccessful:
            blocks += outcome(kind)
            blocks.append(.heading(2, "How tenders were assessed"))
            blocks.append(.paragraph(MethodologyText.method(methodology)))
            blocks.append(MethodologyText.summaryTable(methodology))
            blocks.append(.paragraph(fullMethodologyPointer()))
            blocks.append(.heading(2, "Your scores"))
            blocks += methodology.criteria.flatMap(criterionBlocks)
            blocks.append(
                .paragraph(
                    "Total: \(Figures.points(tender.total, places: places, in: .document)) of "
                        + "\(Figures.weight(maximum)) points."))
            if kind == .unsuccessful { blocks += whyNotAwarded() }
        case .disqualificationNotice:
            blocks += disqualification()
        case .lateNotice:
            blocks.append(.heading(2, "Your tender was not assessed"))
            blocks.append(.paragraph(tender.reasons.joined(separator: "; ") + "."))
        }
        return blocks
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

    private func fullMethodologyPointer() -> String {
        var text = "The full assessment methodology is in the tender documents (methodology \(methodology.id)"
        if let digest = context.rulesetDigest { text += ", rule set SHA-256 \(digest)" }
        return text + ")."
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

    private func questionRow(_ question: QuestionResult, part: CriterionPart) -> [String] {
        var mark = question.mark.map(DecimalText.exact) ?? "not yet marked"
        if case .marks(let rule) = part.kind, question.mark != nil {
            mark += " of \(DecimalText.exact(rule.scale.max))"
        }
        if let label = question.label { mark += " (\(label))" }
        if let minimum = question.minimum {
            mark += question.belowMinimum ? "; below the minimum \(minimum)" : "; minimum \(minimum)"
        }
        let reasons = question.reasons.isEmpty ? "—" : question.reasons.joined(separator: " ")
        return [
            question.id + (question.title.map { " \($0)" } ?? ""), Figures.weight(question.weight), mark, reasons,
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
        blocks += alsoRecorded()
        return blocks
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
        let reasons =
            gates.map { GateWording($0, methodology: methodology).supplierSentence }
            + below.filter { onFail($0) == .disregard }.map(minimumSentence)
            + tender.reasons.filter { !explained.contains($0) }.map { $0 + "." }
        var blocks: [ReportBlock] = [
            .heading(2, "Your tender was disregarded"),
            .paragraph(
                "Your tender did not meet a condition published in the tender documents, so it was not assessed "
                    + "further and will not receive an assessment summary under s.50. The reasons:"),
            .list(reasons),
        ]
        if !below.isEmpty {
            blocks.append(
                .table(
                    header: ["Question", "Mark", "Minimum", "Reasons for the mark"],
                    rows: below.map { question in
                        [
                            question.id + (question.title.map { " \($0)" } ?? ""),
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
        let name = question.id + (question.title.map { " \($0)" } ?? "")
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
