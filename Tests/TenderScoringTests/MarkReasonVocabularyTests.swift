import Foundation
import Testing

@testable import TenderScoring

struct MarkReasonVocabularyTests {
    /// What the string path says of each word of `text`: the words of ``MarkReasonCheck/forEachWord(_:_:)`` looked up.
    private func byStrings(_ text: String, _ vocabulary: MarkReasonCheck.Vocabulary) -> [Bool?] {
        var seen: [Bool?] = []
        MarkReasonCheck.forEachWord(text) { seen.append(vocabulary.words[$0]) }
        return seen
    }

    @Test func anASCIIReasonIsReadWordByWordAsTheStringPathReadsIt() {
        let scale = MarkScale(
            min: 0, max: 4,
            labels: [
                ScaleLevel(mark: 0, label: "Unacceptable"), ScaleLevel(mark: 1, label: "Poor"),
                ScaleLevel(mark: 2, label: "Très bon, mostly"), ScaleLevel(mark: 3, label: "Good-ish 3rd"),
                ScaleLevel(mark: 4, label: "Exceptionallylongwordedlabel"),
            ])
        let vocabulary = MarkReasonCheck.Vocabulary(MarkReasonCheck.vocabulary(scale))
        let texts = [
            "", "Good.", "GOOD poor, the Tender", "The response meets all requirements",
            "Section 4.2 gives a week-by-week programme (p. 12) with named crews",
            "unacceptable UNACCEPTABLE Unacceptabl unacceptables", "3rd 3RD rd 3 ish ISH good-ish",
            "exceptionallylongwordedlabel Exceptionallylongwordedlabels exceptionallylongworded",
            "bon mostly BON tres", "a an the is was are this that it...  ", "x", "a1b2c3 A1B2C3 requirement",
            "Requirements\tmet\nfully; level-standard quality:SCORE", "   ,,, ---   ", "reason ending in a word",
            "z" + String(repeating: "y", count: 80),
        ]
        for text in texts {
            var fast: [Bool?] = []
            #expect(vocabulary.forEachASCIIWord(of: text) { fast.append($0) })
            #expect(fast == byStrings(text, vocabulary), "\(text)")
        }
        // A label's ASCII words are found whatever the case; its non-ASCII word only through the string path.
        var found: [Bool?] = []
        _ = vocabulary.forEachASCIIWord(of: "POOR Mostly filler") { found.append($0) }
        #expect(found == [true, true, nil])
        #expect(byStrings("très bon", vocabulary) == [true, true])
    }

    @Test func textThatIsNotASCIIIsLeftToTheStringPath() {
        let vocabulary = MarkReasonCheck.Vocabulary(["good": true, "the": false])
        var called = false
        #expect(!vocabulary.forEachASCIIWord(of: "Très good") { _ in called = true })
        #expect(!called)
    }

    @Test func everyMarkReasonFlagIsTheSameWithTheByteLookUp() {
        // The check's verdicts: a label alone, filler and a label, too few words, enough substance.
        let scale = MarkScale(
            min: 0, max: 2,
            labels: [ScaleLevel(mark: 0, label: "Poor"), ScaleLevel(mark: 2, label: "Very Good")])
        let check = MarkReasonCheck(check: Check(id: "reasons", kind: .markReasons(minWords: 4)), minWords: 4)
        let vocabulary = MarkReasonCheck.Vocabulary(MarkReasonCheck.vocabulary(scale))
        func problem(_ reason: String?) -> String? {
            check.problem(AwardedMark(mark: 1, reason: reason), vocabulary: vocabulary)
        }
        #expect(problem(nil) == "the reason is missing")
        #expect(problem(" ... ") == "the reason is missing")
        #expect(problem("VERY GOOD.")?.contains("only repeats the scale label") == true)
        #expect(problem("The response is very good overall")?.contains("only repeats the scale label") == true)
        #expect(problem("Good crews named")?.contains("has 3 words; at least 4") == true)
        #expect(problem("Good: crews named in section 4") == nil)
        #expect(problem("Très bon: équipes nommées") == nil)
    }
}
