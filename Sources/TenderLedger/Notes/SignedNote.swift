import Foundation

/// A C2SP / Go `sumdb/note` signed note: text ending in a newline, a blank line, and signature lines.
///
/// Each signature line is `— <name> <base64(key id[4] ‖ signature)>\n` (U+2014 em dash, then a space).
/// Parsing checks syntax only; ``NoteVerifier`` checks signatures.
public struct SignedNote: Sendable, Hashable {
    /// One signature line.
    public struct Signature: Sendable, Hashable {
        /// The key name on the line.
        public let name: String
        /// The 4-byte key id, big-endian.
        public let keyID: UInt32
        /// The signature bytes after the key id.
        public let signature: [UInt8]

        /// A signature line's parts.
        public init(name: String, keyID: UInt32, signature: [UInt8]) {
            self.name = name
            self.keyID = keyID
            self.signature = signature
        }

        /// The line, including the final newline.
        public var line: String {
            var blob = withUnsafeBytes(of: keyID.bigEndian) { Array($0) }
            blob += signature
            return "\u{2014} \(name) \(Data(blob).base64EncodedString())\n"
        }
    }

    /// The signed text, ending in `\n`.
    public let text: String
    /// The signature lines, in order.
    public let signatures: [Signature]

    /// A note from its parts. The text must end in a newline and contain no blank line at the end.
    public init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The full note: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Parses a note (`text \n\n signature lines`).
    ///
    /// - Throws: ``NoteError/malformedNote(_:)`` when the syntax is wrong.
    public init(parsing message: String) throws(NoteError) {
        for scalar in message.unicodeScalars where scalar.value < 0x20 && scalar != "\n" {
            throw .malformedNote("control character U+\(String(scalar.value, radix: 16)) in note")
        }
        guard let split = message.range(of: "\n\n", options: .backwards) else {
            throw .malformedNote("no blank line before the signatures")
        }
        let text = String(message[..<split.lowerBound]) + "\n"
        let block = message[split.upperBound...]
        guard block.hasSuffix("\n"), !block.isEmpty else {
            throw .malformedNote("the signature block must end with a newline")
        }
        var signatures: [Signature] = []
        for line in block.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            signatures.append(try Self.parseSignature(line))
        }
        guard signatures.count <= 100 else { throw .malformedNote("more than 100 signatures") }
        self.init(text: text, signatures: signatures)
    }

    /// Splits a `checkpoints.log` (notes each followed by one extra `\n`) into notes; a single note also parses.
    ///
    /// - Throws: ``NoteError/malformedNote(_:)`` when a record is not a note.
    public static func parseLog(_ log: String) throws(NoteError) -> [SignedNote] {
        let chunks = log.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        guard chunks.count % 2 == 0 else { throw .malformedNote("the log does not alternate text and signatures") }
        var notes: [SignedNote] = []
        var index = 0
        while index < chunks.count {
            let body = chunks[index].hasSuffix("\n") ? chunks[index] : chunks[index] + "\n"
            let signatures = chunks[index + 1].hasSuffix("\n") ? chunks[index + 1] : chunks[index + 1] + "\n"
            notes.append(try SignedNote(parsing: body + "\n" + signatures))
            index += 2
        }
        return notes
    }

    static func isValidName(_ name: Substring) -> Bool {
        !name.isEmpty && !name.contains("+") && !name.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    private static func parseSignature(_ line: Substring) throws(NoteError) -> Signature {
        guard line.hasPrefix("\u{2014} ") else { throw .malformedNote("signature line does not start with '— '") }
        let rest = line.dropFirst(2)
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, isValidName(parts[0]) else {
            throw .malformedNote("signature line is not '— <name> <base64>'")
        }
        guard let blob = Data(base64Encoded: String(parts[1])), blob.count > 4 else {
            throw .malformedNote("signature is not base64 of key id and signature")
        }
        let bytes = Array(blob)
        let keyID = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Signature(name: String(parts[0]), keyID: keyID, signature: Array(bytes[4...]))
    }
}
