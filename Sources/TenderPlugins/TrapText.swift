/// Short, one-line text for WasmKit errors and traps.
enum TrapText {
    /// The first line of the error's description without the `Trap: ` prefix (backtraces follow on later lines).
    static func firstLine(of error: any Error) -> String {
        let text = String(describing: error)
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        return line.hasPrefix("Trap: ") ? String(line.dropFirst(6)) : line
    }
}
