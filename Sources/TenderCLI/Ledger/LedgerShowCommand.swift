import ArgumentParser
import Foundation
import TenderDaemon
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

    /// Hands each selected entry's line to `emit`, in ledger order. Entries are read in batches whose bodies are
    /// parsed and summarised on every core.
    func show(_ emit: (String) -> Void) throws {
        let store = try options.openReadOnly()
        // Bodies are canonical JSON, so an entry of the procurement holds these exact bytes; a body without them is
        // skipped unparsed (one that has them, perhaps only in a nested member, is parsed and checked).
        let marker = procurement.map { Array(#""procurement":"#.utf8) + JSONValue.string($0).canonicalBytes }
        var batch: [LedgerEntry] = []
        func flush() throws(JSONParser.Failure) {
            let entries = batch
            let (procurement, json) = (procurement, json)
            let lines = ConcurrentMap.map(entries.count) { index in
                Result { () throws(JSONParser.Failure) -> String? in
                    let entry = entries[index]
                    let value = try entry.json()
                    if let procurement, value["procurement"] != .string(procurement) { return nil }
                    return json
                        ? entry.bodyText : LedgerEntrySummary.line(seq: entry.seq, type: entry.type, body: value)
                }
            }
            for line in lines { if let line = try line.get() { emit(line) } }
            batch.removeAll(keepingCapacity: true)
        }
        try LedgerCLI.orExit { () throws(LedgerError) in
            try store.forEachEntry { entry in
                if let marker, !Self.contains(entry.body, marker) { return }
                batch.append(entry)
                if batch.count == Self.batchSize { try flush() }
            }
            // As inside the read, a body that does not parse is reported as a failed read.
            do { try flush() } catch { throw .database(operation: "read entries", reason: "\(error)") }
        }
    }

    /// Entries parsed together: enough to keep every core busy, few enough to print as they are read.
    static let batchSize = 256

    /// Whether `bytes` holds `needle` anywhere.
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
                var offset = 0
                let last = haystack.count - needle.count
                while offset <= last {
                    // The next place the needle's first byte occurs, then the rest compared in one call.
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    offset = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return true }
                    offset += 1
                }
                return false
            }
        }
    }
}
