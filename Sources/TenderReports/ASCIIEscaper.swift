/// Escapes text byte by byte when it is all ASCII: each byte with a replacement is replaced, the rest copied.
///
/// The reports escape a few ASCII characters for HTML and Markdown. Walking `Character`s (grapheme clusters) costs
/// far more per byte than the text's size warrants (a close of 10,000 tenders escapes about a hundred megabytes
/// of summaries). For ASCII text every character is one byte, apart from CR LF, which is one `Character` but
/// never escaped, so the bytes give the same result; other text returns nil and the caller walks `Character`s as
/// before, so that reports keep the very bytes earlier versions wrote.
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

    /// `text` escaped, or nil when it is not all ASCII.
    func escape(_ text: String) -> String? {
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
