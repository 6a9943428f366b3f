/// Why a signed note, key or checkpoint was rejected.
public enum NoteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The note text does not follow the signed-note syntax.
    case malformedNote(String)
    /// A signer or verifier key string is not valid.
    case malformedKey(String)
    /// A signature line from the expected key is present but does not verify.
    case invalidSignature(key: String)
    /// No signature from the expected key is on the note.
    case noVerifiableSignature(key: String)
    /// The signed text is not a valid C2SP checkpoint.
    case malformedCheckpoint(String)

    public var description: String {
        switch self {
        case .malformedNote(let reason):
            "Malformed signed note: \(reason). Pass the note exactly as written, including its final newline."
        case .malformedKey(let reason):
            "Malformed key: \(reason). Expected '<name>+<8 hex digits>+<base64>' as printed by 'tender ledger key'."
        case .invalidSignature(let key):
            "The signature by \(key) does not verify: the note was altered or signed by a different key."
        case .noVerifiableSignature(let key):
            "The note carries no signature by \(key); check that you used the verifier key of this ledger."
        case .malformedCheckpoint(let reason):
            "Malformed checkpoint: \(reason). A checkpoint is 'origin\\nsize\\nbase64(root)\\n'."
        }
    }
}
