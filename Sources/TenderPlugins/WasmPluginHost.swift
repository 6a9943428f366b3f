public import TenderScoring

/// Runs plugin rules as sandboxed WebAssembly: the scoring core's ``PluginEvaluator``.
///
/// Each call runs in an instance in its state right after instantiation: a kept instance reset after its last
/// call (the default) or a fresh WasmKit engine, store and instance, with the plugin's fuel budget either way.
/// The input is `{"config": …, "submission": …}` as canonical JSON, where the submission is cut down to the
/// members the manifest's `reads` names, if it names any. Whatever the module does (loop, trap, grow memory,
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

    /// Where a call's instance comes from. Both give the same outcomes and fuel; `fresh` is the reference the
    /// tests and the benchmark hold `kept` to.
    public enum Instances: Sendable, Hashable {
        /// Instances kept between calls and reset after each (for modules that can be reset; others get `fresh`).
        case kept
        /// A new engine, store and instance for every call.
        case fresh
    }

    /// The plugins this host runs.
    public let catalog: PluginCatalog
    public let limits: Limits
    public let instances: Instances

    public init(catalog: PluginCatalog, limits: Limits = Limits(), instances: Instances = .kept) {
        self.catalog = catalog
        self.limits = limits
        self.instances = instances
    }

    public func score(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
        evaluate(plugin, submission: submission, as: .score)
    }

    public func gate(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
        evaluate(plugin, submission: submission, as: .gate)
    }

    /// The manifest's `reads` of a known plugin; `nil` for one given the whole submission or not in the catalog.
    public func reads(plugin name: String) -> [String]? {
        catalog[name]?.manifest.reads
    }

    /// The exact bytes a plugin receives for this configuration and submission: the submission is cut down to
    /// `reads` when the manifest declares it.
    public static func input(config: DocumentValue, submission: JSONValue, reads: [String]? = nil) -> [UInt8] {
        input(config: config, submission: submission, fields: reads.map(SubmissionFields.init))
    }

    static func input(config: DocumentValue, submission: JSONValue, fields: SubmissionFields?) -> [UInt8] {
        let given = fields.map { $0.project(submission) } ?? submission
        // The canonical bytes of {"config": …, "submission": …} ("config" sorts first), written without building
        // the object and sorting its two keys on every call.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        bytes.append(contentsOf: #"{"config":"#.utf8)
        config.json.write(into: &bytes)
        bytes.append(contentsOf: #","submission":"#.utf8)
        given.write(into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
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
        let input = Self.input(config: reference.config, submission: submission, fields: plugin.fields)
        let (output, fuelUsed) = PluginCall(plugin: plugin, limits: limits, instances: instances).run(input: input)
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
