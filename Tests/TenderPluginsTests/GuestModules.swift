import Foundation
import TenderPlugins
import TenderScoring
import WAT

/// Builds plugins from WAT text at test time, and finds the real plugins shipped in the repository.
enum GuestModules {
    /// The repository's `Plugins/` directory (symlinks resolved, so it works from a scratch package too).
    static var pluginsDirectory: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Plugins").path
    }

    /// A module with bounded memory (1 page, max `maxPages`), a bump `alloc` from 4096, `output` in a data segment
    /// at 16, and an `evaluate` whose body is `body` (default: return the data segment).
    static func wat(
        output: String = "", maxPages: String = "2", body: String? = nil, imports: String = "", extra: String = ""
    ) -> String {
        let bytes = Array(output.utf8)
        let escaped = bytes.map { String(format: "\\%02x", $0) }.joined()
        let packed = (UInt64(16) << 32) | UInt64(bytes.count)
        return """
            (module
              \(imports)
              (memory (export "memory") 1 \(maxPages))
              (global $top (mut i32) (i32.const 4096))
              (func (export "alloc") (param $n i32) (result i32)
                (local $p i32)
                (local.set $p (global.get $top))
                (global.set $top (i32.add (global.get $top) (local.get $n)))
                (local.get $p))
              (data (i32.const 16) "\(escaped)")
              (func $evaluate (export "evaluate") (param $ptr i32) (param $len i32) (result i64)
                \(body ?? "(i64.const \(packed))"))
              \(extra))
            """
    }

    static func manifest(
        name: String = "probe", kind: PluginKind = .score, bytes: [UInt8], fuel: UInt64 = 100_000,
        maxMemoryPages: Int = 2, config: [PluginConfigField] = []
    ) -> PluginManifest {
        PluginManifest(
            name: name, version: "1.0.0", kind: kind, sha256: PluginCatalog.sha256(of: bytes), fuel: fuel,
            maxMemoryPages: maxMemoryPages, config: config)
    }

    /// Validates a WAT module as a plugin: the loaded plugin, or the problems.
    static func load(
        _ wat: String, name: String = "probe", kind: PluginKind = .score, fuel: UInt64 = 100_000,
        maxMemoryPages: Int = 2, config: [PluginConfigField] = []
    ) throws -> Result<LoadedPlugin, PluginProblems> {
        let bytes = try wat2wasm(wat)
        let manifest = manifest(
            name: name, kind: kind, bytes: bytes, fuel: fuel, maxMemoryPages: maxMemoryPages, config: config)
        return PluginCatalog.validate(manifest: manifest, module: bytes, moduleFile: "\(name).wasm")
    }

    /// A host running one WAT plugin.
    static func host(
        _ wat: String, kind: PluginKind = .score, fuel: UInt64 = 100_000, maxMemoryPages: Int = 2
    ) throws -> WasmPluginHost {
        let plugin = try load(wat, kind: kind, fuel: fuel, maxMemoryPages: maxMemoryPages).get()
        return WasmPluginHost(catalog: PluginCatalog(plugins: [plugin]))
    }

    static let probe = PluginReference(name: "probe", config: .map([:]))
}

extension PluginOutcome {
    /// The failure reason, when the call failed.
    var failureReason: String? {
        if case .failed(let reason, _) = self { return reason }
        return nil
    }

    /// The fraction, when the call scored.
    var fraction: Decimal? {
        if case .scored(let fraction, _, _, _) = self { return fraction }
        return nil
    }

    var explanation: String? {
        if case .scored(_, let explanation, _, _) = self { return explanation }
        return nil
    }

    var flags: [String]? {
        if case .scored(_, _, let flags, _) = self { return flags }
        return nil
    }

    var run: PluginRun? {
        switch self {
        case .scored(_, _, _, let run), .gate(_, _, let run): return run
        case .failed(_, let run): return run
        }
    }
}

/// Runs CPU-heavy test work on a Dispatch worker instead of the test's task: a long synchronous body would hold
/// one of the cooperative pool's few threads (one per core) and stall the in-process daemons of other suites.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
