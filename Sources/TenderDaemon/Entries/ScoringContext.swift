import TenderScoring

/// What entries about a submission say of where it was scored: the procurement, the methodology, the rule set and
/// the engine, and when and by whom the entry was written.
struct ScoringContext {
    var key: ProcurementKey
    var methodology: String
    var rulesetDigest: String
    var recordedAt: String
    var source = "tender serve"

    var members: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "procurement": .string(key.reference), "lot": .optional(key.lot), "methodology": .string(methodology),
            "ruleset_digest": .string(rulesetDigest), "engine": .string(ScoringEngine.version),
            "recorded_at": .string(recordedAt), "source": .string(source),
        ]
        // A stage of a procedure with stages is named (earlier entries have no member).
        if let stage = key.stage { members["stage"] = .string(stage) }
        return members
    }
}
