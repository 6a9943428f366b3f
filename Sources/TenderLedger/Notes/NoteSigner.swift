import Crypto
import Foundation

/// An Ed25519 note signer (C2SP signed-note / Go `sumdb/note` compatible).
///
/// Its text form is Go's signer key: `PRIVATE+KEY+<name>+<hex8 key id>+<base64(0x01 ‖ 32-byte seed)>`.
///
/// ```swift
/// let signer = NoteSigner.generate(name: "tender.ledger/example")
/// let note = try signer.sign(text: "hello\n")
/// try signer.verifier.verify(note)
/// ```
public struct NoteSigner: Sendable {
    /// The key (and log) name.
    public let name: String
    /// The matching verifier.
    public let verifier: NoteVerifier
    /// The 32-byte Ed25519 seed (secret).
    let seed: [UInt8]

    /// A signer from a 32-byte Ed25519 seed.
    ///
    /// - Throws: ``NoteError/malformedKey(_:)`` when the name or seed is invalid.
    public init(name: String, seed: [UInt8]) throws(NoteError) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .malformedKey("an Ed25519 seed is 32 bytes")
        }
        self.name = name
        self.seed = seed
        self.verifier = try NoteVerifier(name: name, publicKey: Array(key.publicKey.rawRepresentation))
    }

    /// Parses Go signer key text `PRIVATE+KEY+<name>+<hex8>+<base64(0x01 ‖ seed)>`.
    ///
    /// - Throws: ``NoteError/malformedKey(_:)`` when the text is malformed or the id does not match.
    public init(signerKey text: String) throws(NoteError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .malformedKey("a signer key starts with 'PRIVATE+KEY+'")
        }
        guard let id = UInt32(parts[3], radix: 16), parts[3].count == 8 else {
            throw .malformedKey("the key id must be 8 hex digits")
        }
        guard let material = Data(base64Encoded: String(parts[4])), material.count == 33,
            material.first == NoteVerifier.algorithmEd25519
        else { throw .malformedKey("key material must be base64 of 0x01 followed by a 32-byte seed") }
        try self.init(name: String(parts[2]), seed: Array(material.dropFirst()))
        guard verifier.keyID == id else { throw .malformedKey("the key id does not match the key") }
    }

    /// A signer with a fresh random key.
    public static func generate(name: String) throws(NoteError) -> NoteSigner {
        let key = Curve25519.Signing.PrivateKey()
        return try NoteSigner(name: name, seed: Array(key.rawRepresentation))
    }

    /// The Go signer key text (secret: store it with mode 0600).
    public var signerKey: String {
        let material = Data([NoteVerifier.algorithmEd25519] + seed).base64EncodedString()
        return "PRIVATE+KEY+\(name)+\(String(format: "%08x", verifier.keyID))+\(material)"
    }

    /// Signs `text` (which must end in `\n` and contain no blank line) as a one-signature note.
    ///
    /// - Throws: ``NoteError/malformedNote(_:)`` when the text cannot be a note's text.
    public func sign(text: String) throws(NoteError) -> SignedNote {
        guard text.hasSuffix("\n"), !text.contains("\n\n"), text != "\n" else {
            throw .malformedNote("note text must end with a newline and contain no blank line")
        }
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
            let signature = try? key.signature(for: Array(text.utf8))
        else { throw .malformedKey("the signing key could not sign") }
        let line = SignedNote.Signature(name: name, keyID: verifier.keyID, signature: Array(signature))
        return SignedNote(text: text, signatures: [line])
    }
}
