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

    /// What the entry says, by type; entries of other types list their members.
    static func details(type: String, body: JSONValue) -> String {
        switch type {
        case "ruleset-activated": return activated(body)
        case "ruleset-rejected": return rulesRejected(body)
        case "ruleset-restored":
            return "rule files valid again: \(short(body["ruleset_digest"])) active, the rejected "
                + "\(short(body["rejected_digest"])) is gone"
        case "daemon-started":
            let rules = body["ruleset_digest"].flatMap { $0 == .null ? nil : short($0) }
            var seq = ""
            if case .integer(let number)? = body["ruleset_seq"] { seq = " (entry #\(number))" }
            return "tender \(text(body["version"])) started: rule set " + (rules.map { $0 + seq } ?? "none")
                + ", settings \(short(body["settings_digest"]))"
        case "document-received":
            return "\(text(body["name"])) (\(text(body["kind"]))), document \(short(body["document_sha256"]))"
        case "document-rejected": return documentRejected(body)
        case "document-duplicate": return duplicate(body)
        case "submission-assessed": return assessed(body)
        case "submission-superseded":
            return "\(text(body["supplier"])): document \(short(body["superseded_sha256"])) superseded by "
                + short(body["by_sha256"])
        case "procurement-evaluated": return evaluated(body)
        case "report-written": return reportWritten(body)
        default: return members(body)
        }
    }

    // MARK: - Types

    private static func activated(_ body: JSONValue) -> String {
        let methodologies = (body["methodologies"]?.arrayValue ?? []).map { text($0["id"]) }
        let files = body["files"]?.arrayValue?.count ?? 0
        let plugins = body["plugins"]?.arrayValue?.count ?? 0
        return "rule set \(short(body["ruleset_digest"])): methodologies "
            + (methodologies.isEmpty ? "none" : methodologies.joined(separator: ", "))
            + "; \(count(files, "file")), \(count(plugins, "plugin")); engine \(text(body["engine"]))"
    }

    private static func rulesRejected(_ body: JSONValue) -> String {
        let active = body["still_active_digest"].flatMap { $0 == .null ? nil : short($0) }
        return "rule set \(short(body["ruleset_digest"])) rejected"
            + (active.map { " (\($0) stays active)" } ?? " (no rule set active)") + ": "
            + first(body["problems"])
    }

    private static func documentRejected(_ body: JSONValue) -> String {
        "\(text(body["name"])) rejected: \(first(body["reasons"]))"
    }

    private static func duplicate(_ body: JSONValue) -> String {
        let original =
            body["first_seq"].flatMap { value -> String? in
                if case .integer(let seq) = value { return "entry #\(seq)" }
                return nil
            } ?? "a document earlier in the same round"
        return "\(text(body["name"])): the same bytes as \(original) (\(text(body["first_claim"]))), not scored twice"
    }

    private static func assessed(_ body: JSONValue) -> String {
        let assessment = body["assessment"] ?? .null
        var parts = ["\(text(body["tender"])) \(text(assessment["supplier"]?["name"])): \(text(body["status"]))"]
        if let price = assessment["price"], let total = price["total"]?.stringValue {
            parts.append("\(text(price["currency"])) \(total)")
        }
        // Points not yet known (relative price, marks still to come) are settled at evaluation.
        let criteria = (assessment["criteria"]?.arrayValue ?? []).map { criterion in
            "\(text(criterion["id"]))=\(criterion["points_published"]?.stringValue ?? "pending")"
        }
        if !criteria.isEmpty { parts.append("points " + criteria.joined(separator: ", ")) }
        if let status = body["status"]?.stringValue, !["assessed", "incomplete"].contains(status) {
            parts.append(first(assessment["reasons"]))
        }
        let flags = (assessment["flags"]?.arrayValue ?? []).map { text($0) }
        if !flags.isEmpty { parts.append("flags " + flags.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    private static func evaluated(_ body: JSONValue) -> String {
        let tenders = body["result"]?["tenders"]?.arrayValue ?? []
        let ranked = tenders.compactMap { tender -> (Int64, String)? in
            guard case .integer(let rank) = tender["rank"] ?? .null else { return nil }
            return (rank, "\(text(tender["tender"])) \(tender["total_published"]?.stringValue ?? "-")")
        }
        .sorted { $0.0 < $1.0 }.map(\.1)
        var parts = [
            (body["final"] == .bool(true) ? "final" : "provisional") + ", winner "
                + (body["winner"]?.stringValue ?? "none")
        ]
        if !ranked.isEmpty { parts.append("ranked " + ranked.joined(separator: ", ")) }
        var unranked: [String: [String]] = [:]
        for tender in tenders where tender["rank"] == nil || tender["rank"] == .null {
            unranked[text(tender["status"]), default: []].append(text(tender["tender"]))
        }
        for status in unranked.keys.sorted() {
            parts.append("\(status) " + unranked[status]!.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    private static func reportWritten(_ body: JSONValue) -> String {
        let files = body["reports"]?.arrayValue?.count ?? 0
        let kind = body["final"] == .bool(true) ? "final" : "provisional"
        var evaluation = ""
        if case .integer(let seq) = body["evaluation_seq"] ?? .null { evaluation = ", evaluation #\(seq)" }
        return "\(count(files, "file")) in \(text(body["folder"])) (\(kind)\(evaluation))"
    }

    /// Every member but the ones the line's head shows; nested values by their size.
    private static func members(_ body: JSONValue) -> String {
        let shown: Set<String> = ["seq", "type", "recorded_at", "procurement", "lot"]
        let members = (body.objectValue ?? [:]).filter { !shown.contains($0.key) }
        return members.keys.sorted().map { key in
            let value = members[key]!
            switch value {
            case .array(let items): return "\(key)=[\(count(items.count, "item"))]"
            case .object(let fields): return "\(key)={\(count(fields.count, "member"))}"
            case .string(let string): return "\(key)=\(string)"
            default: return "\(key)=\(value.canonicalString)"
            }
        }
        .joined(separator: "  ")
    }

    // MARK: - Values

    /// A string member as it is, anything else in JSON, a missing one as `-`.
    private static func text(_ value: JSONValue?) -> String {
        guard let value, value != .null else { return "-" }
        return value.stringValue ?? value.canonicalString
    }

    /// A 64-digit hash as its first 12 digits and an ellipsis; other text as it is.
    private static func short(_ value: JSONValue?) -> String {
        let full = text(value)
        return full.count == 64 ? full.prefix(12) + "…" : full
    }

    /// The first string of an array, and how many more there are.
    private static func first(_ value: JSONValue?) -> String {
        let items = value?.arrayValue ?? []
        guard let head = items.first else { return "no reason recorded" }
        return text(head) + (items.count > 1 ? " (and \(items.count - 1) more)" : "")
    }

    /// `text` followed by spaces up to `width` characters; longer text is kept whole.
    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
