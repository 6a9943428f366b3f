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
        let questions = context.methodology.questions.map {
            ($0.question, Vocabulary(Self.vocabulary($0.rule.scale)))
        }
        let markBook = context.markBook
        return context.eachTender { flags(tender: $0, questions: questions, markBook: markBook) }
    }

    private func flags(
        tender key: String, questions: [(Question, Vocabulary)], markBook: MarkBook
    ) -> [ScoringFlag] {
        var flags: [ScoringFlag] = []
        for (question, vocabulary) in questions {
            let entry = markBook.entry(tender: key, question: question.id)
            var marks: [(String, AwardedMark)] = entry.evaluators.map { ($0.evaluator, $0.mark) }
            if let consensus = entry.consensus { marks.insert((MarksDocument.panel, consensus), at: 0) }
            for (who, mark) in marks {
                guard let problem = problem(mark, vocabulary: vocabulary) else { continue }
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

    /// The words of the scale's labels and the filler words, each with whether it is a label's: one look-up a word.
    static func vocabulary(_ scale: MarkScale) -> [String: Bool] {
        var vocabulary = Dictionary(uniqueKeysWithValues: filler.map { ($0, false) })
        for level in scale.labels { forEachWord(level.label) { vocabulary[$0] = true } }
        return vocabulary
    }

    func problem(_ mark: AwardedMark, vocabulary: Vocabulary) -> String? {
        guard let reason = mark.reason, !reason.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) else {
            return "the reason is missing"
        }
        // In one pass: how many words, how many are neither label nor filler, and whether any is a label's.
        var (count, substantive, repeatsLabel) = (0, 0, false)
        func tally(_ isLabel: Bool?) {
            count += 1
            guard let isLabel else {
                substantive += 1
                return
            }
            if isLabel { repeatsLabel = true }
        }
        if !vocabulary.forEachASCIIWord(of: reason, tally) {
            Self.forEachWord(reason) { tally(vocabulary.words[$0]) }
        }
        if repeatsLabel, substantive < 2 {
            return "the reason \"\(reason)\" only repeats the scale label"
        }
        if count < minWords {
            return "the reason \"\(reason)\" has \(count) word\(count == 1 ? "" : "s"); "
                + "at least \(minWords) are expected"
        }
        return nil
    }

    /// Calls `body` with each word of `text`, lowercased: runs of letters and digits. ASCII text (nearly every reason)
    /// is split byte by byte, where a letter is A–Z or a–z and a digit 0–9, exactly what `Character.isLetter` and
    /// `isNumber` say of ASCII; other text by `Character`.
    static func forEachWord(_ text: String, _ body: (String) -> Void) {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { body(String(word)) }
            return
        }
        var word: [UInt8] = []
        for byte in utf8 {
            if isWordByte(byte) {
                word.append(lowercased(byte))
            } else if !word.isEmpty {
                body(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { body(String(decoding: word, as: UTF8.self)) }
    }

    /// Whether an ASCII byte is part of a word: A–Z, a–z or 0–9.
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        default: false
        }
    }

    /// An ASCII byte lowercased (A–Z to a–z; any other byte as it is).
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
