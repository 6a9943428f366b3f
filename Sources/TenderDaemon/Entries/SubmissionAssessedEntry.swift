import TenderLedger
public import TenderScoring

/// `submission-assessed`: a submission's assessment on arrival (lateness, gates, the criteria that do not depend
/// on other tenders, minimums); the final points come with the evaluation.
public enum SubmissionAssessedEntry: LedgerEntryType {
    public static let type = "submission-assessed"

    static func draft(
        _ context: ScoringContext, tender: String, sha256: String, status: String, assessment: SerializedJSON
    )
        -> EntryDraft
    {
        EntryDraft(
            type: type,
            body: context.members.merging([
                "tender": .string(tender), "document_sha256": .string(sha256), "status": .string(status),
            ]) { $1 },
            serialized: ["assessment": assessment])
    }

    public static func summary(_ body: JSONValue) -> String {
        let assessment = body["assessment"] ?? .null
        var parts = [
            "\(EntryText.text(body["tender"])) \(EntryText.text(assessment["supplier"]?["name"])): "
                + EntryText.text(body["status"])
        ]
        if let price = assessment["price"], let total = price["total"]?.stringValue {
            parts.append("\(EntryText.text(price["currency"])) \(total)")
        }
        // Points not yet known (relative price, marks still to come) are settled at evaluation.
        let criteria = (assessment["criteria"]?.arrayValue ?? []).map { criterion in
            "\(EntryText.text(criterion["id"]))=\(criterion["points_published"]?.stringValue ?? "pending")"
        }
        if !criteria.isEmpty { parts.append("points " + criteria.joined(separator: ", ")) }
        if let status = body["status"]?.stringValue, !["assessed", "incomplete"].contains(status) {
            parts.append(EntryText.first(assessment["reasons"]))
        }
        let flags = (assessment["flags"]?.arrayValue ?? []).map { EntryText.text($0) }
        if !flags.isEmpty { parts.append("flags " + flags.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
