import TenderReports
import TenderScoring

/// The plain evaluation files (`evaluation.json`, `.csv`, `.md`) of the provisional reports the daemon refreshes as
/// documents arrive. Rendering is `TenderReports.EvaluationFiles`; each file is staged as it is rendered
/// (``StagedReports``), `evaluation.json` written from the result as the file is written: a provisional evaluation of
/// thousands of tenders never holds its tens of megabytes of JSON.
enum ReportWriter {
    /// Writes the files under `folder`, each atomically, and returns once all of them are on disk.
    static func write(
        _ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome] = [], into folder: String
    ) throws {
        var staged = StagedReports(folder: folder, suffix: ".tmp")
        EvaluationFiles.render(
            result, methodology: methodology, earlierStages: earlierStages, intoPieces: { staged.add($0, pieces: $1) })
        try staged.publish()
    }
}
