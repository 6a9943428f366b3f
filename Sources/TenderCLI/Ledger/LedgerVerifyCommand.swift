import ArgumentParser
import Foundation
import TenderLedger

/// `tender ledger verify`: re-checks every entry, blob and checkpoint.
struct LedgerVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the ledger's hashes, chain, blobs and signed checkpoints (exit 1 if tampered).")

    @OptionGroup var options: LedgerOptions

    @Option(name: .long, help: "A checkpoint note (or checkpoints.log) you kept from an earlier audit.")
    var trusted: String?

    @Option(name: .long, help: "Verifier key text, or a file holding it (default: the ledger's key file).")
    var key: String?

    func run() throws {
        // The ledger first: a wrong --ledger is named as such, not as a missing key beside it.
        _ = try options.openReadOnly()
        let verifier = try resolveKey()
        var trustedText: String?
        if let trusted {
            guard let text = try? String(contentsOfFile: trusted, encoding: .utf8) else {
                throw LedgerCLI.fail("error: cannot read the trusted checkpoint file \(trusted).")
            }
            trustedText = text
        }
        let report = try LedgerCLI.orExit { () throws(LedgerError) in
            try LedgerVerifier(path: options.ledger, verifier: verifier, trustedCheckpoint: trustedText).verify()
        }
        if report.isValid {
            print(
                "OK: \(report.size) entries, root \(Hex.encode(report.root)), \(report.checkpointsChecked) "
                    + "checkpoints and \(report.blobsChecked) blobs verified, \(report.unsignedEntries) entries not yet signed"
            )
            return
        }
        for problem in report.problems { print(problem) }
        let first = report.firstBadSeq.map { "first bad entry: \($0)" } ?? "no single entry can be named"
        throw LedgerCLI.fail(
            "TAMPERED: \(report.problemCount) problem(s); \(first). Keep this copy as evidence and compare "
                + "with your off-box checkpoints.")
    }

    private func resolveKey() throws -> NoteVerifier {
        guard let key else {
            let loaded = try LedgerCLI.orExit { () throws(LedgerError) in try LedgerKey.load(at: options.keyPath) }
            return loaded.verifier
        }
        let text = (try? String(contentsOfFile: key, encoding: .utf8)) ?? key
        if let signer = try? NoteSigner(signerKey: text) { return signer.verifier }
        return try LedgerCLI.orExit { () throws(NoteError) in try NoteVerifier(verifierKey: text) }
    }
}
