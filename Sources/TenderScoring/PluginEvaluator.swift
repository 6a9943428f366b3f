public import Foundation

/// Runs plugin rules. The core knows nothing about WebAssembly: the plugin host implements this.
///
/// Implementations must be deterministic: the same plugin, configuration and submission always give the
/// same outcome, so that an evaluation replays bit for bit.
public protocol PluginEvaluator: Sendable {
    /// Evaluates a scoring plugin (a criterion or part): a fraction in [0, 1] and an explanation.
    func score(plugin: PluginReference, submission: JSONValue) -> PluginOutcome
    /// Evaluates a gate plugin: pass or fail, with the reason.
    func gate(plugin: PluginReference, submission: JSONValue) -> PluginOutcome
    /// The dotted paths of the submission the plugin `name` is given (its manifest's `reads`), or `nil` when it is
    /// given the whole submission or is not known (``SubmissionReads`` then keeps every member).
    func reads(plugin name: String) -> [String]?
}

extension PluginEvaluator {
    /// Every plugin is given the whole submission unless an evaluator says otherwise.
    public func reads(plugin name: String) -> [String]? { nil }
}

/// Which module ran and what it cost: recorded with every plugin result.
public struct PluginRun: Sendable, Hashable {
    /// Lowercase hex SHA-256 of the WebAssembly module.
    public var moduleSHA256: String
    /// Fuel (roughly, WebAssembly instructions) the call consumed.
    public var fuelUsed: UInt64

    public init(moduleSHA256: String, fuelUsed: UInt64) {
        self.moduleSHA256 = moduleSHA256
        self.fuelUsed = fuelUsed
    }
}

/// What a plugin call produced.
public enum PluginOutcome: Sendable, Hashable {
    case scored(fraction: Decimal, explanation: String, flags: [String], run: PluginRun)
    case gate(pass: Bool, reason: String, run: PluginRun)
    /// The call failed (trap, out of fuel, bad output…); `run` is known when the module was found.
    case failed(reason: String, run: PluginRun?)
}
