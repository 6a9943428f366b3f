/// Replaces a few ASCII characters of text (HTML's and Markdown's escapes), the rest copied.
///
/// Walking `Character`s (grapheme clusters) costs far more per byte than the text's size warrants (a close of
/// 10,000 tenders escapes about a hundred megabytes of summaries), so all-ASCII text is escaped byte by byte:
/// there every character is one byte, apart from CR LF, which is one `Character` but never escaped, so the bytes
/// give the same result. Other text walks `Character`s, replacing only a character that is exactly one of the
/// ASCII ones (a `<` joined with a combining mark is another character), so that reports keep the very bytes
/// earlier versions wrote.
struct ASCIIEscaper: Sendable {
    /// The replacement of each ASCII byte, or nil to copy it.
    private let table: [[UInt8]?]

    init(_ replacements: [Character: String]) {
        var table = [[UInt8]?](repeating: nil, count: 128)
        for (character, replacement) in replacements {
            guard let ascii = character.asciiValue else { continue }
            table[Int(ascii)] = Array(replacement.utf8)
        }
        self.table = table
    }

    /// `text` escaped.
    func escape(_ text: String) -> String {
        if let escaped = escapeASCII(text) { return escaped }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.unicodeScalars.count == 1, let ascii = character.asciiValue,
                let replacement = table[Int(ascii)]
            {
                out += String(decoding: replacement, as: UTF8.self)
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// `text` escaped byte by byte, or nil when it is not all ASCII.
    func escapeASCII(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if let replacement = table[Int(byte)] {
                out += replacement
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
