public import Foundation

/// Runs plugin rules. The core knows nothing about WebAssembly: the plugin host implements this.
public protocol PluginEvaluator: Sendable {
    /// Evaluates a scoring plugin; returns its fraction and explanation, or a failure with its reason.
    func score(plugin: PluginReference, submission: JSONValue) -> PluginOutcome
    /// Evaluates a gate plugin.
    func gate(plugin: PluginReference, submission: JSONValue) -> PluginOutcome
}

/// What a plugin call produced.
public enum PluginOutcome: Sendable, Hashable {
    case scored(fraction: Decimal, explanation: String, flags: [String], module: String)
    case gate(pass: Bool, reason: String, module: String)
    case failed(reason: String)
}
