import Foundation
import TenderPlugins
import TenderScoring
import Testing

/// Kept instances: every call starts from the state right after instantiation, with the same outcome and fuel as
/// a fresh instance, and a module whose state cannot be restored is never kept.
struct InstanceReuseTests {
    /// A hostile plugin that counts its calls in a mutable global and in linear memory (address 8) and says which
    /// count it saw: "first call" only when both counters read 1 after incrementing.
    static let counting: String = {
        let outputs = [
            #"{"fraction":"1","explanation":"first call"}"#,
            #"{"fraction":"0","explanation":"global counter carried over"}"#,
            #"{"fraction":"0","explanation":"memory counter carried over"}"#,
        ]
        var offset = 16
        var data = ""
        var packed: [UInt64] = []
        for output in outputs {
            let bytes = Array(output.utf8)
            data += "(data (i32.const \(offset)) \"\(bytes.map { String(format: "\\%02x", $0) }.joined())\")\n"
            packed.append((UInt64(offset) << 32) | UInt64(bytes.count))
            offset += 256
        }
        return """
            (module
              (memory (export "memory") 1 2)
              (global $top (mut i32) (i32.const 4096))
              (global $calls (mut i32) (i32.const 0))
              (func (export "alloc") (param $n i32) (result i32)
                (local $p i32)
                (local.set $p (global.get $top))
                (global.set $top (i32.add (global.get $top) (local.get $n)))
                (local.get $p))
              \(data)
              (func (export "evaluate") (param $ptr i32) (param $len i32) (result i64)
                (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
                (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (i32.const 1)))
                (if (i32.ne (global.get $calls) (i32.const 1)) (then (return (i64.const \(packed[1])))))
                (if (i32.ne (i32.load (i32.const 8)) (i32.const 1)) (then (return (i64.const \(packed[2])))))
                (i64.const \(packed[0]))))
            """
    }()

    static func host(
        _ wat: String, instances: WasmPluginHost.Instances, maxMemoryPages: Int = 2
    ) throws -> (WasmPluginHost, LoadedPlugin) {
        let plugin = try GuestModules.load(wat, maxMemoryPages: maxMemoryPages).get()
        return (WasmPluginHost(catalog: PluginCatalog(plugins: [plugin]), instances: instances), plugin)
    }

    @Test func aPluginCountingItsCallsInAGlobalAndInMemorySeesEveryCallAsItsFirst() throws {
        // Given the counting plugin on a host that keeps instances
        let (host, plugin) = try Self.host(Self.counting, instances: .kept)
        #expect(plugin.notReusedBecause == nil)
        // When it is called many times
        let outcomes = (0..<50).map { _ in host.score(plugin: GuestModules.probe, submission: ["n": 1]) }
        // Then every call saw both counters at 1, one instance was kept throughout, and each call used the same fuel
        #expect(outcomes.map(\.explanation) == Array(repeating: "first call", count: 50))
        #expect(plugin.keptInstances == 1)
        #expect(Set(outcomes.compactMap { $0.run?.fuelUsed }).count == 1)
        // And a fresh instance per call gives the very same outcome, fuel included
        let (fresh, _) = try Self.host(Self.counting, instances: .fresh)
        #expect(fresh.score(plugin: GuestModules.probe, submission: ["n": 1]) == outcomes[0])
    }

    static let clean = #"{"fraction":"1","explanation":"clean"}"#
    static let cleanPacked = (UInt64(16) << 32) | UInt64(clean.utf8.count)

    @Test func aCallThatGrowsMemoryDropsItsInstanceAndTheNextCallStartsClean() throws {
        // Given a plugin that grows its memory by a page and traps unless that made two pages (true only when it
        // starts from its one page after instantiation)
        let body = """
            (drop (memory.grow (i32.const 1)))
            (if (i32.ne (memory.size) (i32.const 2)) (then (unreachable)))
            (i64.const \(Self.cleanPacked))
            """
        let (host, plugin) = try Self.host(
            GuestModules.wat(output: Self.clean, maxPages: "3", body: body), instances: .kept, maxMemoryPages: 3)
        // When it is called three times
        let outcomes = (0..<3).map { _ in host.score(plugin: GuestModules.probe, submission: .null) }
        // Then every call started from one page, and no grown instance was kept
        #expect(outcomes.map(\.explanation) == ["clean", "clean", "clean"])
        #expect(plugin.keptInstances == 0)
    }

