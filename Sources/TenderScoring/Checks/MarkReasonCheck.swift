import Foundation

/// Finds marks whose reason is missing, too short, or only repeats the scale label: the failure the court
/// found in *Woods Building Services v Milton Keynes Council* [2015] EWHC 2011 (TCC).
struct MarkReasonCheck {
    let check: Check
    let minWords: Int

    private static let filler: Set<String> = [
        "a", "an", "the", "is", "was", "are", "this", "that", "it", "response", "answer", "submission", "tender",
        "bid", "very", "overall", "and", "of", "to", "in", "mark", "score", "scored", "level", "standard", "quality",
        "meets", "met", "requirements", "requirement", "the", "fully", "all", "some", "with", "shows", "showed",
    ]

    /// Each tender's marks are read on every core; the flags come in the order of the tenders.
    func run(_ context: CheckContext) -> [ScoringFlag] {
        let questions = context.methodology.questions.map { ($0.rule, $0.question, Self.labelWords($0.rule.scale)) }
        let markBook = context.markBook
        return context.eachTender { flags(tender: $0, questions: questions, markBook: markBook) }
    }

    private func flags(
        tender key: String, questions: [(MarksRule, Question, Set<String>)], markBook: MarkBook
    ) -> [ScoringFlag] {
        var flags: [ScoringFlag] = []
        for (rule, question, labelWords) in questions {
            let entry = markBook.entry(tender: key, question: question.id)
            var marks: [(String, AwardedMark)] = entry.evaluators.keys.sorted().map { ($0, entry.evaluators[$0]!) }
            if let consensus = entry.consensus { marks.insert((MarksDocument.panel, consensus), at: 0) }
            for (who, mark) in marks {
                guard let problem = problem(mark, scale: rule.scale, labelWords: labelWords) else { continue }
                flags.append(
                    ScoringFlag(
                        check: check.id, kind: "mark-reasons", tender: key,
                        message: "\(question.id) mark \(DecimalText.exact(mark.mark)) by \(who): \(problem)",
                        action: "record a reason that refers to the tender's content (section, page, evidence); "
                            + "Reg 31 summaries and any challenge depend on it"))
            }
        }
        return flags
    }

    /// The words of a scale's labels.
    static func labelWords(_ scale: MarkScale) -> Set<String> {
        Set(scale.labels.flatMap { words($0.label) })
    }

    func problem(_ mark: AwardedMark, scale: MarkScale, labelWords: Set<String>? = nil) -> String? {
        guard let reason = mark.reason, !reason.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) else {
            return "the reason is missing"
        }
        let words = Self.words(reason)
        let labelWords = labelWords ?? Self.labelWords(scale)
        let substantive = words.filter { !labelWords.contains($0) && !Self.filler.contains($0) }
        if words.contains(where: labelWords.contains), substantive.count < 2 {
            return "the reason \"\(reason)\" only repeats the scale label"
        }
        if words.count < minWords {
            return "the reason \"\(reason)\" has \(words.count) word\(words.count == 1 ? "" : "s"); "
                + "at least \(minWords) are expected"
        }
        return nil
    }

    /// The words of `text`, lowercased: runs of letters and digits. ASCII text (nearly every reason) is split byte by
    /// byte, where a letter is A–Z or a–z and a digit 0–9, exactly what `Character.isLetter` and `isNumber` say of
    /// ASCII; other text by `Character`.
    static func words(_ text: String) -> [String] {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var words: [String] = []
            var word: [UInt8] = []
            for byte in utf8 {
                switch byte {
                case 0x41...0x5A: word.append(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39: word.append(byte)
                default:
                    if !word.isEmpty {
                        words.append(String(decoding: word, as: UTF8.self))
                        word.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
        return text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
