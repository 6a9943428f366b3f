public import TenderScoring

/// The evaluation as one self-contained, printable HTML page for the buyer: ranking, charts, gates, flags
/// with next steps, sensitivity, standstill and the ledger references. No scripts, no network resources.
///
/// ```swift
/// let html = try EvaluationReport(
///     result: result, methodology: methodology, redFlags: flags, context: context
/// ).html()
/// ```
public struct EvaluationReport: Sendable {
    /// The fill colours of the criteria in the bar chart and its legend, in methodology order (cycled).
    public static let criterionColours = ["#1b6ca8", "#f28e2b", "#2a9d8f", "#8e5ea2", "#e15759", "#9c755f", "#edc948"]
    /// The scatter plot's colour for the most advantageous tender.
    public static let winnerColour = "#d62728"
    /// The scatter plot's colour for the other ranked tenders.
    public static let tenderColour = "#1f4e79"

    public let result: EvaluationResult
    public let methodology: Methodology
    public let redFlags: [RedFlag]
    public let context: ReportContext

    public init(result: EvaluationResult, methodology: Methodology, redFlags: [RedFlag], context: ReportContext) {
        self.result = result
        self.methodology = methodology
        self.redFlags = redFlags
        self.context = context
    }

    /// The page.
    ///
    /// - Throws: ``ReportError`` when the standstill cannot be counted from the context's notice date.
    public func html() throws(ReportError) -> String {
        HTML.page(title: title, body: ReportBlock.html(try blocks()))
    }

    /// The page as UTF-8 bytes (the bytes of ``html()``), made without a page-sized string: for 10,000 tenders the
    /// page is about 30 MB, and the string, its joined body and the copy to bytes were held at once.
    ///
    /// - Throws: ``ReportError`` when the standstill cannot be counted from the context's notice date.
    public func htmlBytes() throws(ReportError) -> [UInt8] {
        try htmlFile().joined
    }

    /// The bytes of ``htmlBytes()`` as a file made as it is read, in pieces of a megabyte or so: each section is made,
    /// copied into the piece being filled and let go in turn, so a page of tens of megabytes is written while holding
    /// about its largest section (the ranking table or a chart).
    ///
    /// - Throws: ``ReportError`` when the standstill cannot be counted from the context's notice date (the one section
    ///   that can fail is made now).
    public func htmlFile() throws(ReportError) -> FilePieces {
        let sections = self.sections(standstill: try standstillSection())
        let title = self.title
        return FilePieces { piece in
            FilePieces.text(
                { add in
                    add(HTML.pageHead(title: title))
                    var first = true
                    for section in sections {
                        for block in section() {
                            if !first { add("\n") }
                            first = false
                            add(ReportBlock.html(of: block))
                        }
                    }
                    add(HTML.pageTail)
                }, to: piece)
        }
    }

    private var title: String { "Evaluation report: " + MethodologyText.title(methodology.procurement) }

    private func blocks() throws(ReportError) -> [ReportBlock] {
        sections(standstill: try standstillSection()).flatMap { $0() }
    }

    /// The page's blocks, section by section, each made when called.
    private func sections(standstill: [ReportBlock]) -> [() -> [ReportBlock]] {
        var opening: [ReportBlock] = [.heading(1, title), .rawHTML(metaLine())]
        if !result.isFinal {
            opening.append(
                .note(
                    "PROVISIONAL — the evaluation is not final: the ranking may change when the missing marks "
                        + "arrive, failed scores are resolved or the buyer decides what holds the award."))
        }
        return [
            { opening },
            { [.heading(2, "Ranking"), .rawHTML(rankingTable())] },
            { [.heading(2, "Points by criterion"), .rawHTML(stackedBarChart())] },
            { [.heading(2, "Price and quality"), .rawHTML(scatterChart())] },
            { notRanked() },
            { StageSection.blocks(result, methodology: methodology, earlier: context.earlierStages) },
            { DecisionSection.blocks(result, methodology: methodology, ledger: context.ledger) },
            { [.heading(2, "Gates"), .rawHTML(gateTable())] },
            { flagSections() },
            { standstill },
            { records() },
        ]
    }

