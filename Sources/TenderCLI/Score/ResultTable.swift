import Foundation
import TenderScoring

/// The ranking as a plain-text table, followed by the reasons, flags and missing marks a buyer must see.
struct ResultTable {
    let result: EvaluationResult
    let methodology: Methodology

    /// The widest supplier name the table shows; longer names are cut at a word boundary and end with "…".
    static let supplierWidth = 28

    func render() -> String {
        var lines: [String] = []
        forEachLine { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// Gives the table's lines, without newlines, one at a time (``render()`` joins them; `tender score` writes each
    /// as it is given: a large procurement's table is megabytes, mostly flags, and is never held whole).
    func forEachLine(_ line: (String) -> Void) {
        let points: @Sendable (Decimal?) -> String = { [rounding = result.rounding] value in
            Figures.points(value, places: rounding, in: .terminal)
        }
        let missing = Figures.Medium.terminal.missing
        let info = methodology.procurement
        let title = info.title.map { " — \($0)" } ?? ""
        line("\(methodology.id)\(title)")
        let lot = info.lot.map { " lot \($0)" } ?? ""
        let state = result.isFinal ? "final" : "provisional (not final: see below)"
        line("procurement \(info.reference)\(lot) · \(result.method.rawValue) · \(state)")
        if let winner = result.winner, let tender = result.tender(winner) {
            line("most advantageous tender: \(winner) (\(tender.supplier.name))")
        }
        line("")
        // Requests to participate (a participation stage) carry no price.
        let priced = methodology.stage?.kind != .participation
        var header = ["rank", "tender", "supplier", "status"] + (priced ? ["price"] : [])
        header += methodology.criteria.map { "\($0.id) (\(Figures.weight($0.weight)))" }
        header.append("total")
        if result.method == .pricePerQualityPoint { header.append("price/point") }
        // A row per tender, on every core (a large procurement has thousands).
        let rows = ConcurrentMap.map(result.tenders.count) { index in
            let tender = result.tenders[index]
            var row =
                [
                    tender.rank.map(String.init) ?? missing, tender.key,
                    Figures.truncated(tender.supplier.name, to: Self.supplierWidth), tender.status.rawValue,
                ] + (priced ? [Figures.money(tender.price.total, currency: nil)] : [])
            row += methodology.criteria.map { points(tender.points($0.id)) }
            row.append(points(tender.total))
            if result.method == .pricePerQualityPoint { row.append(points(tender.pricePerQualityPoint)) }
            return row
        }
        Self.columns([header] + rows, line)
        let unranked = result.tenders.filter { $0.rank == nil }
        if !unranked.isEmpty {
            line("")
            line("Not ranked:")
            for tender in unranked {
                line("  \(tender.key) (\(tender.status.rawValue)): \(tender.reasons.joined(separator: "; "))")
            }
        }
        if !result.holds.isEmpty {
            line("")
            line("On hold (no most advantageous tender is named until the buyer records a decision):")
            for hold in result.holds { line("  " + DecisionWording.hold(hold)) }
        }
        if !result.decisions.isEmpty {
            line("")
            line("Decisions:")
            let currency = result.tenders.first?.price.currency ?? ""
            for record in result.decisions {
                let decision = record.decision
                let status = record.status == .inForce ? "" : " [\(record.status.rawValue)]"
                line(
                    "  \(record.tender ?? decision.tender) \(DecisionWording.headline(decision))\(status) — "
                        + "\(DecisionWording.byline(decision)); basis \(decision.basis)")
                for detail in DecisionWording.details(decision) { line("      \(detail)") }
                if let problem = record.problem { line("      not used: \(problem)") }
                if let effect = record.effect, let tender = record.tender {
                    line(
                        "      → "
                            + DecisionWording.effect(
                                effect, removed: tender, currency: currency, places: result.rounding))
                }
            }
        }
        if !result.flags.isEmpty {
            line("")
            line("Flags (advisory; never an exclusion by themselves):")
            for flag in result.flags {
                line("  [\(flag.kind)] \(flag.tender.map { "\($0): " } ?? "")\(flag.message)")
                if let action = flag.action { line("      → \(action)") }
            }
        }
        if !result.missingMarks.isEmpty {
            line("")
            line("Missing marks (the evaluation is not final until they arrive):")
            for missing in result.missingMarks {
                line("  \(missing.tender) \(missing.question): \(missing.needed)")
            }
        }
        if !result.rejectedMarks.isEmpty {
            line("")
            line("Marks not used:")
            for rejected in result.rejectedMarks {
                let place = rejected.location.map { "\($0): " } ?? ""
                line("  \(place)\(rejected.evaluator) for \(rejected.tender): \(rejected.reason)")
            }
        }
    }

    /// The rows as lines of aligned columns: the first four left-aligned, the rest right-aligned, two spaces apart,
    /// with no whitespace at either end of a line. Made on every core, a block of rows at a time.
    static func columns(_ rows: [[String]], _ line: (String) -> Void) {
        let counts = ConcurrentMap.map(rows.count) { rows[$0].map(\.count) }
        let widths = (0..<(rows.first?.count ?? 0)).map { column in counts.map { $0[column] }.max() ?? 0 }
        for block in stride(from: 0, to: rows.count, by: 4096) {
            let end = min(block + 4096, rows.count)
            let lines = ConcurrentMap.map(end - block) { offset in
                let index = block + offset
                let text = zip(rows[index], zip(counts[index], widths)).enumerated().map { column, cell in
                    let (text, (count, width)) = cell
                    let padding = String(repeating: " ", count: width - count)
                    return column >= 4 ? padding + text : text + padding
                }.joined(separator: "  ")
                return trimmed(text)
            }
            lines.forEach(line)
        }
    }

    /// `line` without the whitespace (`CharacterSet.whitespaces`) at either end, looking only at the ends.
    static func trimmed(_ line: String) -> String {
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !CharacterSet.whitespaces.contains($0) }),
            let last = scalars.lastIndex(where: { !CharacterSet.whitespaces.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
