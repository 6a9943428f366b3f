import ArgumentParser
import Foundation
import TenderScoring

/// `tender close`: asks the daemon for the final evaluation by dropping a close request into the inbox.
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Ask the daemon for the final evaluation of a procurement (drops a close request into the inbox).")

    @Argument(help: "The procurement reference (its ocid).")
    var procurement: String

    @Option(name: .long, help: "The lot, when the procurement has lots.")
    var lot: String?

    @Option(name: .long, help: ArgumentHelp("The daemon's inbox.", valueName: "folder"))
    var inbox = "var/inbox"

    @Option(
        name: .long, help: "The contract details notice date (YYYY-MM-DD): the report counts the standstill from it.")
    var noticeDate: String?

    func validate() throws {
        if let noticeDate, Timestamp(rfc3339: noticeDate + "T00:00:00Z") == nil {
            throw ValidationError("--notice-date must be a date such as 2026-12-21.")
        }
    }

    func run() throws {
        let path = try write()
        Console.out("close request for \(procurement)\(lot.map { " lot \($0)" } ?? "") written to \(path)")
    }

    /// Writes the request under a temporary name and renames it in (the inbox protocol).
    func write() throws -> String {
        guard FileManager.default.fileExists(atPath: inbox) else {
            Console.error("tender close: no inbox at \(inbox); pass --inbox with the daemon's inbox folder")
            throw ExitCodes.failure
        }
        let now = Date()
        let stamp = Timestamp(seconds: Int64(now.timeIntervalSince1970), nanoseconds: 0)
        var text = "kind: close\nprocurement: \(Self.quoted(procurement))\n"
        if let lot { text += "lot: \(Self.quoted(lot))\n" }
        if let noticeDate { text += "notice_date: \(Self.quoted(noticeDate))\n" }
        text += "requested_at: \(stamp)\nrequested_by: \(Self.quoted(NSUserName()))\n"
        let safe = String(procurement.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        let name = "close-\(safe)\(lot.map { "-lot-\($0)" } ?? "")-\(Int(now.timeIntervalSince1970 * 1000)).yaml"
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
