/// The one way decisions, their effects and holds are put in words for people: the `score` table, the evaluation
/// report and the assessment summaries say the same thing the same way.
public enum DecisionWording {
    /// The legal basis of each kind, as the documentation gives it.
    public static func law(_ kind: DecisionKind) -> String {
        switch kind {
        case .abnormallyLow(let procedure):
            return procedure.outcome == .disregarded
                ? "Procurement Act 2023 s.19(3)(c), after the s.19(4)–(5) procedure"
                : "Procurement Act 2023 s.19(4)–(5)"
        case .flagGate: return "Procurement Act 2023 s.19(3) (a gate the methodology declares on_fail: flag)"
        case .withdrawal: return "the supplier's withdrawal of its tender"
        case .exclusion(let ground, _):
            return ground == .mandatory
                ? "Procurement Act 2023 s.57, mandatory exclusion grounds (Schedule 6)"
                : "Procurement Act 2023 s.57, discretionary exclusion grounds (Schedule 7)"
        case .clarification: return "Procurement Act 2023 s.98(3) (records of communications with suppliers)"
        }
    }

    /// A document id as people read it: a SHA-256's first twelve digits, anything else (a file name in a dry run)
    /// whole.
    public static func short(_ documentID: String) -> String {
        documentID.count == 64 && documentID.allSatisfy(\.isHexDigit) ? String(documentID.prefix(12)) : documentID
    }

    /// What was decided, in a few words: `abnormally-low: disregarded`, `flag-gate discretionary-exclusion: kept`.
    public static func headline(_ decision: Decision) -> String {
        if case .flagGate(let gate, let outcome) = decision.kind { return "flag-gate \(gate): \(outcome.rawValue)" }
        return "\(decision.kind.name): \(decision.outcome)"
    }

    /// Who decided and when: `j.okafor (Head of Commercial), 2026-12-04`.
    public static func byline(_ decision: Decision) -> String {
        "\(decision.decidedBy.id) (\(decision.decidedBy.role)), \(decision.decidedAt.description.prefix(10))"
    }

    /// The kind's own details: dates, the response, the question and answer, the evidence.
    public static func details(_ decision: Decision) -> [String] {
        switch decision.kind {
        case .abnormallyLow(let procedure):
            var lines: [String] = []
            if let notified = procedure.notifiedOn {
                lines.append("supplier told on \(notified), to respond by \(procedure.responseDeadline ?? "—")")
            }
            switch (procedure.outcome, procedure.response) {
            case (.notified, _): break
            case (_, let response?): lines.append("supplier's response: \(response)")
            case (_, nil) where procedure.notifiedOn != nil: lines.append("no response by the deadline")
            default: break
            }
            return lines
        case .flagGate: return []
        case .withdrawal(let on, let evidence): return ["withdrawn on \(on); evidence: \(evidence)"]
        case .exclusion: return []
        case .clarification(let clarification):
            var lines = ["asked on \(clarification.askedOn): \(clarification.question)"]
            if let answer = clarification.answer {
                lines.append("answered on \(clarification.answeredOn ?? "—"): \(answer)")
            } else {
                lines.append("not answered yet")
            }
            return lines
        }
    }

    /// What taking the tender out changed, in one sentence.
    public static func effect(
        _ effect: DecisionEffect, removed: String, currency: String, places: Int
    ) -> String {
        var parts: [String] = []
        if effect.lowestPriceBefore != effect.lowestPriceAfter {
            let before = effect.lowestPriceBefore.map { Figures.money($0, currency: currency) } ?? "none"
            let after = effect.lowestPriceAfter.map { Figures.money($0, currency: currency) } ?? "none"
            parts.append("the lowest price (P_min) went from \(before) to \(after)")
        }
        if !effect.changes.isEmpty {
            parts.append(
                "totals changed: "
                    + effect.changes.map {
                        "\($0.tender) \(Figures.points($0.before, places: places, in: .document)) → "
                            + Figures.points($0.after, places: places, in: .document)
                    }.joined(separator: ", "))
        }
        if effect.leaderBefore != effect.leaderAfter {
            parts.append(
                "ranked first: \(effect.leaderBefore ?? "none") without the decision, "
                    + "\(effect.leaderAfter ?? "none") with it")
        }
        return parts.isEmpty
            ? "\(removed) left the evaluation; no other tender's points or rank changed"
            : "\(removed) left the evaluation: " + parts.joined(separator: "; ")
    }

    /// A hold in one line: `T-0007 abnormally-low (since 2026-12-02, respond by 2026-12-04): …`.
    public static func hold(_ hold: Hold) -> String {
        var when: [String] = []
        if let since = hold.since { when.append("since \(since.prefix(10))") }
        if let deadline = hold.deadline { when.append("respond by \(deadline)") }
        return "\(hold.tender) \(hold.kind.rawValue) '\(hold.check)'"
            + (when.isEmpty ? "" : " (\(when.joined(separator: ", ")))") + ": \(hold.message)"
    }
}
