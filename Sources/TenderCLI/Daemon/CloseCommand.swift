import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring

/// `tender close`: asks the daemon for the final evaluation by dropping a close request into the inbox; with
/// `--wait`, waits for the daemon's answer and says what it was.
struct CloseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Ask the daemon for the final evaluation of a procurement (drops a close request into the inbox).",
        discussion: """
            Without --wait the request is only written. With --wait the command waits for the daemon to record \
            it and prints the outcome. Exit status with --wait: 0 final evaluation recorded, 1 request rejected \
            (the reasons are printed), 4 evaluation recorded but not final (what is open is printed), 5 no answer \
            within --timeout (the request stays in the inbox; is the daemon running?).
            """)

    @Argument(help: "The procurement reference (its ocid).")
    var procurement: String

    @Option(name: .long, help: "One lot to close; without it, a procurement with lots is closed lot by lot, every lot.")
    var lot: String?

    @Option(
        name: .long,
        help:
            "For a procedure with stages: the stage to close (its evaluation concludes it, and records who goes forward)."
    )
    var stage: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The daemon's settings file (for its inbox and state folders).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The daemon's inbox (default: from the settings).", valueName: "folder"))
    var inbox: String?

    @Option(
        name: .long, help: "The contract details notice date (YYYY-MM-DD): the report counts the standstill from it.")
    var noticeDate: String?

    @Flag(name: .long, help: "Wait for the daemon's answer and print it.")
    var wait = false

    @Option(name: .long, help: ArgumentHelp("With --wait: how long to wait, in seconds.", valueName: "seconds"))
    var timeout: Double = 60

    static let notFinal = ExitCode(4)
    static let noAnswer = ExitCode(5)

    func validate() throws {
        if let noticeDate, Timestamp(rfc3339: noticeDate + "T00:00:00Z") == nil {
            throw ValidationError("--notice-date must be a date such as 2026-12-21.")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be a number of seconds above 0.") }
    }

    func run() async throws {
        let settings = try CommandSettings.load(config: config, prefix: "tender close: error: ")
        let folder = inbox ?? settings.inbox
        let path = try write(into: folder)
        let key = ProcurementKey(reference: procurement, lot: lot, stage: stage)
        Console.out("close request for \(key) written to \(path)")
        guard wait else { return }
        let answer = await CloseAnswer.wait(
            for: (path as NSString).lastPathComponent, settings: settings, key: key, timeout: timeout)
        Console.out(answer.text)
        switch answer.outcome {
        case .final: return
        case .rejected: throw ExitCodes.failure
        case .notFinal: throw Self.notFinal
        case .noAnswer: throw Self.noAnswer
        }
    }

    /// Writes the request under a temporary name and renames it in (the inbox protocol).
    func write(into inbox: String) throws -> String {
        guard FileManager.default.fileExists(atPath: inbox) else {
            Console.error("tender close: error: no inbox at \(inbox); pass --inbox with the daemon's inbox folder")
            throw ExitCodes.failure
        }
        let now = Date()
        let stamp = Timestamp(seconds: Int64(now.timeIntervalSince1970), nanoseconds: 0)
        var text = "kind: close\nprocurement: \(Self.quoted(procurement))\n"
        if let lot { text += "lot: \(Self.quoted(lot))\n" }
        if let stage { text += "stage: \(Self.quoted(stage))\n" }
        if let noticeDate { text += "notice_date: \(Self.quoted(noticeDate))\n" }
        text += "requested_at: \(stamp)\nrequested_by: \(Self.quoted(NSUserName()))\n"
        func safe(_ text: String) -> String { String(text.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }) }
        let name =
            "close-\(safe(procurement))\(lot.map { "-lot-\(safe($0))" } ?? "")\(stage.map { "-stage-\(safe($0))" } ?? "")"
            + "-\(Int(now.timeIntervalSince1970 * 1000)).yaml"
        let final = (inbox as NSString).appendingPathComponent(name)
        let temporary = final + ".part"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: final)
        return final
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
