import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger

/// Options shared by the ledger subcommands.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger file.")
    var ledger = DaemonSettings().ledger

    /// `<ledger folder>/keys/ledger.ed25519`.
    var keyPath: String { LedgerKey.defaultPath(forLedger: ledger) }

    /// Opens the ledger read-only or exits with a message.
    func openReadOnly() throws -> LedgerStore {
        try LedgerCLI.orExit { () throws(LedgerError) in try LedgerStore(readOnlyAt: ledger) }
    }
}

/// Shared CLI plumbing: messages to stderr and exit code 1 instead of stack traces.
enum LedgerCLI {
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(1)
    }

    static func orExit<T, E: Error & CustomStringConvertible>(_ body: () throws(E) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw fail("error: \(error.description)")
        }
    }
}