    var places: Int { result.rounding }
    var ranked: [TenderResult] { result.tenders.filter { $0.rank != nil }.sorted { $0.rank! < $1.rank! } }

    static func colour(_ index: Int) -> String { criterionColours[index % criterionColours.count] }

    private func metaLine() -> String {
        let procurement = methodology.procurement
        var parts = [
            procurement.buyer ?? "", "Reference \(procurement.reference)",
            procurement.lot.map { "Lot \($0)" } ?? "", "Methodology \(methodology.id)",
            "Method \(result.method.rawValue)", result.isFinal ? "Final evaluation" : "Provisional evaluation",
        ]
        if let key = result.winner, let winner = result.tender(key) {
            parts.append(
                (methodology.lotting == nil ? "Most advantageous tender: " : "First-ranked in the lot: ")
                    + "\(key) \(winner.supplier.name)")
        }
        var line =
            "<p class=\"meta\">" + parts.filter { !$0.isEmpty }.map(HTML.escape).joined(separator: " · ") + "</p>"
        if let note = Self.lotNote(methodology) { line += "\n<p class=\"note\">" + HTML.escape(note) + "</p>" }
        return line
    }

    /// For a lot of a lotted procurement: who is awarded the lot is the award across lots' to say.
    static func lotNote(_ methodology: Methodology) -> String? {
        guard let lotting = methodology.lotting, methodology.procurement.lot != nil else { return nil }
        var note =
            "This lot is one of \(lotting.lots.count) of procurement \(methodology.procurement.reference). Who is "
            + "awarded it is decided across the lots, in the procurement's overview (overview.html in its reports "
            + "folder), with the assessment summaries and the OCDS package"
        if let maximum = lotting.limits.maxAwarded {
            note +=
                ": one supplier may be awarded at most \(maximum) \(maximum == 1 ? "lot" : "lots") "
                + "(\(lotting.limits.mechanism.rawValue)), so the lot may go to a tender ranked below the first"
        }
        return note + "."
    }

    private func rankingTable() -> String {
        let criteria = methodology.criteria
        var head = "<tr><th class=\"num\">Rank</th><th>Tender</th><th>Supplier</th><th class=\"num\">Price</th>"
        for (index, criterion) in criteria.enumerated() {
            head +=
                "<th class=\"num\"><span class=\"swatch\" style=\"background:\(Self.colour(index))\"></span>"
                + "\(HTML.escape(criterion.title ?? criterion.id)) (\(Figures.weight(criterion.weight)))</th>"
        }
        head += "<th class=\"num\">Total</th>"
        if result.method == .pricePerQualityPoint { head += "<th class=\"num\">Price per quality point</th>" }
        head += "<th>Status</th></tr>"
        let rows = result.tenders.filter { $0.status == .assessed || $0.status == .incomplete }.map { tender in
            var row = tender.key == result.winner ? "<tr class=\"winner\">" : "<tr>"
            row += "<td class=\"num\">\(tender.rank.map(String.init) ?? "—")</td><td>\(HTML.escape(tender.key))</td>"
            row += "<td>\(HTML.escape(tender.supplier.name))</td>"
            let price = Figures.money(tender.price.total, currency: tender.price.currency)
            row += "<td class=\"num\">\(HTML.escape(price))</td>"
            for criterion in criteria {
                let points = Figures.points(tender.points(criterion.id), places: places, in: .document)
                row += "<td class=\"num\">\(points)</td>"
            }
            row += "<td class=\"num\">\(Figures.points(tender.total, places: places, in: .document))</td>"
            if result.method == .pricePerQualityPoint {
                let perPoint = Figures.points(tender.pricePerQualityPoint, places: places, in: .document)
                row += "<td class=\"num\">\(perPoint)</td>"
            }
            return row + "<td>\(tender.status.rawValue)</td></tr>"
        }
        return "<table><thead>\(head)</thead><tbody>\(rows.joined())</tbody></table>"
    }

    private func notRanked() -> [ReportBlock] {
        let others = result.tenders.filter { $0.status != .assessed && $0.status != .incomplete }
        guard !others.isEmpty else { return [] }
        return [
            .heading(2, "Tenders not ranked"),
            .table(
                header: ["Tender", "Supplier", "Status", "Why"],
                rows: others.map { [$0.key, $0.supplier.name, $0.status.rawValue, $0.reasons.joined(separator: "; ")] }
            ),
        ]
    }

