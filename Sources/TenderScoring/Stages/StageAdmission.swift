/// Whether a supplier may send a document for a stage: only the suppliers every earlier stage took forward may
/// (s.20: a competitive flexible procedure does not readmit a supplier it dropped, or one that did not take part).
public enum StageAdmission {
    /// Why the supplier with `identity` (named `name`) may not tender at `stage`, given the outcomes of the stages
    /// before it, in order; `nil` when it may. A stage whose outcome is missing has not concluded.
    public static func refusal(
        identity: String, name: String, stage: Stage, earlier: [Stage], outcomes: [String: StageOutcome]
    ) -> String? {
        let before = earlier.filter { $0.number < stage.number }.sorted { $0.number < $1.number }
        for (index, previous) in before.enumerated() {
            guard let outcome = outcomes[previous.id] else {
                return "\(previous.label) has not concluded: documents for \(stage.label) are accepted only from the "
                    + "suppliers it takes forward, once its evaluation is final (close it with tender close --stage "
                    + "\(previous.id), after the marks and decisions it waits for)"
            }
            if outcome.progresses(identity) { continue }
            if let standing = outcome.supplier(identity), let reason = standing.reason {
                return "\(name) was \(reason); a supplier not taken forward is not readmitted (s.20)"
            }
            let what =
                index == 0 && previous.kind == .participation
                ? "never requested to participate (\(previous.label) has no request from it)"
                : "did not tender at \(previous.label)"
            return "\(name) \(what), so it cannot take part in \(stage.label) (s.20: no readmission)"
        }
        return nil
    }
}
