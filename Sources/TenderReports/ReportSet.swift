public import TenderScoring

/// Every report for people about one evaluation, as named files (paths relative to the procurement's report
/// folder) with their bytes. Pure and deterministic: the same inputs give the same bytes.
///
/// Files: `evaluation.html`, `summaries/<tender>.md`, `summaries/<tender>.html`, `ocds-release-package.json`,
/// `red-flags.json`, sorted by name.
///
/// ```swift
/// let files = try ReportSet.render(
///     result: result, methodology: methodology, submissions: submissions,
///     context: ReportContext(noticeDate: CalendarDate(iso: "2026-12-21"), publishedAt: now))
/// for file in files { try write(file.bytes, to: reportFolder + "/" + file.name) }
/// ```
public enum ReportSet {
    /// Renders every report.
    ///
    /// - Parameters:
    ///   - result: the evaluation (normally the final one).
    ///   - methodology: the methodology the result was computed with.
    ///   - submissions: the submissions evaluated (for addresses, contact details and red flags).
    ///   - context: dates, ledger references and settings.
    /// - Throws: ``ReportError`` when the result does not belong to the methodology, or the standstill cannot
    ///   be counted from the notice date.
    public static func render(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext
    ) throws(ReportError) -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = []
        try render(
            result: result, methodology: methodology, submissions: submissions, context: context,
            into: { files.append(($0, $1)) })
        return files.sorted { $0.name < $1.name }
    }

    /// Renders every report and hands each to `file` as soon as it is rendered, in no particular order: a procurement
    /// of thousands of tenders never holds every summary at once. The same files and bytes as
    /// ``render(result:methodology:submissions:context:)``.
    public static func render(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext,
        into file: (_ name: String, _ bytes: [UInt8]) -> Void
    ) throws(ReportError) {
        try render(
            result: result, methodology: methodology, submissions: submissions, context: context,
            intoPieces: { name, pieces in file(name, pieces.joined) })
    }

    /// As ``render(result:methodology:submissions:context:into:)``, each file handed as pieces whose bytes one after
    /// another are the file's: `evaluation.html` of a large procurement (tens of megabytes) in pieces of about a
    /// megabyte, never joined.
    public static func render(
        result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext,
        intoPieces file: (_ name: String, _ pieces: FilePieces) -> Void
    ) throws(ReportError) {
        guard result.procurement == methodology.procurement.reference, result.methodologyID == methodology.id else {
            throw .mismatchedProcurement(
                result: "\(result.procurement) (methodology \(result.methodologyID))",
                methodology: "\(methodology.procurement.reference) (methodology \(methodology.id))")
        }
        let flags = RedFlags(settings: context.redFlags).evaluate(
            result: result, methodology: methodology, submissions: submissions)
        let report = EvaluationReport(result: result, methodology: methodology, redFlags: flags, context: context)
        file("evaluation.html", try report.htmlFile())
        // A lot of a lotted procurement: the letters and the OCDS package follow the award across lots (the limit on
        // lots one supplier may be awarded can give the lot to another tender), so they are the procurement's
        // (`LotReportSet`), not the lot's.
        if methodology.lotting == nil {
            // A stage before the final one writes notices to the suppliers it drops, not assessment summaries.
            let folder = methodology.stage?.progression != nil ? "notices/" : "summaries/"
            try AssessmentSummary.each(
                result: result, methodology: methodology, submissions: submissions, context: context,
                making: { summary in
                    (
                        name: folder + fileName(summary.tender), markdown: summary.markdownBytes,
                        html: summary.htmlBytes
                    )
                }
            ) { letter in
                file(letter.name + ".md", FilePieces([letter.markdown]))
                file(letter.name + ".html", FilePieces([letter.html]))
            }
            let export = OCDSExport(
                result: result, methodology: methodology, submissions: submissions, context: context)
            file("ocds-release-package.json", export.packagePieces)
        }
        file("red-flags.json", FilePieces([redFlagsDocument(flags, result: result).bytes]))
    }

    /// The red flags as JSON for machines and the ledger.
    static func redFlagsDocument(_ flags: [RedFlag], result: EvaluationResult) -> JSONDocument {
        .object([
            ("procurement", .string(result.procurement)), ("lot", .optional(result.lot)),
            ("methodology", .string(result.methodologyID)), ("final", .bool(result.isFinal)),
            (
                "flags",
                .array(
                    flags.map { flag in
                        .object([
                            ("code", .string(flag.code)), ("title", .string(flag.title)),
                            ("tenders", .array(flag.tenders.map { .string($0) })), ("message", .string(flag.message)),
                            ("action", .string(flag.action)),
                        ])
                    })
            ),
        ])
    }

    /// A tender key made safe as a file name: letters, digits, `-`, `_` and `.` kept, anything else `_`.
    static func fileName(_ key: String) -> String {
        let safe = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        return safe.hasPrefix(".") ? "_" + safe.dropFirst() : safe
    }
}
