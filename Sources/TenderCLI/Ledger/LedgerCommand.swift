public import ArgumentParser

/// `tender ledger …`: verify, browse and prove entries of the score ledger.
///
/// Add a subcommand by listing its type in ``configuration``.
public struct LedgerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Verify, browse and prove entries of the tamper-evident score ledger.",
        subcommands: [
            LedgerVerifyCommand.self,
            LedgerShowCommand.self,
            LedgerProofCommand.self,
            LedgerKeyCommand.self,
            LedgerReplayCommand.self,
        ]
    )

    public init() {}
}
