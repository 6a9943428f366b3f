import TenderScoring

/// One supplier's assessment summary across every lot of a lotted procurement it tendered for (s.50(3), reg.31):
/// what it is awarded and, lot by lot, why, with the lot's own summary (its scores and reasons, and the awarded
/// tender's) as the letter for one lot gives it. A lot the limit gave to another tender says so, and why.
struct LotSummary {
    var supplier: Supplier
    var title: String
    var blocks: [ReportBlock]

    /// A summary for every supplier with a tender in any lot (superseded versions aside), by identifier or name.
    static func all(award: LotAward, methodology: Methodology, lots: [LotReportSet.Lot], context: ReportContext)
        throws(ReportError) -> [LotSummary]
    {
        let standstillEnd = try context.standstillEnd()
        var suppliers: [String: Supplier] = [:]
        for lot in lots {
            for tender in lot.result.tenders where tender.status != .superseded {
                suppliers[tender.supplier.identity] = suppliers[tender.supplier.identity] ?? tender.supplier
            }
        }
        return suppliers.keys.sorted().map { identity in
            summary(
                suppliers[identity]!, award: award, methodology: methodology, lots: lots, context: context,
                standstillEnd: standstillEnd)
        }
    }

    static func summary(
        _ supplier: Supplier, award: LotAward, methodology: Methodology, lots: [LotReportSet.Lot],
        context: ReportContext, standstillEnd: CalendarDate?
    ) -> LotSummary {
        let places = methodology.evaluation.rounding
        let title = "Assessment summary: \(supplier.name), \(MethodologyText.title(methodology.procurement))"
        var blocks: [ReportBlock] = [.heading(1, title)]
        if !award.isFinal {
            blocks.append(
                .note(
                    "DRAFT — the award across lots is not final (a lot's evaluation is not final yet). Do not send."))
        }
        let awarded = award.lots(awardedTo: supplier.identity)
        blocks.append(
            .paragraph(
                awarded.isEmpty
                    ? "You are not awarded any lot of this procurement."
                    : "The authority intends to award you \(awarded.count == 1 ? "lot" : "lots") "
                        + "\(awarded.joined(separator: ", ")) after the standstill period."
                        + (standstillEnd.map {
                            " The mandatory standstill period (s.51) ends at midnight at the end of \($0.longText)."
                        } ?? "")))
        var rows: [[String]] = []
        var sections: [ReportBlock] = []
        for lot in lots {
            guard let id = lot.result.lot, let line = award.lot(id),
                let tender = lot.result.tenders.first(where: {
                    $0.supplier.identity == supplier.identity && $0.status != .superseded
                })
            else { continue }
            let outcome: String
            if line.awarded == tender.key {
                outcome = line.moved ? "awarded (the limit moved the lot to you: \(line.reason))" : "awarded"
            } else if line.moved, line.firstRanked == tender.key {
                outcome = "ranked first, not awarded: \(line.reason)"
            } else if tender.rank != nil {
                outcome = "not awarded: the lot is awarded to \(line.awardedSupplier?.name ?? "no one")"
            } else {
                outcome = "\(tender.status.rawValue): " + tender.reasons.joined(separator: "; ")
            }
            rows.append([
                id, tender.key, tender.status.rawValue, tender.rank.map(String.init) ?? "—",
                Figures.points(tender.total, places: places, in: .document), outcome,
            ])
            // The lot's letter, with the awarded tender as the lot's most advantageous one.
            var result = lot.result
            if award.isFinal { result.winner = line.awarded }
            guard
                let letter = AssessmentSummary(
                    tender: tender, result: result, methodology: lot.methodology,
                    submission: lot.submissions.first { $0.documentID == tender.documentID }, context: context,
                    standstillEnd: standstillEnd)
            else { continue }
            let name = methodology.lotting?.lot(id)?.title.map { "Lot \(id): \($0)" } ?? "Lot \(id)"
            sections.append(.heading(2, name))
            for block in letter.blocks.dropFirst() {
                switch block {
                case .heading(let level, let text): sections.append(.heading(level + 1, text))
                case .note: continue
                default: sections.append(block)
                }
            }
        }
        blocks.append(.heading(2, "Your tenders, lot by lot"))
        blocks.append(.table(header: ["Lot", "Tender", "Status", "Rank", "Total", "Outcome"], rows: rows))
        return LotSummary(supplier: supplier, title: title, blocks: blocks + sections)
    }
}
