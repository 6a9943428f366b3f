import Synchronization

/// A plugin evaluator that remembers each outcome for the length of one evaluation.
///
/// A plugin is deterministic (``PluginEvaluator``): the same plugin, configuration and submission give the same
/// outcome. An evaluation scores the same tenders more than once (each decision's effect is an evaluation without
/// it), so ``ScoringEngine/evaluate(submissions:marks:decisions:)`` wraps its plugins in this for the call: every
/// plugin runs once per tender, and the outcomes are dropped with the evaluation.
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
