import Foundation
import Testing

@testable import TenderLedger

/// Checked against the example of Go's `golang.org/x/mod/sumdb/note` (note_test.go `TestSign`/`TestOpen`).
struct SignedNoteTests {
    static let goSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let goVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goText =
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goSignature =
        "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    static let enochSignature =
        "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

    @Test func goNoteVerifiesWithGoVerifierKey() throws {
        // Given the note signed by Go's reference implementation
        let verifier = try NoteVerifier(verifierKey: Self.goVerifierKey)
        // When it is opened
        let note = try verifier.open(Self.goText + "\n" + Self.goSignature)
        // Then the text and key id are those of the example
        #expect(note.text == Self.goText)
        #expect(verifier.keyID == 0xc74f_20a3)
        #expect(verifier.verifierKey == Self.goVerifierKey)
    }

    @Test func unknownSignaturesAreIgnored() throws {
        // Given the Go note with an extra signature from another key
        let verifier = try NoteVerifier(verifierKey: Self.goVerifierKey)
        // When it is opened
        let note = try verifier.open(Self.goText + "\n" + Self.goSignature + Self.enochSignature)
        // Then it verifies and keeps both lines
        #expect(note.signatures.map(\.name) == ["PeterNeumann", "EnochRoot"])
    }

    @Test func goSignerKeyDerivesTheGoVerifierAndSignsVerifiably() throws {
        // Given Go's example signer key
        let signer = try NoteSigner(signerKey: Self.goSignerKey)
        // When it signs the example text
        let note = try signer.sign(text: Self.goText)
        // Then its verifier is Go's, it round-trips its text form, and the note verifies
        // (Ed25519 signature bytes are not compared: they may be hedged with randomness)
        #expect(signer.verifier.verifierKey == Self.goVerifierKey)
        #expect(signer.signerKey == Self.goSignerKey)
        try signer.verifier.verify(try SignedNote(parsing: note.serialized))
    }

    @Test func alteredTextOrSignatureIsRejected() throws {
        // Given the Go note
        let verifier = try NoteVerifier(verifierKey: Self.goVerifierKey)
        let altered = Self.goText.replacingOccurrences(of: "cryptography", with: "blockchains")
        // When / Then changing its text, its signature or the key fails
        #expect(throws: NoteError.invalidSignature(key: "PeterNeumann+c74f20a3")) {
            try verifier.open(altered + "\n" + Self.goSignature)
        }
        let badSignature = Self.goSignature.replacingOccurrences(of: "x08go/ZJ", with: "x08go/ZK")
        #expect(throws: NoteError.invalidSignature(key: "PeterNeumann+c74f20a3")) {
            try verifier.open(Self.goText + "\n" + badSignature)
        }
        let other = try NoteSigner.generate(name: "PeterNeumann").verifier
        #expect(throws: NoteError.noVerifiableSignature(key: other.keyLabel)) {
            try other.open(Self.goText + "\n" + Self.goSignature)
        }
    }

    @Test(arguments: [
        goText,
        goText + "\n",
        goText + "\n" + String(goSignature.dropLast()),
        "\u{01}" + goText + "\n" + goSignature,
        goText + "\n"
            + "\u{2014} Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        goText + "\n" + goSignature + "Unexpected line.\n",
    ])
    func malformedNotesAreRejected(message: String) throws {
        // Given a malformed variant of the Go note (from note_test.go)
        let verifier = try NoteVerifier(verifierKey: Self.goVerifierKey)
        // When / Then opening it fails
        #expect(throws: NoteError.self) { try verifier.open(message) }
    }

    @Test(arguments: [
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3",
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ])
    func malformedVerifierKeysAreRejected(key: String) {
        // Given a mangled verifier key
        // When / Then parsing it fails
        #expect(throws: NoteError.self) { try NoteVerifier(verifierKey: key) }
    }

    @Test func checkpointTextRoundTripsAndRejectsBadSizes() throws {
        // Given a checkpoint
        let checkpoint = Checkpoint(origin: "tender.ledger/x", size: 42, root: Vectors.roots[7])
        // When its text is parsed back
        let parsed = try Checkpoint(parsing: checkpoint.text)
        // Then it is equal, and the exact bytes are the C2SP form
        #expect(parsed == checkpoint)
        #expect(checkpoint.text == "tender.ledger/x\n42\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")
        #expect(throws: NoteError.self) {
            try Checkpoint(parsing: "o\n042\nXcnaeacGWamtVZy3Ad7Zoqudgjqtl0lgz+Nw7/RgQyg=\n")
        }
        #expect(throws: NoteError.self) { try Checkpoint(parsing: "o\n42\nAAAA\n") }
    }

    @Test func checkpointLogSplitsIntoNotes() throws {
        // Given two signed checkpoints written as checkpoints.log writes them
        let signer = try NoteSigner.generate(name: "tender.ledger/t")
        let first = try signer.sign(text: Checkpoint(origin: signer.name, size: 1, root: Vectors.roots[0]).text)
        let second = try signer.sign(text: Checkpoint(origin: signer.name, size: 2, root: Vectors.roots[1]).text)
        let log = first.serialized + "\n" + second.serialized + "\n"
        // When the log is split
        let notes = try SignedNote.parseLog(log)
        // Then both notes come back and verify
        #expect(notes == [first, second])
        for note in notes { try signer.verifier.verify(note) }
    }
}
