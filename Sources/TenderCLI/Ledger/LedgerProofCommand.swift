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
                let key = try LedgerKey.load(at: options.keyPath)
                try LedgerStore(path: options.ledger, signer: key.signer).writeCheckpoint()
            }
            return try LedgerReceipt(store: try LedgerStore(readOnlyAt: options.ledger), seq: seq)
        }
        print(receipt.json.canonicalString)
    }
}
