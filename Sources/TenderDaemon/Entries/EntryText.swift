public import TenderScoring

/// How body values read in one-line summaries: hashes shortened, lists by their first item, counts in words.
public enum EntryText {
    /// A string member as it is, anything else in JSON, a missing one as `-`.
    public static func text(_ value: JSONValue?) -> String {
        guard let value, value != .null else { return "-" }
        return value.stringValue ?? value.canonicalString
    }

    /// A 64-digit hash as its first 12 digits and an ellipsis; other text as it is.
    public static func short(_ value: JSONValue?) -> String {
        let full = text(value)
        return full.count == 64 ? full.prefix(12) + "…" : full
    }

    /// The first string of an array, and how many more there are.
    public static func first(_ value: JSONValue?) -> String {
        let items = value?.arrayValue ?? []
        guard let head = items.first else { return "no reason recorded" }
        return text(head) + (items.count > 1 ? " (and \(items.count - 1) more)" : "")
    }

    /// `3 files`, `1 file`.
    public static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// An integer member, if it is one.
    public static func integer(_ value: JSONValue?) -> Int64? {
        if case .integer(let number)? = value { return number }
        return nil
    }
}
