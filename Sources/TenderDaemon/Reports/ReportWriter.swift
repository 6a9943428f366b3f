import Foundation
import TenderScoring

/// The evaluation reports a buyer reads: `evaluation.json` (the full explanation), `evaluation.csv` (for
/// spreadsheets) and `evaluation.md` (readable). Pure: results in, bytes out; ``ReportBuilder/write(_:into:)`` writes them.
/// Add a report by adding a case to ``render(_:methodology:)``.
enum ReportWriter {
    static func render(_ result: EvaluationResult, methodology: Methodology) -> [ReportBuilder.File] {
        [
            ReportBuilder.File(name: "evaluation.json", bytes: result.json.canonicalBytes + [0x0A]),
            ReportBuilder.File(name: "evaluation.csv", bytes: Array(csv(result, methodology: methodology).utf8)),
            ReportBuilder.File(name: "evaluation.md", bytes: Array(markdown(result, methodology: methodology).utf8)),
        ]
    }

    static func csv(_ result: EvaluationResult, methodology: Methodology) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let places = result.rounding
        func fixed(_ value: Decimal?) -> String { value.map { DecimalText.published($0, places: places) } ?? "" }
        var lines = [
            (["rank", "tender", "supplier", "supplier_identifier", "status", "price"] + methodology.criteria.map(\.id)
                + ["total", "price_per_quality_point", "reasons"]).joined(separator: ",")
        ]
        for tender in result.tenders {
            var row = [
                tender.rank.map(String.init) ?? "", tender.key, tender.supplier.name, tender.supplier.identifier ?? "",
                tender.status.rawValue, DecimalText.exact(tender.price.total),
            ]
            row += methodology.criteria.map { fixed(tender.points($0.id)) }
            row += [fixed(tender.total), fixed(tender.pricePerQualityPoint), tender.reasons.joined(separator: "; ")]
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ result: EvaluationResult, methodology: Methodology) -> String {
        let places = result.rounding
        func fixed(_ value: Decimal?) -> String { value.map { DecimalText.published($0, places: places) } ?? "–" }
        let key = ProcurementKey(methodology.procurement)
        var lines = ["# \(methodology.procurement.title ?? methodology.id)", ""]
        lines.append("- Procurement: \(key) (\(methodology.procurement.buyer ?? "buyer not named"))")
        lines.append("- Methodology: \(methodology.id), \(result.method.rawValue); engine \(ScoringEngine.version)")
        lines.append("- Status: " + (result.isFinal ? "**final**" : "provisional — not final until every mark is in"))
        if let winner = result.winner, let tender = result.tender(winner) {
            lines.append("- Most advantageous tender: **\(winner)** (\(tender.supplier.name))")
        }
        lines += ["", "## Ranking", ""]
        let header =
            ["Rank", "Tender", "Supplier", "Status", "Price"] + methodology.criteria.map { "\($0.id) (\($0.weight))" }
            + ["Total"]
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: header.count))
        for tender in result.tenders {
            let row =
                [
                    tender.rank.map(String.init) ?? "–", tender.key, tender.supplier.name, tender.status.rawValue,
                    Money.grouped(tender.price.total),
                ] + methodology.criteria.map { fixed(tender.points($0.id)) } + [fixed(tender.total)]
            lines.append(
                "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        let unranked = result.tenders.filter { $0.rank == nil }
        if !unranked.isEmpty {
            lines += ["", "## Not ranked", ""]
            lines += unranked.map { "- **\($0.key)** (\($0.status.rawValue)): \($0.reasons.joined(separator: "; "))" }
        }
        if !result.flags.isEmpty {
            lines += ["", "## Flags (advisory)", ""]
            for flag in result.flags {
                lines.append("- [\(flag.kind)] \(flag.tender.map { "\($0): " } ?? "")\(flag.message)")
                if let action = flag.action { lines.append("  - Next step: \(action)") }
            }
        }
        if !result.missingMarks.isEmpty {
            lines += ["", "## Missing marks", ""]
            lines += result.missingMarks.map { "- \($0.tender) \($0.question): \($0.needed)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
