import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring

/// What the daemon made of a close request, found the way an operator would: the request's file moves from the
/// inbox to `archive/` (recorded; the evaluation follows it in the ledger) or to `rejected/` (with its reasons in
/// `NAME.error.txt`).
struct CloseAnswer {
    enum Outcome {
        case final
        case notFinal
        case rejected
        case noAnswer
    }

    var outcome: Outcome
    var text: String

    /// Polls for the request named `name` (its name in the inbox) until it is answered or `timeout` seconds pass.
    static func wait(for name: String, settings: DaemonSettings, key: ProcurementKey, timeout: Double) async
        -> CloseAnswer
    {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let answer = answer(for: name, settings: settings, key: key) { return answer }
            try? await Task.sleep(for: .milliseconds(100))
        }
        let still = FileManager.default.fileExists(atPath: (settings.inbox as NSString).appendingPathComponent(name))
        return CloseAnswer(
            outcome: .noAnswer,
            text: "no answer from the daemon within \(Int(timeout)) s; the request is "
                + (still ? "still in the inbox: is the daemon running (tender serve)?" : "being processed")
                + " — wait longer with --timeout, or look in \(settings.rejected) and the daemon's log")
    }

    /// The answer, once the request has left `processing/`.
    static func answer(for name: String, settings: DaemonSettings, key: ProcurementKey) -> CloseAnswer? {
        let suffix = "--" + name
        if let rejected = names(in: settings.rejected).first(where: { $0.hasSuffix(suffix) }) {
            let reasons =
                (try? String(
                    contentsOfFile: (settings.rejected as NSString).appendingPathComponent(rejected + ".error.txt"),
                    encoding: .utf8)) ?? "(no reasons file)"
            return CloseAnswer(outcome: .rejected, text: "the close request was rejected:\n" + reasons)
        }
        guard let claim = names(in: settings.archive).first(where: { $0.hasSuffix(suffix) }) else { return nil }
        // The claim's intake record names its `document-received` entry; the evaluation is the next entry, in the
        // same commit (see IntakeDecider).
        guard let store = try? LedgerStore(readOnlyAt: settings.ledger),
            let received = (try? store.intake(claim: claim))??.seq,
            let evaluated = (try? store.entry(seq: received + 1)) ?? nil, evaluated.type == EvaluationEntry.type,
            let body = try? evaluated.json()
        else { return nil }
        if let award = awardAfter(evaluated.seq, in: store) { return award }
        let result = body[EvaluationEntry.resultMember]
        if body["final"] == .bool(true) {
            let winner = body["winner"]?.stringValue ?? "none"
            return CloseAnswer(
                outcome: .final,
                text: "final evaluation of \(key) recorded as ledger entry #\(evaluated.seq); most advantageous "
                    + "tender: \(winner); reports in \((settings.reports as NSString).appendingPathComponent(key.folderName))"
            )
        }
        let missing = (result?["missing_marks"]?.arrayValue ?? []).map { mark in
            "  missing mark: \(mark["tender"]?.stringValue ?? "?") \(mark["question"]?.stringValue ?? "")"
                + (mark["evaluator"]?.stringValue.map { " from \($0)" } ?? "")
        }
        // What holds the award: tender, kind, since when, and the deadline once the supplier has been given one.
        let holds = (result?["holds"]?.arrayValue ?? []).map { hold in
            var line = "  on hold: \(hold["tender"]?.stringValue ?? "?") \(hold["kind"]?.stringValue ?? "?")"
            if let since = hold["since"]?.stringValue { line += " since \(since)" }
            if let deadline = hold["deadline"]?.stringValue { line += ", response due by \(deadline)" }
            return line + (hold["message"]?.stringValue.map { ": \($0)" } ?? "")
        }
        let open = holds + missing
        return CloseAnswer(
            outcome: .notFinal,
            text: "the evaluation of \(key) is recorded as ledger entry #\(evaluated.seq) but is not final:\n"
                + (open.isEmpty ? "  (see the evaluation report for what is open)" : open.joined(separator: "\n"))
        )
    }

    /// The award across lots recorded in the same commit as the evaluations from `seq` (a close of a lotted
    /// procurement whose lots are all closed), as an answer.
    /// The award across lots, or the stage's outcome, recorded after the evaluation `seq`.
    static func awardAfter(_ seq: Int, in store: LedgerStore) -> CloseAnswer? {
        var next = seq
        while let entry = (try? store.entry(seq: next)) ?? nil,
            [EvaluationEntry.type, ReportWrittenEntry.type, LotsAwardedEntry.type, StageConcludedEntry.type].contains(
                entry.type)
        {
            if entry.type == StageConcludedEntry.type, let body = try? entry.json() {
                let outcome = body["outcome"]
                let forward = (outcome?["progressed"]?.arrayValue ?? []).map { line in
                    "  forward: \(line["tender"]?.stringValue ?? "?") (\(line["name"]?.stringValue ?? "?"))"
                }
                let dropped = (outcome?["dropped"]?.arrayValue ?? []).map { line in
                    "  dropped: \(line["tender"]?.stringValue ?? "?") — \(line["reason"]?.stringValue ?? "")"
                }
                return CloseAnswer(
                    outcome: .final,
                    text: "stage \(body["stage"]?.stringValue ?? "?") of \(body["procurement"]?.stringValue ?? "?") "
                        + "concluded, recorded as ledger entry #\(entry.seq):\n"
                        + (forward + dropped).joined(separator: "\n"))
            }
            if entry.type == LotsAwardedEntry.type, let body = try? entry.json() {
                let lines = (body["award"]?["lots"]?.arrayValue ?? []).map { line in
                    "  lot \(line["lot"]?.stringValue ?? "?"): \(line["awarded"]?.stringValue ?? "unawarded") — "
                        + (line["reason"]?.stringValue ?? "")
                }
                let final = body["final"] == .bool(true)
                return CloseAnswer(
                    outcome: final ? .final : .notFinal,
                    text: "\(final ? "final" : "provisional") award across the lots of "
                        + "\(body["procurement"]?.stringValue ?? "?") recorded as ledger entry #\(entry.seq):\n"
                        + lines.joined(separator: "\n"))
            }
            next += 1
        }
        return nil
    }

    private static func names(in folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }
}
