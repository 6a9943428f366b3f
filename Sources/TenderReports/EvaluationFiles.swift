import Foundation
public import TenderScoring

/// The plain evaluation files: `evaluation.json` (the full explanation trace), `evaluation.csv` (for spreadsheets)
/// and `evaluation.md` (a readable summary). Pure: a result in, bytes out; the daemon writes them, for provisional
/// evaluations on their own and for final ones together with ``ReportSet``.
///
/// ```swift
/// for file in EvaluationFiles.render(result, methodology: methodology) { write(file.bytes, to: file.name) }
/// ```
public enum EvaluationFiles {
    /// The three files, sorted by name.
    ///
    /// - Parameter earlierStages: for a stage of a procedure with stages, the outcomes of the stages before it.
    public static func render(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome] = []
    ) -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = []
        render(result, methodology: methodology, earlierStages: earlierStages, into: { files.append(($0, $1)) })
        return files
    }

    /// The three files handed to `file` one at a time, in name order, each as soon as it is rendered.
    public static func render(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome] = [],
        into file: (_ name: String, _ bytes: [UInt8]) -> Void
    ) {
        render(
            result, methodology: methodology, earlierStages: earlierStages,
            intoPieces: { name, pieces in file(name, pieces.joined) })
    }

    /// The three files handed to `file` one at a time, in name order, each as soon as it is rendered, as pieces
    /// whose bytes one after another are the file's.
    ///
    /// - Parameter resultBytes: the result's canonical bytes when the caller has them already (the daemon's draft of
    ///   a small evaluation's ledger entry holds them); `evaluation.json` is those bytes and a newline, handed as two
    ///   pieces. Without them (the daemon spools a large result's bytes for its ledger entry), `evaluation.json` is
    ///   written from the result as the file is written, a megabyte at a time.
    public static func render(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome] = [],
        resultBytes: [UInt8]? = nil, intoPieces file: (_ name: String, _ pieces: FilePieces) -> Void
    ) {
        file("evaluation.csv", FilePieces([Array(csv(result, methodology: methodology).utf8)]))
        if let resultBytes {
            file("evaluation.json", FilePieces([resultBytes, [0x0A]]))
        } else {
            file(
                "evaluation.json",
                FilePieces { piece in
                    result.writeCanonicalBytes(to: piece)
                    piece([0x0A])
                })
        }
        file("evaluation.md", markdownPieces(result, methodology: methodology, earlierStages: earlierStages))
    }

    /// The column names of `evaluation.csv`: the tender's price is `price_total` and each criterion's points
    /// `<criterion id>_points`, so no criterion id (`price`, `total`, `status`…) can repeat another column.
    public static func csvHeader(_ methodology: Methodology) -> [String] {
        ["rank", "tender", "supplier", "supplier_identifier", "status", "price_total"]
            + methodology.criteria.map { "\($0.id)_points" } + ["total", "price_per_quality_point", "reasons"]
    }

    /// One row per tender; prices exact and unformatted, points at the evaluation's rounding, empty when missing.
    public static func csv(_ result: EvaluationResult, methodology: Methodology) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func points(_ value: Decimal?) -> String { Figures.points(value, places: result.rounding, in: .spreadsheet) }
        var lines = [csvHeader(methodology).map(field).joined(separator: ",")]
        for tender in result.tenders {
            var row = [
                tender.rank.map(String.init) ?? "", tender.key, tender.supplier.name, tender.supplier.identifier ?? "",
                tender.status.rawValue, DecimalText.exact(tender.price.total),
            ]
            row += methodology.criteria.map { points(tender.points($0.id)) }
            row += [points(tender.total), points(tender.pricePerQualityPoint), tender.reasons.joined(separator: "; ")]
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The ranking, the reasons for tenders not ranked, the flags with their next steps and any missing marks.
    public static func markdown(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome] = []
    ) -> String {
        var text = ""
        markdownLines(result, methodology: methodology, earlierStages: earlierStages) { text += $0 }
        return text
    }

    /// ``markdown(_:methodology:earlierStages:)`` as UTF-8 bytes in pieces of a megabyte or more, made as the file is
    /// written, each line as it is needed: the text of 10,000 tenders is never held as lines or as one string.
    static func markdownPieces(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome] = []
    ) -> FilePieces {
        FilePieces { piece in
            FilePieces.text(
                { add in markdownLines(result, methodology: methodology, earlierStages: earlierStages, add) },
                to: piece)
        }
    }

    /// The Markdown text, handed to `add` one line (and its newline) at a time.
    private static func markdownLines(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome],
        _ add: (String) -> Void
    ) {
        withoutActuallyEscaping(add) { add in
            markdownLines(result, methodology: methodology, earlierStages: earlierStages, into: Lines(add: add))
        }
    }

    private static func markdownLines(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome], into lines: Lines
    ) {
        var lines = lines
        let missing = Figures.Medium.document.missing
        func points(_ value: Decimal?) -> String { Figures.points(value, places: result.rounding, in: .document) }
        let procurement = methodology.procurement
        lines += ["# \(procurement.title ?? methodology.id)", ""]
        let reference = procurement.lot.map { "\(procurement.reference) lot \($0)" } ?? procurement.reference
        lines.append("- Procurement: \(reference) (\(procurement.buyer ?? "buyer not named"))")
        lines.append("- Methodology: \(methodology.id), \(result.method.rawValue); engine \(result.engine)")
        lines.append(
            "- Status: "
                + (result.isFinal
                    ? "**final**"
                    : result.holds.isEmpty
                        ? "provisional — not final until every mark is in"
                        : "provisional — on hold until the buyer decides (see On hold)"))
        if let winner = result.winner, let tender = result.tender(winner) {
            let label = methodology.lotting == nil ? "Most advantageous tender" : "First-ranked in the lot"
            lines.append("- \(label): **\(winner)** (\(tender.supplier.name))")
        }
        if let note = EvaluationReport.lotNote(methodology) { lines.append("- \(note)") }
        lines += ["", "## Ranking", ""]
        let header =
            ["Rank", "Tender", "Supplier", "Status", "Price"]
            + methodology.criteria.map { "\($0.id) (\(Figures.weight($0.weight)))" } + ["Total"]
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: header.count))
        for tender in result.tenders {
            let row =
                [
                    tender.rank.map(String.init) ?? missing, tender.key, tender.supplier.name, tender.status.rawValue,
                    Figures.money(tender.price.total, currency: nil),
                ] + methodology.criteria.map { points(tender.points($0.id)) } + [points(tender.total)]
            lines.append(
                "| "
                    + row.map {
                        $0.utf8.contains(UInt8(ascii: "|")) ? $0.replacingOccurrences(of: "|", with: "\\|") : $0
                    }
                    .joined(separator: " | ") + " |")
        }
        let unranked = result.tenders.filter { $0.rank == nil }
        if !unranked.isEmpty {
            lines += ["", "## Not ranked", ""]
            lines += unranked.map { "- **\($0.key)** (\($0.status.rawValue)): \($0.reasons.joined(separator: "; "))" }
        }
        let stages = StageSection.blocks(result, methodology: methodology, earlier: earlierStages)
        if !stages.isEmpty { lines += ["", String(ReportBlock.markdown(stages).dropLast())] }
        let decisions = DecisionSection.blocks(result, methodology: methodology, ledger: nil)
        if !decisions.isEmpty { lines += ["", String(ReportBlock.markdown(decisions).dropLast())] }
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
    }

    /// Lines handed on as they are added, each followed by a newline.
    private struct Lines {
        let add: (String) -> Void

        func append(_ line: String) {
            add(line)
            add("\n")
        }

        static func += (lines: inout Lines, more: [String]) {
            for line in more { lines.append(line) }
        }
    }
}