    @Test func aTrappingCallDropsItsInstance() throws {
        // Given a plugin that marks memory, then traps, unless it finds the mark of an earlier call
        let body = """
            (if (i32.eq (i32.load (i32.const 8)) (i32.const 1)) (then (return (i64.const \(Self.cleanPacked)))))
            (i32.store (i32.const 8) (i32.const 1))
            (unreachable)
            """
        let (host, plugin) = try Self.host(GuestModules.wat(output: Self.clean, body: body), instances: .kept)
        // When it is called three times
        let outcomes = (0..<3).map { _ in host.score(plugin: GuestModules.probe, submission: .null) }
        // Then each call trapped the same way: no call saw the mark a trapped call left
        #expect(outcomes.allSatisfy { $0.failureReason?.contains("unreachable") == true }, "\(outcomes)")
        #expect(Set(outcomes).count == 1)
        #expect(plugin.keptInstances == 0)
    }

    @Test func aModuleThatCanChangeATableOrDropASegmentIsNeverKept() throws {
        // Given modules whose code could carry state in a table or a dropped segment
        let tableSet = GuestModules.wat(
            output: #"{"fraction":"1","explanation":"ok"}"#,
            extra: """
                (table $t 1 1 funcref)
                (func $poke (table.set $t (i32.const 0) (ref.null func)))
                """)
        let dataDrop = GuestModules.wat(
            output: #"{"fraction":"1","explanation":"ok"}"#,
            extra: "(data $passive \"x\") (func $drop (data.drop $passive))")
        let start = GuestModules.wat(
            output: #"{"fraction":"1","explanation":"ok"}"#, extra: "(func $init) (start $init)")
        for (wat, instruction) in [(tableSet, "table.set"), (dataDrop, "data.drop"), (start, "start function")] {
            let (host, plugin) = try Self.host(wat, instances: .kept)
            // Then each says why, still runs (a fresh instance per call), and keeps nothing
            #expect(plugin.notReusedBecause?.contains(instruction) == true, "\(plugin.notReusedBecause ?? "kept")")
            #expect(host.score(plugin: GuestModules.probe, submission: .null).explanation == "ok")
            #expect(plugin.keptInstances == 0)
        }
    }

    @Test func everyShippedPluginGivesTheSameOutcomeAndFuelKeptAsFresh() async throws {
        // Given the shipped plugins on a host that keeps instances and one that does not
        let catalog = PluginCatalog.load(directory: GuestModules.pluginsDirectory)
        let kept = WasmPluginHost(catalog: catalog)
        let fresh = WasmPluginHost(catalog: catalog, instances: .fresh)
        for name in catalog.names { #expect(catalog[name]?.notReusedBecause == nil, "\(name)") }
        let references = Self.shippedReferences
        let submissions = (0..<12).map(Self.submission)
        // When every submission is scored by both, several times over in the kept host
        let pairs = try await offThePool {
            references.flatMap { reference in
                submissions.flatMap { submission in
                    (0..<3).map { _ in
                        (
                            kept.score(plugin: reference, submission: submission),
                            fresh.score(plugin: reference, submission: submission)
                        )
                    }
                }
            }
        }
        // Then they agree exactly, fuel included, and the calls did work (fuel > 0)
        for (keptOutcome, freshOutcome) in pairs {
            #expect(keptOutcome == freshOutcome)
            #expect(keptOutcome.run?.fuelUsed ?? 0 > 0)
        }
        #expect(catalog.names.allSatisfy { (catalog[$0]?.keptInstances ?? 0) >= 1 })
    }

    /// A reference to each shipped plugin, with a configuration.
    static let shippedReferences = [
        PluginReference(
            name: "local-supply-chain", config: .map(["local_areas": .list([.string("Walsall"), .string("Dudley")])])),
        PluginReference(name: "innovation-evidence", config: .map(["min_trl": .string("6")])),
        PluginReference(name: "outcome-language", config: .map([:])),
    ]

    /// A submission with varied supply-chain, innovation and narrative data.
    static func submission(_ index: Int) -> JSONValue {
        let subcontracts: [JSONValue] = (0..<(index % 4)).map { sub in
            let area: JSONValue = .string(sub % 3 == 0 ? "Dudley" : "Leeds")
            let spend: JSONValue = .integer(Int64(10_000 * (sub + 1)))
            return ["name": .string("S\(sub)"), "spend": spend, "sme": .bool(sub % 2 == 0), "area": area]
        }
        let pilot: JSONValue = ["homes": 40, "result": "Heat loss down 31% in 2026"]
        let innovation: JSONValue = [
            "trl": .integer(Int64(index % 9 + 1)), "pilots": .array(Array(repeating: pilot, count: index % 3)),
            "risk_sharing": .bool(index % 2 == 1),
        ]
        let answer = "We will cut heat loss by \(10 + index)% by 2027-09-30. Crews start in Q\(index % 4 + 1) 2027."
        let price: JSONValue = ["total": .integer(900_000 + Int64(index) * 1_000)]
        return [
            "price": price, "supply_chain": ["subcontracts": .array(subcontracts)], "innovation": innovation,
            "answers": ["Q1": .string(answer)],
        ]
    }
}
