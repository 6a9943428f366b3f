import TenderDaemon
import TenderScoring

/// One ledger entry as one readable line for `tender ledger show`: when it was recorded, what it is, which
/// procurement it belongs to, and what an auditor looks for in it (a submission's points per criterion, an
/// evaluation's ranking, why a document was rejected). Hashes are cut to 12 hex digits; `--json` prints every
/// byte of the body.
enum LedgerEntrySummary {
    /// The line for entry `seq` of `type` with body `body`.
    static func line(seq: Int, type: String, body: JSONValue) -> String {
        let recorded = body["recorded_at"]?.stringValue ?? "-"
        var procurement = body["procurement"]?.stringValue ?? ""
        if let lot = body["lot"]?.stringValue { procurement += " lot \(lot)" }
        let head = [padded("#\(seq)", 6), padded(recorded, 25), padded(type, 22)].joined(separator: " ")
        let what = details(type: type, body: body)
        return [head, procurement, what].filter { !$0.isEmpty }.joined(separator: "  ")
    }

    /// What the entry says, as its type's owner reads it; entries of other types list their members.
    static func details(type: String, body: JSONValue) -> String {
        LedgerEntryTypes.owner(of: type)?.summary(body) ?? members(body)
    }

    /// Every member but the ones the line's head shows; nested values by their size.
    private static func members(_ body: JSONValue) -> String {
        let shown: Set<String> = ["seq", "type", "recorded_at", "procurement", "lot"]
        let members = (body.objectValue ?? [:]).filter { !shown.contains($0.key) }
        return members.keys.sorted().map { key in
            let value = members[key]!
            switch value {
            case .array(let items): return "\(key)=[\(EntryText.count(items.count, "item"))]"
            case .object(let fields): return "\(key)={\(EntryText.count(fields.count, "member"))}"
            case .string(let string): return "\(key)=\(string)"
            default: return "\(key)=\(value.canonicalString)"
            }
        }
        .joined(separator: "  ")
    }

    // MARK: - Values

    /// `text` followed by spaces up to `width` characters; longer text is kept whole.
    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
