public import TenderLedger
public import TenderScoring

/// `lots-awarded`: the award across the lots of a lotted procurement (``LotAward``): who is awarded which lot after
/// the limit on lots one supplier may be awarded and the published mechanism, and why. Written by the daemon once
/// every lot has been closed, after the lots' `procurement-evaluated` entries it is made from (each named by its
/// lot and the SHA-256 of its canonical result), and by `tender score --ledger` for a lotted methodology.
/// `tender ledger replay` awards the lots again from those evaluations, replayed, and compares.
public enum LotsAwardedEntry: LedgerEntryType {
    public static let type = "lots-awarded"

    /// The SHA-256 of a result's canonical JSON: how the entry names the evaluations it is made from.
    public static func resultDigest(_ result: JSONValue) -> String {
        Hex.sha256(Array(result.canonicalString.utf8))
    }

    /// The digest of `result`'s JSON (as ``resultDigest(_:)-(JSONValue)`` of ``EvaluationResult/json``), written
    /// without building the tree and hashed as it is written (a large result's bytes are never held for it).
    public static func resultDigest(_ result: EvaluationResult) -> String {
        Hex.sha256 { result.writeCanonicalBytes(to: $0) }
    }

    public static func draft(
        methodology: Methodology, methodologyName: String, methodologySHA256: String, rulesetDigest: String,
        award: LotAward, results: [(lot: String, result: EvaluationResult)], recordedAt: String,
        decisionSHA256: String?, source: String
    ) -> EntryDraft {
        var body: [String: JSONValue] = [
            "procurement": .string(methodology.procurement.reference), "methodology": .string(methodology.id),
            "methodology_name": .string(methodologyName), "methodology_sha256": .string(methodologySHA256),
            "ruleset_digest": .string(rulesetDigest), "award": award.json, "final": .bool(award.isFinal),
            "evaluations": .array(
                results.map {
                    .object(["lot": .string($0.lot), "result_digest": .string(resultDigest($0.result))])
                }
            ),
            "recorded_at": .string(recordedAt), "source": .string(source),
        ]
        if let decisionSHA256 { body["decision_sha256"] = .string(decisionSHA256) }
        return EntryDraft(type: type, body: body)
    }

    /// The lots and result hashes a body names.
    static func evaluations(_ body: JSONValue) -> [(lot: String, sha256: String)] {
        (body["evaluations"]?.arrayValue ?? []).compactMap { item in
            guard let lot = item["lot"]?.stringValue, let sha = item["result_digest"]?.stringValue else { return nil }
            return (lot, sha)
        }
    }

    public static func summary(_ body: JSONValue) -> String {
        let lots = (body["award"]?["lots"]?.arrayValue ?? []).map { line -> String in
            let lot = EntryText.text(line["lot"])
            let awarded = line["awarded"]?.stringValue ?? "unawarded"
            let moved = line["moved"] == .bool(true) ? " (moved from \(EntryText.text(line["first_ranked"])))" : ""
            return "lot \(lot) \(awarded)\(moved)"
        }
        let state = body["final"] == .bool(true) ? "final" : "provisional"
        return "\(state), \(EntryText.text(body["award"]?["mechanism"])): " + lots.joined(separator: ", ")
    }
}
