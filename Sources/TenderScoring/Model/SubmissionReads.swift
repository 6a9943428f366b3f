/// The top-level members of a submission's document tree (``Submission/content``) that an evaluation under one
/// methodology, and the reports made from it, read: the first member of each gate's field, every member a plugin
/// rule is given (its manifest's `reads`; all of them for a plugin given the whole submission), and, when reports are
/// made from it, `supplier` (the assessment summaries' address, the red flags' shared contact details). Price, marks
/// and outcomes are read from their own fields, not from the tree.
///
/// A procurement of thousands of tenders holds every one while it is evaluated; narrative answers no rule reads are
/// most of each tree, so ``trimmed(_:)`` drops them as each document is read. Nothing that reads the tree can tell:
/// a gate finds the same value, a plugin is given the same bytes (its `reads` are cut from kept members), and the
/// reports find the same supplier.
///
/// ```swift
/// let reads = SubmissionReads(methodology: methodology, plugins: host)
/// let tenders = parsed.map(reads.trimmed)
/// ```
public struct SubmissionReads: Sendable, Hashable {
    /// The members kept; `nil` keeps every member (a plugin rule is given the whole submission).
    public let members: Set<String>?

    /// What the reports read from the tree, whatever the methodology.
    static let reportMembers: Set<String> = ["supplier"]

    /// What `methodology` and, with `reports`, the reports read, with `plugins` naming what each plugin rule is given.
    /// A lot of a lotted methodology reads the same (`Methodology.lot(_:)` changes bounds, weights and price formulas,
    /// never a gate's field or a plugin rule). Without `reports` (`tender score`, a replay's comparison), only what
    /// the evaluation reads is kept: its result is the same.
    public init(methodology: Methodology, plugins: (any PluginEvaluator)?, reports: Bool = true) {
        var members = reports ? Self.reportMembers : []
        var everything = false
        for gate in methodology.gates {
            if let field = gate.kind.field {
                members.insert(Self.firstMember(field))
            }
        }
        for reference in methodology.pluginReferences {
            guard let reads = plugins?.reads(plugin: reference.name) else {
                everything = true
                break
            }
            members.formUnion(reads.map(Self.firstMember))
        }
        self.members = everything ? nil : members
    }

    /// Keeps every member.
    public static let everything = SubmissionReads(members: nil)

    /// Keeps what the reports read, whatever the methodology: for reports made from an evaluation's result.
    public static let reports = SubmissionReads(members: reportMembers)

    init(members: Set<String>?) {
        self.members = members
    }

    /// The submission with only the kept members in its tree (and in each lot's own entry of a tender for several
    /// lots, which a lot's view merges over the shared members).
    public func trimmed(_ submission: Submission) -> Submission {
        guard let members else { return submission }
        var trimmed = submission
        if case .map(let all) = submission.content {
            trimmed.content = .map(all.filter { members.contains($0.key) })
        }
        for index in trimmed.lots.indices {
            trimmed.lots[index].content = trimmed.lots[index].content.filter { members.contains($0.key) }
        }
        return trimmed
    }

    private static func firstMember(_ path: String) -> String {
        String(path.prefix { $0 != "." })
    }
}