    private func gateTable() -> String {
        let tenders = result.tenders.filter { !$0.gates.isEmpty }
        guard !methodology.gates.isEmpty, !tenders.isEmpty else { return "<p>No gates were checked.</p>" }
        var head = "<tr><th>Tender</th>"
        for gate in methodology.gates {
            head += "<th>\(HTML.escape(gate.title ?? gate.id)) (on fail: \(gate.onFail.rawValue))</th>"
        }
        head += "</tr>"
        let rows = tenders.map { tender in
            var row = "<tr><td>\(HTML.escape(tender.key))</td>"
            for gate in methodology.gates {
                guard let verdict = tender.gates.first(where: { $0.id == gate.id }) else {
                    row += "<td>—</td>"
                    continue
                }
                let wording = GateWording(verdict, methodology: methodology)
                let word = "<span class=\"\(verdict.passed ? "pass" : "fail")\">\(wording.verdictWord)</span>"
                row += "<td>\(HTML.escape(wording.buyerCheck)): \(word)</td>"
            }
            return row + "</tr>"
        }
        return "<table><thead>\(head)</thead><tbody>\(rows.joined())</tbody></table>"
    }

    private func flagSections() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(2, "Flags and what to do next")]
        // The identical-prices check and red flag R028 are one rule with one piece of advice: where the red flag
        // names a tender, its row stands for the check's flag too.
        let identical = Set(redFlags.filter { $0.code == "R028" }.flatMap(\.tenders))
        let scoring = result.flags.filter { flag in
            flag.kind != "leave-one-out" && !(flag.kind == "identical-prices" && identical.contains(flag.tender ?? ""))
        }
        if scoring.isEmpty && redFlags.isEmpty {
            blocks.append(.paragraph("No flags were raised."))
        } else {
            blocks.append(
                .table(
                    header: ["Flag", "Tender", "Finding", "What the buyer must do"],
                    rows: scoring.map { [$0.kind, $0.tender ?? "all", $0.message, $0.action ?? "—"] }
                        + redFlags.map {
                            [
                                "\($0.code) \($0.title)",
                                $0.tenders.isEmpty ? "all" : $0.tenders.joined(separator: ", "),
                                $0.message, $0.action,
                            ]
                        }))
        }
        blocks.append(.heading(2, "Sensitivity (leave one out)"))
        let reversals = result.flags.filter { $0.kind == "leave-one-out" }
        let checked = methodology.checks.contains { $0.kind == .leaveOneOut }
        if !checked {
            blocks.append(.paragraph("The methodology does not run the leave-one-out check."))
        } else if reversals.isEmpty {
            blocks.append(
                .paragraph(
                    "Removing any one other tender does not change the most advantageous tender: the result "
                        + "does not depend on a tender that did not win."))
        } else {
            blocks.append(
                .table(
                    header: ["Left out", "Finding", "What to do"],
                    rows: reversals.map {
                        [$0.tender ?? "—", $0.message, $0.action ?? "—"]
                    }))
        }
        if !result.missingMarks.isEmpty {
            blocks.append(.heading(2, "Missing marks"))
            blocks.append(
                .table(
                    header: ["Tender", "Question", "Needed"],
                    rows: result.missingMarks.map { [$0.tender, $0.question, $0.needed] }))
        }
        return blocks
    }

    private func records() -> [ReportBlock] {
        var rows = [
            ["Methodology", methodology.id], ["Scoring engine", result.engine],
            ["Rule-set SHA-256", context.rulesetDigest ?? "not given"],
        ]
        if let ledger = context.ledger {
            rows.append(["Ledger", ledger.file ?? "—"])
            rows.append([
                "Ledger entry", "sequence \(ledger.sequence)" + (ledger.entryHash.map { ", hash \($0)" } ?? ""),
            ])
            rows.append(["Ledger checkpoint", ledger.checkpoint ?? "none yet"])
        } else {
            rows.append(["Ledger", "not recorded"])
        }
        return [.heading(2, "Records"), .table(header: ["Item", "Reference"], rows: rows)]
    }
}
