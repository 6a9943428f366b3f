import ArgumentParser
import TenderLedger

/// `tender ledger key`: prints the verifier key auditors need.
struct LedgerKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Print the ledger's verifier key (give it to auditors).")

    @OptionGroup var options: LedgerOptions

    func run() throws {
        _ = try options.openReadOnly()
        let key = try LedgerCLI.orExit { () throws(LedgerError) in try LedgerKey.load(at: options.keyPath) }
        print(key.verifier.verifierKey)
    }
}
