public import TenderLedger
public import TenderScoring

/// The `procurement-evaluated` ledger entry, written identically by `tender score --ledger` and the daemon,
/// and read back by ``EvaluationReplayer``.
public enum EvaluationEntry: LedgerEntryType {
    public static let type = "procurement-evaluated"

    /// One input document of an evaluation, in arrival order.
    public struct Input: Sendable, Equatable {
        public var name: String
        public var kind: String
        public var sha256: String
        /// When the daemon first saw a submission that carries no `received_at` of its own.
        public var receivedAt: Timestamp?

        public init(name: String, kind: String, sha256: String, receivedAt: Timestamp? = nil) {
            self.name = name
            self.kind = kind
            self.sha256 = sha256
            self.receivedAt = receivedAt
        }

        var json: JSONValue {
            .object([
                "name": .string(name), "kind": .string(kind), "document_sha256": .string(sha256),
                "received_at": .optional(receivedAt?.description),
            ])
        }
    }

    /// The entry; the methodology and every input must already be stored as blobs (or be in `blobs`).
    ///
    /// - Parameter resultBytes: the result's canonical bytes, read when the entry is appended (on the ledger's writer:
    ///   ``SerializedJSON/init(later:)``) rather than made now: the daemon spools a large result's bytes to a file.
    /// - Parameter serializedResult: the result's canonical bytes made already (the daemon makes them with evaluations
    ///   made ahead, on every core); they must be `result`'s.
    public static func draft(
        methodology: Methodology, methodologyName: String, methodologySHA256: String, rulesetDigest: String,
        inputs: [Input], plugins: [JSONValue] = [], result: EvaluationResult, recordedAt: String,
        publishedAt: Timestamp? = nil, noticeDate: String? = nil, decisionSHA256: String? = nil, source: String,
        blobs: [LedgerBlob] = [], framework: RuleSet.File? = nil,
        resultBytes: (@Sendable () throws(LedgerError) -> [UInt8])? = nil, serializedResult: SerializedJSON? = nil
    ) -> EntryDraft {
        var body: [String: JSONValue] = [
            "procurement": .string(methodology.procurement.reference),
            "lot": .optional(methodology.procurement.lot),
            "methodology": .string(methodology.id), "methodology_name": .string(methodologyName),
            "methodology_sha256": .string(methodologySHA256), "ruleset_digest": .string(rulesetDigest),
            "engine": .string(result.engine), "plugins": .array(plugins),
            "inputs": .array(inputs.map(\.json)),
            "final": .bool(result.isFinal), "winner": .optional(result.winner),
            "recorded_at": .string(recordedAt), "source": .string(source),
            "published_at": .string(publishedAt?.description ?? recordedAt), "notice_date": .optional(noticeDate),
        ]
        // Only a stage's evaluation names its stage (earlier entries keep their bodies).
        if let stage = methodology.stage { body["stage"] = .string(stage.id) }
        // Only a call-off names the framework record (a blob of the rule set) whose members it was checked against.
        if let framework {
            body["framework_name"] = .string(framework.name)
            body["framework_sha256"] = .string(framework.sha256)
        }
        // Only an evaluation recorded again because a decision arrived after a close request names it.
        if let decisionSHA256 { body["decision_sha256"] = .string(decisionSHA256) }
        // The result is serialized straight to its canonical bytes (the same bytes as the tree would give, without
        // the tree: several hundred megabytes for 10,000 tenders).
        if let resultBytes {
            let later = SerializedJSON(later: { () throws(LedgerError) in
                // The writer's bytes are always a JSON object (canonical, or re-serialized if the scan does not
                // vouch for them), so this refusal cannot happen for bytes the result was written to.
                guard let serialized = SerializedJSON(canonicalObject: try resultBytes()) else {
                    throw .invalidDraft("the evaluation's result read back is not a JSON object")
                }
                return serialized
            })
            return EntryDraft(type: type, body: body, serialized: [resultMember: later], blobs: blobs)
        }
        // Made already (``EvaluationsAhead``), or now.
        guard let serialized = serializedResult ?? SerializedJSON(canonicalObject: result.canonicalBytes) else {
            body[resultMember] = result.json
            return EntryDraft(type: type, body: body, blobs: blobs)
        }
        return EntryDraft(type: type, body: body, serialized: [resultMember: serialized], blobs: blobs)
    }

    /// The member that holds the result.
    public static let resultMember = "result"

    public static func summary(_ body: JSONValue) -> String {
        let tenders = body[resultMember]?["tenders"]?.arrayValue ?? []
        let ranked = tenders.compactMap { tender -> (Int64, String)? in
            guard let rank = EntryText.integer(tender["rank"]) else { return nil }
            return (rank, "\(EntryText.text(tender["tender"])) \(tender["total_published"]?.stringValue ?? "-")")
        }
        .sorted { $0.0 < $1.0 }.map(\.1)
        // A stage before the last names no winner: its outcome is the `stage-concluded` entry that follows.
        let stage = body["stage"]?.stringValue.map { "stage \($0): " } ?? ""
        var parts = [
            stage + (body["final"] == .bool(true) ? "final" : "provisional") + ", winner "
                + (body["winner"]?.stringValue ?? "none")
        ]
        if let decision = body["decision_sha256"]?.stringValue {
            parts[0] += " (again, after decision \(EntryText.short(.string(decision))))"
        }
        let holds = body[resultMember]?["holds"]?.arrayValue ?? []
        if !holds.isEmpty {
            parts.append(
                "on hold: "
                    + holds.map { "\(EntryText.text($0["tender"])) \(EntryText.text($0["kind"]))" }.joined(
                        separator: ", "))
        }
        if !ranked.isEmpty { parts.append("ranked " + ranked.joined(separator: ", ")) }
        var unranked: [String: [String]] = [:]
        for tender in tenders where tender["rank"] == nil || tender["rank"] == .null {
            unranked[EntryText.text(tender["status"]), default: []].append(EntryText.text(tender["tender"]))
        }
        for status in unranked.keys.sorted() {
            parts.append("\(status) " + unranked[status]!.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
