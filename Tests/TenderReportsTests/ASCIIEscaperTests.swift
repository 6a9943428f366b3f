import Testing

@testable import TenderReports

/// The byte-wise escaping of ASCII text gives exactly what walking `Character`s gave, so reports keep their bytes.
struct ASCIIEscaperTests {
    /// The reference: HTML escaping by `Character`, as the reports did before.
    static func characterWise(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    @Test func asciiTextEscapesAsCharacterByCharacter() {
        // Given ASCII text with every escaped character, CR LF, tabs and control bytes, built from a seeded walk
        let alphabet = Array("ab <>&\"'\r\n\t\u{01}|*_`[]\\0129.£".unicodeScalars.filter(\.isASCII))
        var state: UInt64 = 0x5EED
        var texts = ["", "plain", "a < b && c > d", "it's \"quoted\"\r\n", "\r\n\r\n"]
        for length in 1...200 {
            var text = ""
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.unicodeScalars.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            texts.append(text)
        }
        // Then the byte-wise escape equals the Character-wise one for each
        for text in texts { #expect(HTML.escape(text) == Self.characterWise(text), "\(text.debugDescription)") }
    }

    @Test func textOfAnyKindEscapesAsCharacterByCharacter() {
        // Given texts that mix escaped characters with pound signs, dashes, accents and combining marks (which join
        // a '<' or an '&' into another character), and texts with none of the escaped characters at all
        let alphabet = Array("ab <>&\"'\r\n£—é\u{0301}\u{0338}".unicodeScalars)
        var state: UInt64 = 0xC0FFEE
        var texts = ["£5 — no markup", "é\u{0301}", "&\u{0301}", "\u{0338}<"]
        for length in 1...300 {
            var text = ""
            for _ in 0..<length % 40 + 1 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.unicodeScalars.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            texts.append(text)
        }
        // Then escaping, as a string and into bytes, equals the Character walk for each
        for text in texts {
            #expect(HTML.escape(text) == Self.characterWise(text), "\(text.debugDescription)")
            var bytes: [UInt8] = []
            HTML.escape(text, into: &bytes)
            #expect(bytes == Array(Self.characterWise(text).utf8), "\(text.debugDescription)")
        }
    }

    @Test func textThatIsNotASCIIIsLeftToTheCharacterWalk() {
        // Given a '<' that a combining mark joins into one Character, which the Character walk leaves alone
        let joined = "a <\u{0338} b £5 & c"
        // Then the escaper declines it, and HTML.escape gives the Character walk's bytes
        var declined: [UInt8] = []
        #expect(!ASCIIEscaper(["<": "&lt;"]).escapeASCII(joined, into: &declined) && declined.isEmpty)
        #expect(HTML.escape(joined) == Self.characterWise(joined))
        #expect(HTML.escape(joined) == "a <\u{0338} b £5 &amp; c")
    }
}
