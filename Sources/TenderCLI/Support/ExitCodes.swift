public import ArgumentParser

/// The exit codes the commands use (cf. promtool).
public enum ExitCodes {
    /// Everything is fine.
    public static let success = ExitCode(0)
    /// Invalid input, a failed test, a tampered ledger.
    public static let failure = ExitCode(1)
    /// `rules check`: only lint warnings.
    public static let lintWarnings = ExitCode(3)
}
