import TenderScoring

/// Where two JSON values differ, as readable paths (`tenders[1].total: recorded "81.55", replayed "81.56"`).
enum JSONDiff {
    static func paths(_ recorded: JSONValue, _ replayed: JSONValue, limit: Int = 10) -> [String] {
        var found: [String] = []
        walk(recorded, replayed, path: "result", into: &found, limit: limit)
        return found
    }

    private static func walk(_ a: JSONValue, _ b: JSONValue, path: String, into found: inout [String], limit: Int) {
        guard found.count < limit, a != b else { return }
        switch (a, b) {
        case (.object(let left), .object(let right)):
            for key in Set(left.keys).union(right.keys).sorted() {
                walk(left[key] ?? .null, right[key] ?? .null, path: "\(path).\(key)", into: &found, limit: limit)
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            for (index, pair) in zip(left, right).enumerated() {
                walk(pair.0, pair.1, path: "\(path)[\(index)]", into: &found, limit: limit)
            }
        default:
            found.append("\(path): recorded \(short(a)), replayed \(short(b))")
        }
    }

    private static func short(_ value: JSONValue) -> String {
        let text = value.canonicalString
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}
