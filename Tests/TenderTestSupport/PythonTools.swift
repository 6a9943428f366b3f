import Foundation

/// Whether the Python the repository's checkers use (``ChildProcess/python``) can run them. Tests that need it run
/// when it imports what they need, and always when `TENDER_REQUIRE_PYTHON=1` (as `.ci/run` sets, after installing
/// the packages), where a missing package is then a failure; elsewhere they are skipped with the reason, so
/// `swift test` passes on a machine with only Swift, libyaml-dev and libsqlite3-dev.
public enum PythonTools {
    /// `TENDER_REQUIRE_PYTHON=1`: Python checks must run.
    public static let required = ProcessInfo.processInfo.environment["TENDER_REQUIRE_PYTHON"] == "1"

    /// The schema checkers (`Schemas/check.py`, `Schemas/ocds/validate.py`): PyYAML and jsonschema >= 4.18.
    public static let schemas = required || imports(["yaml", "jsonschema", "referencing"])

    /// The independent ledger verifier: `cryptography`.
    public static let ledgerVerifier = required || imports(["cryptography", "sqlite3"])

    /// Python's own sqlite3 (a second process holding the ledger's write lock).
    public static let sqlite = required || imports(["sqlite3"])

    /// `TENDER_BROWSER=1`: the console's browser test must run (Playwright with Debian's Chromium).
    public static let browserRequired = ProcessInfo.processInfo.environment["TENDER_BROWSER"] == "1"

    /// Playwright for Python (the console's browser test launches the system Chromium with it).
    public static let browser = browserRequired || imports(["playwright"])

    public static let browserReason: String =
        "needs python3 with playwright and Debian's chromium (or TENDER_PYTHON set to one); .ci/run installs them"

    public static let schemasReason: String =
        "needs python3 with PyYAML and jsonschema >= 4.18 (or TENDER_PYTHON set to one); .ci/run installs them"
    public static let ledgerVerifierReason: String =
        "needs python3 with cryptography (or TENDER_PYTHON set to one); .ci/run installs it"
    public static let sqliteReason: String = "needs python3 (or TENDER_PYTHON)"

    /// Whether the Python imports every module (a short child process, waited for at once).
    static func imports(_ modules: [String]) -> Bool {
        ChildProcess.succeeds([ChildProcess.python, "-c", "import " + modules.joined(separator: ", ")])
    }
}
