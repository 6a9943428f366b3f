import Foundation
import TenderLedger
public import TenderScoring

/// `report-written`: the reports of a final evaluation, by name and SHA-256, committed with the evaluation.
public enum ReportWrittenEntry: LedgerEntryType {
    public static let type = "report-written"

    static func draft(
        key: ProcurementKey, evaluationSeq: Int, folder: String, final: Bool, reports: [(name: String, sha256: String)],
        recordedAt: String
    ) -> EntryDraft {
        EntryDraft(
            type: type,
            body: [
                "procurement": .string(key.reference), "lot": .optional(key.lot),
                "evaluation_seq": .integer(Int64(evaluationSeq)), "folder": .string(folder), "final": .bool(final),
                "reports": .array(reports.map { .object(["name": .string($0.name), "digest": .string($0.sha256)]) }),
                "recorded_at": .string(recordedAt), "source": "tender serve",
            ])
    }

    /// What an entry's body records: the procurement's folder name (the last component of `folder`), the evaluation
    /// the reports were made from, and each file's digest by name; `nil` for a body without `folder` or
    /// `evaluation_seq` (the earliest ledgers).
    static func recorded(_ body: JSONValue) -> (folderName: String, evaluationSeq: Int, files: [String: String])? {
        guard let folder = body["folder"]?.stringValue, case .integer(let evaluation)? = body["evaluation_seq"] else {
            return nil
        }
        var files: [String: String] = [:]
        for report in body["reports"]?.arrayValue ?? [] {
            if let name = report["name"]?.stringValue, let digest = report["digest"]?.stringValue {
                files[name] = digest
            }
        }
        return ((folder as NSString).lastPathComponent, Int(evaluation), files)
    }

    public static func summary(_ body: JSONValue) -> String {
        let files = body["reports"]?.arrayValue?.count ?? 0
        let kind = body["final"] == .bool(true) ? "final" : "provisional"
        let evaluation = EntryText.integer(body["evaluation_seq"]).map { ", evaluation #\($0)" } ?? ""
        return "\(EntryText.count(files, "file")) in \(EntryText.text(body["folder"])) (\(kind)\(evaluation))"
    }
}
