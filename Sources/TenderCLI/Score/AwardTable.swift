import Foundation
import TenderScoring

/// The award across the lots of a lotted procurement as a plain-text table: who is awarded which lot, whether the
/// limit moved it, and why.
struct AwardTable {
    let award: LotAward
    let rounding: Int

    func render() -> String {
        var lines: [String] = []
        let limit = award.maxAwarded.map { "at most \($0) lot\($0 == 1 ? "" : "s") a supplier, " } ?? "no limit, "
        let state = award.isFinal ? "final" : "provisional (not final: a lot's evaluation is not final)"
        lines.append(
            "award across lots · \(limit)\(award.mechanism.rawValue) · order \(award.order.joined(separator: ", ")) "
                + "(\(award.orderRule)) · \(state)")
        var rows = [["lot", "awarded", "supplier", "rank", "total", "moved"]]
        for line in award.lots {
            rows.append([
                line.lot, line.awarded ?? "unawarded",
                Figures.truncated(line.awardedSupplier?.name ?? "-", to: ResultTable.supplierWidth),
                line.awardedRank.map(String.init) ?? "-",
                Figures.points(line.awardedTotal, places: rounding, in: .terminal),
                line.moved ? "from \(line.firstRanked ?? "-")" : "",
            ])
        }
        ResultTable.columns(rows) { lines.append($0) }
        if let total = award.weightedTotal {
            lines.append("sum of weighted totals: \(DecimalText.published(total, places: rounding))")
        }
        lines.append("")
        for line in award.lots { lines.append("  lot \(line.lot): \(line.reason)") }
        lines.append("")
        if award.effects.isEmpty {
            lines.append("Removing any one tender from its lot would change no lot's award.")
        } else {
            lines.append(
                "Tenders whose removal from their lot would change an award (removing any other changes none):")
            for effect in award.effects {
                let changes = effect.changes.map { "lot \($0.lot) \($0.from ?? "unawarded") → \($0.to ?? "unawarded")" }
                lines.append(
                    "  \(effect.tender) (\(effect.supplier.name)) from lot \(effect.lot): "
                        + changes.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
