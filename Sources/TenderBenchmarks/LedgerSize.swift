import TenderLedger

/// The number of entries in a ledger file.
enum LedgerSize {
    static func of(_ path: String) throws -> Int {
        try LedgerStore(readOnlyAt: path).size()
    }
}
