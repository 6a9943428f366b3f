import Synchronization

/// A plugin evaluator that remembers each outcome for the length of one evaluation.
///
/// A plugin is deterministic (``PluginEvaluator``): the same plugin, configuration and submission give the same
/// outcome. Each tender's own assessment runs once per evaluation (the evaluations without each decision start from
/// it), but a flag-gate decision about a tender the assessment did not check that gate for (not assessed, or not a
/// member of a call-off's framework) checks it when the decision is resolved (`DecisionBook`), in the evaluation and
/// again in each evaluation without another decision. ``ScoringEngine/evaluate(submissions:marks:decisions:)`` wraps
/// its plugins in this for the call, so every plugin runs at most once per tender, and the outcomes are dropped with
/// the evaluation.
final class RememberedPlugins: PluginEvaluator {
    private struct Key: Hashable {
        var reference: PluginReference
        var isGate: Bool
        var submission: JSONValue
    }

    private let plugins: any PluginEvaluator
    private let outcomes = Mutex<[Key: PluginOutcome]>([:])

    init(_ plugins: any PluginEvaluator) {
        self.plugins = plugins
    }

    func score(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
        remembered(Key(reference: plugin, isGate: false, submission: submission)) {
            plugins.score(plugin: plugin, submission: submission)
        }
    }

    func gate(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
        remembered(Key(reference: plugin, isGate: true, submission: submission)) {
            plugins.gate(plugin: plugin, submission: submission)
        }
    }

    func reads(plugin name: String) -> [String]? {
        plugins.reads(plugin: name)
    }

    private func remembered(_ key: Key, _ compute: () -> PluginOutcome) -> PluginOutcome {
        if let known = outcomes.withLock({ $0[key] }) { return known }
        let outcome = compute()
        outcomes.withLock { $0[key] = outcome }
        return outcome
    }
}
