import Foundation
import TenderScoring

/// The keys of one YAML mapping, read one by one; whatever is left unread at the end is an unknown key.
struct Fields {
    let node: YAMLNode
    /// What the mapping is, for messages: `criterion 'price'`, `procurement`…
    let context: String
    private(set) var pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
    /// Whether each pair has been read (mappings are small: a flag per pair, not a set of keys).
    private var read: [Bool] = []
    /// Every key asked for, present or not: the allowed keys named when an unknown one is found.
    private(set) var asked: [String] = []
    let diagnostics: DiagnosticCollector

    /// Reads `node` as a mapping; reports an error and returns `nil` when it is not one.
    init?(_ node: YAMLNode, context: String, diagnostics: DiagnosticCollector) {
        self.node = node
        self.context = context
        self.diagnostics = diagnostics
        guard case .mapping(let mapping) = node else {
            diagnostics.error(node, "\(context) must be a mapping of keys to values, found \(Self.describe(node))")
            return nil
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                diagnostics.error(keyNode, "keys in \(context) must be plain text")
                continue
            }
            pairs.append((key, keyNode, value))
        }
        read = Array(repeating: false, count: pairs.count)
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? "an empty value" : "the value '\(scalar.string)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The value for `key`, marking it as read.
    mutating func take(_ key: String) -> YAMLNode? {
        asked.append(key)
        guard let index = pairs.firstIndex(where: { $0.key == key }) else { return nil }
        read[index] = true
        return pairs[index].value
    }

    /// The value for `key`; reports it as missing when absent.
    mutating func require(_ key: String, _ hint: String = "") -> YAMLNode? {
        guard let value = take(key) else {
            diagnostics.error(node, "\(context) is missing '\(key)'\(hint.isEmpty ? "" : "; \(hint)")")
            return nil
        }
        return value
    }

    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// Reports every key that was not read, with the keys that are allowed and the closest match.
    func finish(note: String = "") {
        guard read.contains(false) else { return }
        let allowed = Array(Set(asked)).sorted()
        for (index, pair) in pairs.enumerated() where !read[index] {
            var message = "unknown key '\(pair.key)' in \(context)"
            if let suggestion = Self.closest(pair.key, in: allowed) {
                message += " (did you mean '\(suggestion)'?)"
            }
            message += "; allowed keys: \(allowed.joined(separator: ", "))"
            if !note.isEmpty { message += ". \(note)" }
            diagnostics.error(pair.keyNode, message)
        }
    }

    static func closest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
