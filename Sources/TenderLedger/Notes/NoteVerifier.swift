import Crypto
import Foundation

/// An Ed25519 note verifier key: `<name>+<hex8 key id>+<base64(0x01 ‖ public key)>`.
///
/// The key id is the first 4 bytes of `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)`, as in Go's
/// `golang.org/x/mod/sumdb/note`, so keys and notes interoperate with Go tooling.
public struct NoteVerifier: Sendable, Hashable {
    /// The key (and log) name.
    public let name: String
    /// The 4-byte key id.
    public let keyID: UInt32
    /// The raw 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    /// The Ed25519 algorithm byte in key material.
    static let algorithmEd25519: UInt8 = 0x01

    /// A verifier for a raw Ed25519 public key.
    ///
    /// - Throws: ``NoteError/malformedKey(_:)`` when the name or key is invalid.
    public init(name: String, publicKey: [UInt8]) throws(NoteError) {
        guard SignedNote.isValidName(name[...]) else {
            throw .malformedKey("name '\(name)' is empty or has '+'/spaces")
        }
        guard publicKey.count == 32 else { throw .malformedKey("an Ed25519 public key is 32 bytes") }
        self.name = name
        self.publicKey = publicKey
        self.keyID = Self.keyID(name: name, publicKey: publicKey)
    }

    /// Parses verifier key text `<name>+<hex8>+<base64(0x01 ‖ key)>` and checks that the id matches.
    ///
    /// - Throws: ``NoteError/malformedKey(_:)`` when the text is malformed or the id does not match the key.
    public init(verifierKey text: String) throws(NoteError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey("expected three '+'-separated parts") }
        guard parts[1].count == 8, parts[1] == parts[1].lowercased(), let id = UInt32(parts[1], radix: 16) else {
            throw .malformedKey("the key id must be 8 lowercase hex digits")
        }
        guard let material = Data(base64Encoded: String(parts[2])), material.count == 33,
            material.first == Self.algorithmEd25519
        else { throw .malformedKey("key material must be base64 of 0x01 followed by 32 bytes") }
        try self.init(name: String(parts[0]), publicKey: Array(material.dropFirst()))
        guard keyID == id else { throw .malformedKey("the key id does not match the key") }
    }

    /// The verifier key text.
    public var verifierKey: String {
        let material = Data([Self.algorithmEd25519] + publicKey).base64EncodedString()
        return "\(name)+\(String(format: "%08x", keyID))+\(material)"
    }

    /// `name+hex8`, for messages.
    public var keyLabel: String { "\(name)+\(String(format: "%08x", keyID))" }

    /// First 4 bytes (big-endian) of `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey)`.
    public static func keyID(name: String, publicKey: [UInt8]) -> UInt32 {
        let digest = SHA256Hashing.sha256(Array(name.utf8) + [0x0A, algorithmEd25519] + publicKey)
        return digest[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Checks that this key signed `note`. Signatures by other keys are ignored.
    ///
    /// - Throws: ``NoteError/invalidSignature(key:)`` when a signature from this key is bad, or
    ///   ``NoteError/noVerifiableSignature(key:)`` when the key did not sign the note.
    public func verify(_ note: SignedNote) throws(NoteError) {
        let mine = note.signatures.filter { $0.name == name && $0.keyID == keyID }
        guard !mine.isEmpty else { throw .noVerifiableSignature(key: keyLabel) }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            throw .malformedKey("not a valid Ed25519 public key")
        }
        let message = Array(note.text.utf8)
        for signature in mine where !key.isValidSignature(signature.signature, for: message) {
            throw .invalidSignature(key: keyLabel)
        }
    }

    /// Parses `message` as a signed note and verifies it with this key.
    ///
    /// - Throws: ``NoteError`` when the note is malformed or not signed by this key.
    public func open(_ message: String) throws(NoteError) -> SignedNote {
        let note = try SignedNote(parsing: message)
        try verify(note)
        return note
    }
}
