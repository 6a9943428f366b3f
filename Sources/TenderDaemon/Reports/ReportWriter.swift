import TenderReports
import TenderScoring

/// The plain evaluation files (`evaluation.json`, `.csv`, `.md`) as ``ReportBuilder/File``s, for the provisional
/// reports the daemon refreshes as documents arrive. Rendering is `TenderReports.EvaluationFiles`;
/// ``ReportBuilder/write(_:into:)`` writes them.
enum ReportWriter {
    static func render(_ result: EvaluationResult, methodology: Methodology, earlierStages: [StageOutcome] = [])
        -> [ReportBuilder.File]
    {
        EvaluationFiles.render(result, methodology: methodology, earlierStages: earlierStages).map {
            ReportBuilder.File(name: $0.name, bytes: $0.bytes)
        }
    }
}
