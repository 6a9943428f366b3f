/// The problems that kept a plugin from loading.
public struct PluginProblems: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [PluginProblem]

    public init(_ problems: [PluginProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
