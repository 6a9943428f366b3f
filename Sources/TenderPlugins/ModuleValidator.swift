import Crypto
import WasmKit

/// Checks a module against the plugin contract once, at load: hash, parse, no imports, bounded memory and
/// tables, and the `memory` / `alloc` / `evaluate` exports with the right signatures.
struct ModuleValidator {
    /// Modules larger than this are refused before parsing.
    static let maximumModuleBytes = 16 << 20
    /// The most elements a table may declare: a `table.grow` bomb is refused like a memory one.
    static let maximumTableElements: UInt64 = 100_000

    let manifest: PluginManifest
    let file: String

    /// Lowercase hex SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Validates `bytes` as this manifest's module.
    func validate(_ bytes: [UInt8]) -> Result<LoadedPlugin, PluginProblems> {
        var problems: [PluginProblem] = []
        func problem(_ message: String) {
            problems.append(PluginProblem(file: file, plugin: manifest.name, message: message))
        }
        guard bytes.count <= Self.maximumModuleBytes else {
            problem("module is \(bytes.count) bytes; the limit is \(Self.maximumModuleBytes)")
            return .failure(PluginProblems(problems))
        }
        let hash = Self.sha256(bytes)
        if hash != manifest.sha256 {
            problem(
                "sha256 is \(hash) but plugin.yaml says \(manifest.sha256); "
                    + "rebuild with Plugins/build.sh or update sha256 if this module is the one you meant to ship")
        }
        let module: Module
        do {
            module = try parseWasm(bytes: bytes)
        } catch {
            problem("is not a valid WebAssembly module: \(error)")
            return .failure(PluginProblems(problems))
        }
        guard let scan = ModuleScan(bytes: bytes) else {
            problem("is not a well-formed WebAssembly binary")
            return .failure(PluginProblems(problems))
        }
        for entry in scan.imports {
            problem(
                "imports \(entry.kind) '\(entry.module).\(entry.name)'; plugins may import nothing (no clock, "
                    + "randomness, files or network): define it inside the module or remove its use")
        }
        checkLimits(scan, problem: problem)
        guard problems.isEmpty else { return .failure(PluginProblems(problems)) }
        if let message = checkExports(module) { problem(message) }
        guard problems.isEmpty else { return .failure(PluginProblems(problems)) }
        return .success(LoadedPlugin(manifest: manifest, moduleBytes: bytes, moduleSHA256: hash, module: module))
    }

    private func checkLimits(_ scan: ModuleScan, problem: (String) -> Void) {
        let cap = manifest.maxMemoryPages
        let link = "link with wasm-ld --max-memory=\(cap * 65536) (or declare (memory 1 \(cap)) in WAT)"
        if scan.memories.count != 1 {
            problem("declares \(scan.memories.count) memories; a plugin has exactly one, exported as 'memory'")
        }
        for memory in scan.memories {
            if memory.is64 || memory.shared {
                problem("memory must be a plain 32-bit, unshared memory")
            } else if let max = memory.max {
                if max > UInt64(cap) {
                    problem("memory maximum is \(max) pages, over max_memory_pages \(cap) in plugin.yaml; \(link)")
                }
            } else {
                problem("memory declares no maximum, so it could grow without bound; \(link)")
            }
        }
        for table in scan.tables {
            guard let max = table.max, max <= Self.maximumTableElements else {
                problem("a table must declare a maximum of at most \(Self.maximumTableElements) elements")
                continue
            }
        }
    }

    /// Instantiates the module in a throwaway store (running any start function under the fuel budget) and checks
    /// the exports. Returns the problem, if any.
    private func checkExports(_ module: Module) -> String? {
        let store = Store(engine: Engine(configuration: EngineConfiguration(fuelMetering: true)))
        store.fuel = Fuel(remaining: manifest.fuel)
        let instance: Instance
        do {
            instance = try module.instantiate(store: store, imports: [:])
        } catch {
            return "could not be instantiated: \(TrapText.firstLine(of: error))"
        }
        var missing: [String] = []
        if instance.exports[memory: "memory"] == nil { missing.append("memory 'memory'") }
        if let alloc = instance.exports[function: "alloc"] {
            if alloc.type != FunctionType(parameters: [.i32], results: [.i32]) {
                missing.append("'alloc' as (i32) -> i32, found \(alloc.type)")
            }
        } else {
            missing.append("function 'alloc' (i32) -> i32")
        }
        if let evaluate = instance.exports[function: "evaluate"] {
            if evaluate.type != FunctionType(parameters: [.i32, .i32], results: [.i64]) {
                missing.append("'evaluate' as (i32, i32) -> i64, found \(evaluate.type)")
            }
        } else {
            missing.append("function 'evaluate' (i32, i32) -> i64")
        }
        guard !missing.isEmpty else { return nil }
        return "must export \(missing.joined(separator: "; ")) (see Plugins/README.md)"
    }
}
