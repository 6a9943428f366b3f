import ArgumentParser
import TenderLedger
import TenderScoring

/// `tender ledger show`: the ledger's history, optionally for one procurement.
struct LedgerShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the ledger's entries in order.")

    @OptionGroup var options: LedgerOptions

    @Option(name: .long, help: "Only entries whose body has this \"procurement\".")
    var procurement: String?

    @Flag(name: .long, help: "Print each entry's canonical JSON body, one per line.")
    var json = false

    func run() throws {
        let store = try options.openReadOnly()
        try LedgerCLI.orExit { () throws(LedgerError) in
            try store.forEachEntry { entry in
                let value = try entry.json()
                if let procurement, value["procurement"] != .string(procurement) { return }
                print(json ? entry.bodyText : Self.readable(entry, value))
            }
        }
    }

    static func readable(_ entry: LedgerEntry, _ value: JSONValue) -> String {
        let members = (value.objectValue ?? [:]).filter { $0.key != "seq" && $0.key != "type" }
        let fields = members.keys.sorted().map { key in
            let member = members[key]!
            return "\(key)=\(member.stringValue ?? member.canonicalString)"
        }
        return (["#\(entry.seq)", entry.type] + fields).joined(separator: "  ")
    }
}
