import ArgumentParser
import TenderLedger
import TenderScoring

/// `tender ledger show`: the ledger's history, one readable line per entry, optionally for one procurement.
struct LedgerShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the ledger's entries in order, one line each.",
        discussion: """
            Each line gives the entry's number, when it was recorded, its type, its procurement and what it says: \
            a document's name and hash, a submission's status and points per criterion, an evaluation's winner \
            and ranking, why a document or rule set was rejected. Hashes are cut to 12 digits; --json prints \
            every entry's body whole.
            """)

    @OptionGroup var options: LedgerOptions

    @Option(name: .long, help: "Only entries whose body has this \"procurement\".")
    var procurement: String?

    @Flag(name: .long, help: "Print each entry's canonical JSON body, one per line.")
    var json = false

    func run() throws {
        try show { print($0) }
    }

    /// Hands each selected entry's line to `emit`, in ledger order.
    func show(_ emit: (String) -> Void) throws {
        let store = try options.openReadOnly()
        try LedgerCLI.orExit { () throws(LedgerError) in
            try store.forEachEntry { entry in
                let value = try entry.json()
                if let procurement, value["procurement"] != .string(procurement) { return }
                emit(json ? entry.bodyText : LedgerEntrySummary.line(seq: entry.seq, type: entry.type, body: value))
            }
        }
    }
}
