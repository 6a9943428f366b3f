import Foundation
import TenderPlugins
import TenderScoring

/// Scenario: one plugin call, for each shipped plugin, on the generated 8 KB submissions: a fresh instance with the
/// whole submission (each call before instances were kept and `reads` existed), a kept instance with the whole
/// submission, and a kept instance with only the members the manifest's `reads` names (each call now). The
/// median per call on one core, and the fuel each input costs.
struct PluginScenario {
    let calls: Int
    let repeats: Int
    let variant: MethodologyVariant

    func run(into report: inout Report) throws {
        guard let directory = variant.pluginsDirectory else { return }
        var generator = variant.generator()
        let methodology = try Documents.methodology(generator.methodology(0))
        let submissions = try (0..<calls).map {
            try Documents.submission(generator.submission(procurement: 0, tender: $0))
        }
        let shipped = PluginCatalog.load(directory: directory)
        guard shipped.problems.isEmpty else {
            throw Documents.Unexpected(
                description: "plugins: " + shipped.problems.map(\.description).joined(separator: "; "))
        }
        // The same modules given the whole submission, as every call was before `reads`.
        var whole: [LoadedPlugin] = []
        for name in shipped.names {
            guard var manifest = shipped[name]?.manifest else { continue }
            manifest.reads = nil
            whole.append(
                try PluginCatalog.validate(manifest: manifest, moduleFile: "\(directory)/\(name)/\(manifest.module)")
                    .get())
        }
        let wholeCatalog = PluginCatalog(plugins: whole)
        let modes: [(label: String, host: WasmPluginHost)] = [
            ("fresh instance, whole submission (before)", WasmPluginHost(catalog: wholeCatalog, instances: .fresh)),
            ("kept instance, whole submission", WasmPluginHost(catalog: wholeCatalog, instances: .kept)),
            ("fresh instance, declared reads", WasmPluginHost(catalog: shipped, instances: .fresh)),
            ("kept instance, declared reads (now)", WasmPluginHost(catalog: shipped, instances: .kept)),
        ]
        let inputs = submissions.map(\.content.json)
        let average = inputs.map { $0.canonicalBytes.count }.reduce(0, +) / max(inputs.count, 1)
        report.notes.append("plugins: \(calls) generated submissions, \(average) bytes of canonical JSON on average")
        for name in shipped.names {
            let reference = Self.reference(name, in: methodology)
            for (label, host) in modes {
                var times: [Double] = []
                var fuel: [Double] = []
                for pass in 0..<max(1, repeats) {
                    for input in inputs {
                        let (outcome, seconds) = Timing.measure { host.score(plugin: reference, submission: input) }
                        times.append(seconds)
                        if pass == 0 { fuel.append(Double(Self.fuel(outcome))) }
                    }
                }
                let median = Timing.median(times) * 1e6
                let now = label.hasSuffix("(now)")
                report.add(
                    "plugins", "\(name): one call, \(label), median", median, "µs",
                    target: now ? "< 50 µs" : nil, met: now ? median < 50 : nil)
                report.add("plugins", "\(name): fuel per call, \(label), median", Timing.median(fuel), "units")
            }
        }
    }

    /// The methodology's reference to `name` (its configuration), or an empty configuration for a plugin it does
    /// not use.
    static func reference(_ name: String, in methodology: Methodology) -> PluginReference {
        methodology.pluginReferences.first { $0.name == name }
            ?? PluginReference(name: name, config: .map([:]))
    }

    static func fuel(_ outcome: PluginOutcome) -> UInt64 {
        switch outcome {
        case .scored(_, _, _, let run), .gate(_, _, let run): return run.fuelUsed
        case .failed(_, let run): return run?.fuelUsed ?? 0
        }
    }
}
