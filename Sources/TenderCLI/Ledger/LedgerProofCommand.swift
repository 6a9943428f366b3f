import ArgumentParser
import TenderLedger
import TenderScoring

/// `tender ledger proof SEQ`: a receipt for one entry that a bidder can check alone.
struct LedgerProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Print a JSON receipt (entry, inclusion proof, signed checkpoint) for entry SEQ.")

    @OptionGroup var options: LedgerOptions

    @Argument(help: "The entry's sequence number (0-based).")
    var seq: Int

    func run() throws {
        let seq = self.seq
        let receipt = try LedgerCLI.orExit { () throws(LedgerError) -> LedgerReceipt in
            let reader = try LedgerStore(readOnlyAt: options.ledger)
            let size = try reader.size()
            guard seq >= 0, seq < size else { throw .entryNotFound(seq: seq, size: size) }
            if (try reader.latestCheckpoint()?.checkpoint.size ?? 0) <= seq {
                // Signing a checkpoint appends to the ledger: only with the writer's lock. A running daemon holds it
                // and signs one itself within its checkpoint interval.
                let lock: LedgerLock
                do {
                    lock = try LedgerLock(ledger: options.ledger, purpose: "tender ledger proof")
                } catch {
                    let reason = "\(error)"
                    let message: String =
                        "entry #\(seq) is not yet covered by a signed checkpoint, and \(reason); a running daemon "
                        + "signs one within its checkpoint interval: run this again shortly"
                    throw .signing(message)
                }
                let key = try LedgerKey.load(at: options.keyPath)
                defer { withExtendedLifetime(lock) {} }
                _ = try LedgerStore(path: options.ledger, signer: key.signer).writeCheckpoint()
            }
            return try LedgerReceipt(store: try LedgerStore(readOnlyAt: options.ledger), seq: seq)
        }
        print(receipt.json.canonicalString)
    }
}
