extension MarkReasonCheck {
    /// The words a reason is checked against (``MarkReasonCheck/vocabulary(_:)``: the scale's labels and the filler
    /// words, each with whether it is a label's), with the all-ASCII ones also kept as bytes by length, so that an ASCII
    /// reason (nearly every reason) is checked word by word in its own bytes, with no string made for a word.
    struct Vocabulary: Sendable {
        /// Each word, lowercased, with whether it is a label's.
        let words: [String: Bool]
        /// The all-ASCII words by their length in bytes (the index), each with whether it is a label's.
        private let ascii: [[(word: [UInt8], isLabel: Bool)]]

        init(_ words: [String: Bool]) {
            self.words = words
            let asciiWords = words.filter { $0.key.utf8.allSatisfy { $0 < 0x80 } }
            var ascii = Array(
                repeating: [(word: [UInt8], isLabel: Bool)](), count: (asciiWords.keys.map(\.utf8.count).max() ?? 0) + 1
            )
            for (word, isLabel) in asciiWords.sorted(by: { $0.key < $1.key }) {
                ascii[word.utf8.count].append((Array(word.utf8), isLabel))
            }
            self.ascii = ascii
        }

        /// Calls `body` with what each word of `text` is (``MarkReasonCheck/forEachWord(_:_:)``'s words: runs of
        /// A–Z, a–z and 0–9, lowercased): `true` a label's, `false` a filler word, `nil` neither. Only for all-ASCII
        /// text: returns `false`, calling nothing, for other text.
        func forEachASCIIWord(of text: String, _ body: (Bool?) -> Void) -> Bool {
            var text = text
            return text.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                var start: Int? = nil
                for index in 0...bytes.count {
                    if index < bytes.count, MarkReasonCheck.isWordByte(bytes[index]) {
                        if start == nil { start = index }
                    } else if let first = start {
                        body(lookUp(bytes[first..<index]))
                        start = nil
                    }
                }
                return true
            }
        }

        /// What the word `bytes` (letters in either case, and digits) is, compared lowercased.
        private func lookUp(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool? {
            guard bytes.count < ascii.count else { return nil }
            for candidate in ascii[bytes.count]
            where zip(bytes, candidate.word).allSatisfy({ MarkReasonCheck.lowercased($0) == $1 }) {
                return candidate.isLabel
            }
            return nil
        }
    }
}
