/// Why a plugin call failed. Each message names the plugin and says what to do about it.
///
/// The host never throws these out of ``WasmPluginHost``: they become `PluginOutcome.failed(reason:run:)`
/// with ``description`` as the reason.
public enum PluginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No plugin of that name is loaded.
    case unknownPlugin(name: String, known: [String])
    /// A score plugin was used as a gate or a gate plugin as a criterion.
    case wrongKind(plugin: String, declared: PluginKind, used: PluginKind)
    /// The input JSON is larger than the host accepts.
    case inputTooLarge(plugin: String, bytes: Int, limit: Int)
    /// The call used up its fuel budget.
    case outOfFuel(plugin: String, budget: UInt64)
    /// The module trapped (unreachable, out-of-bounds access, division by zero, stack exhaustion…).
    case trap(plugin: String, message: String)
    /// The module could not be instantiated.
    case instantiation(plugin: String, message: String)
    /// The module broke the ABI: a missing export or a result of the wrong type.
    case abi(plugin: String, message: String)
    /// A pointer and length returned by the guest fall outside its memory.
    case outOfBounds(plugin: String, what: String, pointer: UInt64, length: UInt64, memoryBytes: Int)
    /// The output is larger than the host accepts.
    case outputTooLarge(plugin: String, bytes: UInt64, limit: Int)
    /// The output is not JSON.
    case invalidJSON(plugin: String, problem: String, quoted: String)
    /// The output is JSON of the wrong shape.
    case invalidOutput(plugin: String, problem: String, quoted: String)

    public var description: String {
        switch self {
        case .unknownPlugin(let name, let known):
            let list = known.isEmpty ? "none are loaded" : "loaded: \(known.joined(separator: ", "))"
            return
                "plugin '\(name)' is not loaded (\(list)); check Plugins/\(name)/plugin.yaml with 'tender rules check'"
        case .wrongKind(let plugin, let declared, let used):
            return "plugin '\(plugin)' is a \(declared.rawValue) plugin but is used as a \(used.rawValue) rule; "
                + "use it where its manifest kind allows"
        case .inputTooLarge(let plugin, let bytes, let limit):
            return "plugin '\(plugin)' input is \(bytes) bytes, over the host limit of \(limit) bytes; "
                + "shorten the submission or the plugin config"
        case .outOfFuel(let plugin, let budget):
            return "plugin '\(plugin)' ran out of fuel (budget \(budget)); "
                + "fix a loop in the plugin or raise 'fuel' in its plugin.yaml"
        case .trap(let plugin, let message):
            return "plugin '\(plugin)' trapped: \(message)"
        case .instantiation(let plugin, let message):
            return "plugin '\(plugin)' could not be instantiated: \(message)"
        case .abi(let plugin, let message):
            return "plugin '\(plugin)' broke the plugin ABI: \(message) (see Plugins/README.md)"
        case .outOfBounds(let plugin, let what, let pointer, let length, let memoryBytes):
            return "plugin '\(plugin)' returned \(what) at \(pointer) of \(length) bytes, outside its "
                + "\(memoryBytes)-byte memory"
        case .outputTooLarge(let plugin, let bytes, let limit):
            return "plugin '\(plugin)' output is \(bytes) bytes, over the host limit of \(limit) bytes"
        case .invalidJSON(let plugin, let problem, let quoted):
            return "plugin '\(plugin)' returned output that is not valid JSON (\(problem)): \(quoted)"
        case .invalidOutput(let plugin, let problem, let quoted):
            return "plugin '\(plugin)' returned \(problem): \(quoted)"
        }
    }
}
