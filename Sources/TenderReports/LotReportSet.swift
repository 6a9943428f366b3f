public import TenderScoring

/// The reports of an award across the lots of a lotted procurement, for the procurement's own folder (each lot's
/// evaluation report stays in the lot's folder): `award.json` (the award as the ledger records it), `overview.md`
/// and `overview.html` (who is awarded which lot, where the limit moved an award and why, the cross-lot effect of
/// removing any one tender), `summaries/<supplier>.md|html` (each supplier's assessment summary across every lot it
/// tendered for), `ocds-release-package.json` (one package with every lot, bids per lot and an award per lot) and
/// `red-flags.json` (each lot's red flags and the flags across lots). Pure and deterministic.
public enum LotReportSet {
    /// One lot's final evaluation.
    public struct Lot: Sendable {
        public var methodology: Methodology
        public var result: EvaluationResult
        public var submissions: [Submission]

        public init(methodology: Methodology, result: EvaluationResult, submissions: [Submission]) {
            self.methodology = methodology
            self.result = result
            self.submissions = submissions
        }
    }

    /// Renders every report of the award.
    ///
    /// - Throws: ``ReportError`` when a lot's result does not belong to the methodology, or the standstill cannot be
    ///   counted from the notice date.
    public static func render(award: LotAward, methodology: Methodology, lots: [Lot], context: ReportContext)
        throws(ReportError) -> [(name: String, bytes: [UInt8])]
    {
        for lot in lots where lot.result.procurement != methodology.procurement.reference {
            throw .mismatchedProcurement(
                result: "\(lot.result.procurement) (methodology \(lot.result.methodologyID))",
                methodology: "\(methodology.procurement.reference) (methodology \(methodology.id))")
        }
        var files: [(name: String, bytes: [UInt8])] = []
        files.append(("award.json", Array((award.json.canonicalString + "\n").utf8)))
        let overview = LotOverview(award: award, methodology: methodology, lots: lots, context: context)
        files.append(("overview.md", ReportBlock.markdownBytes(overview.blocks)))
        files.append(
            ("overview.html", HTML.page(title: overview.title) { ReportBlock.html(overview.blocks, into: &$0) }))
        for summary in try LotSummary.all(award: award, methodology: methodology, lots: lots, context: context) {
            let name = "summaries/" + ReportSet.fileName(summary.supplier.identifier ?? summary.supplier.name)
            files.append((name + ".md", ReportBlock.markdownBytes(summary.blocks)))
            files.append(
                (name + ".html", HTML.page(title: summary.title) { ReportBlock.html(summary.blocks, into: &$0) }))
        }
        let export = LotOCDSExport(award: award, methodology: methodology, lots: lots, context: context)
        files.append(("ocds-release-package.json", export.package.bytes))
        files.append(
            (
                "red-flags.json",
                LotRedFlags(context: context).document(award: award, methodology: methodology, lots: lots).bytes
            ))
        return files.sorted { $0.name < $1.name }
    }
}
