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
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        guard escapeASCII(text, into: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` escaped, as UTF-8 appended to `out`: the bytes of ``escape(_:)``, with no string in between when the
    /// text is all ASCII.
    func escape(_ text: String, into out: inout [UInt8]) {
        guard !escapeASCII(text, into: &out) else { return }
        out.append(contentsOf: escape(text).utf8)
    }

    /// Appends `text` escaped byte by byte to `out` and returns true, or returns false (appending nothing) when it
    /// is not all ASCII.
    func escapeASCII(_ text: String, into out: inout [UInt8]) -> Bool {
        if let done = text.utf8.withContiguousStorageIfAvailable({ escapeASCII($0, into: &out) }) { return done }
        return Array(text.utf8).withUnsafeBufferPointer { escapeASCII($0, into: &out) }
    }

    /// ``escapeASCII(_:into:)`` of the bytes of a string: runs of bytes kept as they are are copied at once.
    private func escapeASCII(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
        var kept = 0
        for index in bytes.indices {
            guard let replacement = table[Int(bytes[index])] else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<index]))
            out.append(contentsOf: replacement)
            kept = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept...]))
        return true
    }
}
