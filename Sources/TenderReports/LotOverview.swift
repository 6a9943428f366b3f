import TenderScoring

/// The overview of a lotted procurement's award, for people: who is awarded which lot, where the limit on lots one
/// supplier may be awarded moved an award (from whom, to whom, why), each lot's ranking at the top, and the
/// cross-lot effect of removing any one tender.
struct LotOverview {
    let award: LotAward
    let methodology: Methodology
    let lots: [LotReportSet.Lot]
    let context: ReportContext

    var title: String { "Award across lots: \(MethodologyText.title(methodology.procurement))" }

    var places: Int { methodology.evaluation.rounding }

    var blocks: [ReportBlock] {
        let info = methodology.procurement
        var blocks: [ReportBlock] = [.heading(1, title)]
        if !award.isFinal {
            blocks.append(
                .note(
                    "PROVISIONAL — a lot's evaluation is not final (marks are missing or a decision holds it): the "
                        + "award across lots can still change."))
        }
        let limits = methodology.lotting?.limits ?? .none
        var rules = "Procurement \(info.reference) is divided into \(lots.count) lots. "
        rules += limits.maxTendered.map { "A supplier may tender for at most \($0) lots. " } ?? ""
        if let maximum = limits.maxAwarded {
            rules +=
                "A supplier may be awarded at most \(maximum) \(maximum == 1 ? "lot" : "lots"); when the award "
                + "criteria would give one more, the published mechanism decides: "
                + (award.mechanism == .inOrder
                    ? "in-order (lots are awarded in the order \(award.order.joined(separator: ", ")), "
                        + "\(award.orderRule); a supplier that already holds the maximum is passed over for the "
                        + "next-ranked eligible tender)."
                    : "best-combination (the assignment within the limit with the largest sum of the awarded "
                        + "tenders' totals, each times its lot's award weight; ties broken by the order "
                        + "\(award.order.joined(separator: ", ")))."
                        + (award.weightedTotal.map {
                            " The combination chosen sums to \(DecimalText.published($0, places: places))."
                        } ?? ""))
        } else {
            rules +=
                "There is no limit on the lots one supplier may be awarded: each lot goes to its first-ranked tender."
        }
        blocks.append(.paragraph(rules))
        blocks.append(.heading(2, "Who is awarded which lot"))
        let rows = award.lots.map { line -> [String] in
            let title = methodology.lotting?.lot(line.lot)?.title ?? ""
            return [
                line.lot + (title.isEmpty ? "" : " (\(title))"),
                line.awarded.map { "\($0) (\(line.awardedSupplier?.name ?? ""))" } ?? "unawarded",
                line.awardedRank.map(String.init) ?? "—",
                Figures.points(line.awardedTotal, places: places, in: .document),
                line.moved ? "moved from \(line.firstRanked ?? "—") (\(line.firstSupplier?.name ?? ""))" : "no",
            ]
        }
        blocks.append(.table(header: ["Lot", "Awarded to", "Rank in lot", "Total", "Moved by the limit"], rows: rows))
        blocks.append(.list(award.lots.map { "Lot \($0.lot): \($0.reason)." }))
        blocks.append(.heading(2, "Each lot's ranking"))
        for lot in lots {
            guard let id = lot.result.lot else { continue }
            let ranked = lot.result.tenders.filter { $0.rank != nil }.prefix(5).map { tender in
                "\(tender.rank!). \(tender.key) \(tender.supplier.name): "
                    + Figures.points(tender.total, places: places, in: .document)
            }
            let others = lot.result.tenders.filter { $0.rank == nil }.map { "\($0.key) (\($0.status.rawValue))" }
            var text = "Lot \(id): " + (ranked.isEmpty ? "no ranked tender" : ranked.joined(separator: "; "))
            if !others.isEmpty { text += ". Not ranked: " + others.joined(separator: ", ") }
            blocks.append(
                .paragraph(text + ". Full report: ../\(Self.folder(info.reference, lot: id))/evaluation.html."))
        }
        blocks.append(.heading(2, "The cross-lot effect of removing any one tender"))
        if award.effects.isEmpty {
            blocks.append(.paragraph("Removing any one tender from its lot would change no lot's award."))
        } else {
            blocks.append(
                .table(
                    header: ["Tender removed", "From lot", "Lots whose award would change"],
                    rows: award.effects.map { effect in
                        [
                            "\(effect.tender) (\(effect.supplier.name))", effect.lot,
                            effect.changes.map { "lot \($0.lot): \($0.from ?? "unawarded") → \($0.to ?? "unawarded")" }
                                .joined(separator: "; "),
                        ]
                    }))
            blocks.append(
                .paragraph(
                    "Removing any other tender would change no lot's award. Under a limit, a tender can decide the "
                        + "award of a lot it did not win: check these tenders' gates, marks and decisions with care."))
        }
        var reference = "Recorded in the score ledger"
        if let ledger = context.ledger { reference += " as entry \(ledger.sequence) (lots-awarded)" }
        if let digest = context.rulesetDigest { reference += ", rule set SHA-256 \(digest)" }
        blocks.append(.paragraph(reference + "."))
        return blocks
    }

    /// A lot's reports folder, as the daemon names it (`<reference>-lot-<lot>`, unsafe characters as `_`).
    static func folder(_ reference: String, lot: String) -> String {
        String("\(reference)-lot-\(lot)".map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }
}
