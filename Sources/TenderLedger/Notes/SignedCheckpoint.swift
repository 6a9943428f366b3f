/// A checkpoint together with the signed note that carries it.
public struct SignedCheckpoint: Sendable, Hashable {
    /// The parsed checkpoint.
    public let checkpoint: Checkpoint
    /// The signed note whose text is `checkpoint.text`.
    public let note: SignedNote

    /// Pairs a checkpoint with its note.
    public init(checkpoint: Checkpoint, note: SignedNote) {
        self.checkpoint = checkpoint
        self.note = note
    }

    /// Parses a signed checkpoint note and verifies it with `verifier`; the origin must equal the key name.
    ///
    /// - Throws: ``NoteError`` when the note is malformed, unsigned by the key, or for another origin.
    public init(verifying message: String, with verifier: NoteVerifier) throws(NoteError) {
        let note = try verifier.open(message)
        let checkpoint = try Checkpoint(parsing: note.text)
        guard checkpoint.origin == verifier.name else {
            throw .malformedCheckpoint("origin '\(checkpoint.origin)' is not the key name '\(verifier.name)'")
        }
        self.init(checkpoint: checkpoint, note: note)
    }

    /// The full note text (what goes into `checkpoints.log` and receipts).
    public var noteText: String { note.serialized }
}
