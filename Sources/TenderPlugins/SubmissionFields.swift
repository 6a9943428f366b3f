public import TenderScoring

/// The members of a submission a plugin declared it reads (`reads` in `plugin.yaml`), at their own paths: what
/// the plugin receives instead of the whole submission.
///
/// `["supply_chain.subcontracts", "price.total"]` turns a submission into
/// `{"price": {"total": …}, "supply_chain": {"subcontracts": […]}}`; a member the submission lacks is left out, as
/// it would be missing from the whole submission too.
public struct SubmissionFields: Sendable, Hashable {
    /// The dotted paths, split into member names.
    public let paths: [[String]]

    public init(_ paths: [String]) {
        self.paths = paths.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Whether `text` is a dotted path of one or more non-empty member names.
    static func isPath(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty }
    }

    /// The submission cut down to these members.
    public func project(_ submission: JSONValue) -> JSONValue {
        var projected = JSONValue.object([:])
        for path in paths {
            guard let value = Self.value(at: path[...], in: submission) else { continue }
            Self.insert(value, at: path[...], into: &projected)
        }
        return projected
    }

    private static func value(at path: ArraySlice<String>, in value: JSONValue) -> JSONValue? {
        guard let first = path.first else { return value }
        guard let member = value[first] else { return nil }
        return Self.value(at: path.dropFirst(), in: member)
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into target: inout JSONValue) {
        guard let first = path.first, case .object(var members) = target else { return }
        if path.count == 1 {
            members[first] = value
        } else {
            var child = members[first] ?? .object([:])
            insert(value, at: path.dropFirst(), into: &child)
            members[first] = child
        }
        target = .object(members)
    }
}
