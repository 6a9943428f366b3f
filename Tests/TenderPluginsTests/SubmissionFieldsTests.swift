import Foundation
import TenderPlugins
import TenderScoring
import Testing

/// `reads` in plugin.yaml: a plugin receives only the submission members it declares, with the same outcome as
/// from the whole submission and far less fuel.
struct SubmissionFieldsTests {
    @Test func aProjectionKeepsOnlyTheDeclaredMembersAtTheirPaths() {
        // Given a submission with more than a plugin reads
        let submission: JSONValue = [
            "price": ["total": 900_000, "breakdown": ["labour": 400_000]],
            "supply_chain": ["subcontracts": [["name": "A"]], "policy": "Local first"],
            "answers": ["Q1": "Text"], "declarations": ["mandatory_exclusion_grounds": false],
        ]
        // When it is cut down to two paths, one of them absent
        let projected = SubmissionFields(["supply_chain.subcontracts", "price.total", "innovation.trl"])
            .project(submission)
        // Then only those members remain, nested as before; the absent one stays absent
        #expect(
            projected == ["price": ["total": 900_000], "supply_chain": ["subcontracts": [["name": "A"]]]])
    }

    @Test func readsMustBeDistinctDottedPaths() {
        // Given a manifest whose reads has an empty segment, a non-text entry and a duplicate
        let yaml = """
            name: probe
            version: 1.0.0
            kind: score
            sha256: \(String(repeating: "ab", count: 32))
            fuel: 1000
            max_memory_pages: 2
            reads: [price.total, supply_chain..subcontracts, [nested], price.total]
            """
        // When it is decoded
        let (manifest, problems) = PluginManifest.decode(yaml: yaml, file: "plugin.yaml", folderName: "probe")
        // Then each bad entry is named with its position, and the manifest is refused
        #expect(manifest == nil)
        #expect(
            problems.map(\.description) == [
                "plugin.yaml:7:22: plugin 'probe': reads entry 'supply_chain..subcontracts' is not a dotted path of "
                    + "member names; use a list of submission members such as [supply_chain.subcontracts, price.total]",
                "plugin.yaml:7:50: plugin 'probe': reads entry '' is not a dotted path of member names; use a list of "
                    + "submission members such as [supply_chain.subcontracts, price.total]",
                "plugin.yaml:7:60: plugin 'probe': reads lists 'price.total' twice",
            ])
    }

    @Test func eachShippedPluginDeclaresWhatItReadsAndScoresTheSameFromIt() async throws {
        // Given the shipped plugins as shipped (with reads) and the same modules given the whole submission
        let directory = GuestModules.pluginsDirectory
        let declared = PluginCatalog.load(directory: directory)
        var whole: [LoadedPlugin] = []
        for name in declared.names {
            var manifest = try #require(declared[name]?.manifest)
            #expect(manifest.reads?.isEmpty == false, "\(name) declares what it reads")
            manifest.reads = nil
            whole.append(
                try PluginCatalog.validate(manifest: manifest, moduleFile: "\(directory)/\(name)/\(name).wasm").get())
        }
        let narrow = WasmPluginHost(catalog: declared)
        let wide = WasmPluginHost(catalog: PluginCatalog(plugins: whole))
        let references = InstanceReuseTests.shippedReferences
        // When each scores a dozen varied submissions padded with members none of them reads
        let pairs = try await offThePool {
            references.flatMap { reference in
                (0..<12).map { index in
                    var submission = InstanceReuseTests.submission(index)
                    if case .object(var members) = submission {
                        // "about" sorts first in canonical JSON: every plugin has to walk past it
                        members["about"] = .string(String(repeating: "Scaffold, insulate, render. ", count: 200))
                        submission = .object(members)
                    }
                    return (
                        narrow.score(plugin: reference, submission: submission),
                        wide.score(plugin: reference, submission: submission)
                    )
                }
            }
        }
        // Then fraction, explanation and flags agree, and the narrow input always costs less fuel
        for (narrowOutcome, wideOutcome) in pairs {
            #expect(narrowOutcome.fraction != nil && narrowOutcome.fraction == wideOutcome.fraction)
            #expect(narrowOutcome.explanation == wideOutcome.explanation)
            #expect(narrowOutcome.flags == wideOutcome.flags)
            #expect((narrowOutcome.run?.fuelUsed ?? .max) < (wideOutcome.run?.fuelUsed ?? 0))
        }
    }
}
