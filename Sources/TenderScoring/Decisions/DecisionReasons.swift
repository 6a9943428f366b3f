/// The rule a decision's `reasons` must meet, checked like mark reasons (*Woods v Milton Keynes*): not empty, and
/// not only a restatement of the outcome ("Disregarded as abnormally low.") but words about this tender.
public enum DecisionReasons {
    /// How many words a reason needs beyond the outcome's own words and filler.
    public static let minimumWords = 3

    private static let filler: Set<String> = [
        "a", "an", "the", "is", "was", "are", "be", "been", "being", "this", "that", "it", "its", "of", "to", "in",
        "on", "for", "and", "or", "as", "by", "we", "our", "has", "have", "had", "tender", "tenders", "bid",
        "supplier", "suppliers", "price", "decision", "decided", "decide", "therefore", "so", "hence", "s", "section",
        "procurement", "act", "under", "per", "regulation", "reg", "accordingly", "not",
    ]

    private static let outcomeWords: Set<String> = [
        "abnormally", "abnormal", "low", "lower", "disregarded", "disregard", "disregarding", "accepted", "accept",
        "acceptable", "kept", "keep", "retained", "withdrawn", "withdrew", "withdrawal", "withdraw", "excluded",
        "exclude", "exclusion", "excludable", "clarification", "clarified", "clarify", "notified", "notify",
        "flag", "flagged", "gate", "failed", "fail", "mandatory", "discretionary", "ground", "grounds", "answered",
        "asked", "question",
    ]

    /// What is wrong with `reasons` for a decision whose outcome is `outcome`; `nil` when they will do.
    public static func problem(_ reasons: String, outcome: String) -> String? {
        let words = reasons.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard !words.isEmpty else {
            return "reasons are empty; say why, with reference to the tender, the supplier's response or the evidence"
        }
        let substantive = words.filter { !filler.contains($0) && !outcomeWords.contains($0) && $0.count > 1 }
        guard substantive.count >= minimumWords else {
            return "reasons \"\(reasons)\" only restate the outcome '\(outcome)'; say why: refer to the tender, "
                + "the supplier's response or the evidence the decision rests on"
        }
        return nil
    }
}
