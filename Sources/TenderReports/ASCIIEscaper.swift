/// Replaces a few ASCII characters of text (HTML's and Markdown's escapes), the rest copied.
///
/// Walking `Character`s (grapheme clusters) costs far more per byte than the text's size warrants (a close of
/// 10,000 tenders escapes about a hundred megabytes of summaries), so text is escaped byte by byte wherever that
/// gives the same result:
/// - Text with none of the escaped bytes has no character to replace, whatever else it holds (`£`, `—`): it is
///   copied as it is.
/// - In all-ASCII text every character is one byte, apart from CR LF, which is one `Character` that no escaper used on
///   other text replaces (the cell escaper of ``ReportBlock``, which replaces its LF, is used on all-ASCII text only).
///
/// Only text that is not all ASCII and holds an escaped byte walks `Character`s, replacing only a character that is
/// exactly one of the ASCII ones (a `<` joined with a combining mark is another character), so that reports keep
/// the very bytes earlier versions wrote.
struct ASCIIEscaper: Sendable {
    /// The replacement of each ASCII byte, or nil to copy it.
    private let table: [[UInt8]?]
    /// Whether each ASCII byte is replaced (a table of Bools: looking one up retains no replacement array).
    private let replaced: [Bool]

    init(_ replacements: [Character: String]) {
        var table = [[UInt8]?](repeating: nil, count: 128)
        for (character, replacement) in replacements {
            guard let ascii = character.asciiValue else { continue }
            table[Int(ascii)] = Array(replacement.utf8)
        }
        self.table = table
        replaced = table.map { $0 != nil }
    }

    /// `text` escaped.
    func escape(_ text: String) -> String {
        var out: [UInt8] = []
        switch escapeBytes(text, into: &out, copyingUnchanged: false) {
        case .unchanged: return text
        case .escaped: return String(decoding: out, as: UTF8.self)
        case .needsCharacters: return escapeCharacters(text)
        }
    }

    /// `text` escaped, as UTF-8 appended to `out`: the bytes of ``escape(_:)``.
    func escape(_ text: String, into out: inout [UInt8]) {
        switch escapeBytes(text, into: &out, copyingUnchanged: true) {
        case .unchanged, .escaped: return
        case .needsCharacters: out.append(contentsOf: escapeCharacters(text).utf8)
        }
    }

    /// Appends `text` escaped byte by byte to `out` and returns true, or returns false (appending nothing) when it
    /// is not all ASCII.
    func escapeASCII(_ text: String, into out: inout [UInt8]) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        escape(text, into: &out)
        return true
    }

    /// What escaping byte by byte did.
    private enum ByteEscape {
        /// Nothing to replace: `out` has the text as it is, if it was asked to copy it.
        case unchanged
        /// All ASCII with something replaced: `out` has the escaped text.
        case escaped
        /// Not all ASCII, and holding an escaped byte: nothing was appended; the text must walk `Character`s.
        case needsCharacters
    }

    private func escapeBytes(_ text: String, into out: inout [UInt8], copyingUnchanged copy: Bool) -> ByteEscape {
        if let done = text.utf8.withContiguousStorageIfAvailable({ escapeBytes($0, into: &out, copyingUnchanged: copy) }
        ) {
            return done
        }
        return Array(text.utf8).withUnsafeBufferPointer { escapeBytes($0, into: &out, copyingUnchanged: copy) }
    }

    private func escapeBytes(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], copyingUnchanged copy: Bool)
        -> ByteEscape
    {
        var (ascii, plain) = (true, true)
        for byte in bytes {
            if byte >= 0x80 {
                ascii = false
            } else if replaced[Int(byte)] {
                plain = false
            }
        }
        if plain {
            if copy { out.append(contentsOf: bytes) }
            return .unchanged
        }
        guard ascii else { return .needsCharacters }
        // Runs of bytes kept as they are are copied at once.
        var kept = 0
        for index in bytes.indices where replaced[Int(bytes[index])] {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<index]))
            out.append(contentsOf: table[Int(bytes[index])]!)
            kept = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept...]))
        return .escaped
    }

    /// `text` escaped `Character` by `Character`.
    private func escapeCharacters(_ text: String) -> String {
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
}
