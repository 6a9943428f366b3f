import Synchronization

/// The active rule set, swapped atomically by a reload and read by every evaluation (which pins the
/// value it read for its whole run).
public final class RuleSetHolder: Sendable {
    private let state = Mutex<RuleSet?>(nil)

    public init() {}

    /// The active rule set, or nil before the first good load.
    public var current: RuleSet? { state.withLock { $0 } }

    func activate(_ ruleSet: RuleSet) {
        state.withLock { $0 = ruleSet }
    }
}
