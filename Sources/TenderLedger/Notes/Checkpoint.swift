import Foundation

/// A C2SP `tlog-checkpoint` body: `<origin>\n<size>\n<base64(root)>\n`.
public struct Checkpoint: Sendable, Hashable {
    /// The log identity (the ledger's key name).
    public let origin: String
    /// The tree size (number of entries covered).
    public let size: Int
    /// The RFC 9162 root of the first `size` entries (32 bytes).
    public let root: [UInt8]

    /// A checkpoint from its parts.
    public init(origin: String, size: Int, root: [UInt8]) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// The exact signed text.
    public var text: String {
        "\(origin)\n\(size)\n\(Data(root).base64EncodedString())\n"
    }

    /// Parses checkpoint text. Extension lines after the root are rejected (this ledger never writes any).
    ///
    /// - Throws: ``NoteError/malformedCheckpoint(_:)`` when the text is not a checkpoint.
    public init(parsing text: String) throws(NoteError) {
        guard text.hasSuffix("\n") else { throw .malformedCheckpoint("text must end with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 3 else { throw .malformedCheckpoint("expected exactly 3 lines, found \(lines.count)") }
        guard !lines[0].isEmpty else { throw .malformedCheckpoint("empty origin") }
        let sizeText = lines[1]
        guard let size = Int(sizeText), size >= 0, String(size) == sizeText else {
            throw .malformedCheckpoint("size '\(sizeText)' is not a decimal without leading zeros")
        }
        guard let root = Data(base64Encoded: String(lines[2])), root.count == 32 else {
            throw .malformedCheckpoint("root is not base64 of 32 bytes")
        }
        self.init(origin: String(lines[0]), size: size, root: Array(root))
    }
}
