public import TenderScoring

/// Runs plugin rules as sandboxed WebAssembly: the scoring core's ``PluginEvaluator``.
///
/// Each call gets a fresh WasmKit engine, store and instance with the plugin's fuel budget; the input is
/// `{"config": …, "submission": …}` as canonical JSON. Whatever the module does (loop, trap, grow memory,
/// return garbage or wild pointers) the call ends in a `PluginOutcome`, never a crash.
///
/// ```swift
/// let host = WasmPluginHost(catalog: PluginCatalog.load(directory: "Plugins"))
/// let outcome = host.score(plugin: PluginReference(name: "local-supply-chain", config: config), submission: json)
/// ```
public struct WasmPluginHost: PluginEvaluator {
    /// Size limits the host enforces on every call.
    public struct Limits: Sendable, Hashable {
        /// The largest input JSON passed to a plugin.
        public var maximumInputBytes: Int
        /// The largest output JSON accepted from a plugin.
        public var maximumOutputBytes: Int

        public init(maximumInputBytes: Int = 1 << 20, maximumOutputBytes: Int = 64 << 10) {
            self.maximumInputBytes = maximumInputBytes
            self.maximumOutputBytes = maximumOutputBytes
        }
    }

    /// The plugins this host runs.
    public let catalog: PluginCatalog
    public let limits: Limits

    public init(catalog: PluginCatalog, limits: Limits = Limits()) {
        self.catalog = catalog
        self.limits = limits
    }

    public func score(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
        evaluate(plugin, submission: submission, as: .score)
    }

    public func gate(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
        evaluate(plugin, submission: submission, as: .gate)
    }

    /// The exact bytes a plugin receives for this configuration and submission.
    public static func input(config: DocumentValue, submission: JSONValue) -> [UInt8] {
        JSONValue.object(["config": config.json, "submission": submission]).canonicalBytes
    }

    private func evaluate(_ reference: PluginReference, submission: JSONValue, as kind: PluginKind) -> PluginOutcome {
        guard let plugin = catalog[reference.name] else {
            let error = PluginError.unknownPlugin(name: reference.name, known: catalog.names)
            return .failed(reason: error.description, run: nil)
        }
        guard plugin.manifest.kind == kind else {
            let error = PluginError.wrongKind(plugin: plugin.name, declared: plugin.manifest.kind, used: kind)
            return .failed(reason: error.description, run: PluginRun(moduleSHA256: plugin.moduleSHA256, fuelUsed: 0))
        }
        let input = Self.input(config: reference.config, submission: submission)
        let (output, fuelUsed) = PluginCall(plugin: plugin, limits: limits).run(input: input)
        let run = PluginRun(moduleSHA256: plugin.moduleSHA256, fuelUsed: fuelUsed)
        let decoded = output.flatMap { PluginOutputDecoder(plugin: plugin.name).decode($0, kind: kind) }
        switch decoded {
        case .success(.score(let fraction, let explanation, let flags)):
            return .scored(fraction: fraction, explanation: explanation, flags: flags, run: run)
        case .success(.gate(let pass, let reason)):
            return .gate(pass: pass, reason: reason, run: run)
        case .failure(let error):
            return .failed(reason: error.description, run: run)
        }
    }
}
