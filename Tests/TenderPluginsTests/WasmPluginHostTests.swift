import Foundation
import TenderPlugins
import TenderScoring
import Testing

struct WasmPluginHostTests {
    @Test func aWellBehavedModuleScoresAndReportsItsRun() throws {
        // Given
        let output = #"{"fraction":"0.75","explanation":"three of four","flags":["check-me"]}"#
        let plugin = try GuestModules.load(GuestModules.wat(output: output)).get()
        let host = WasmPluginHost(catalog: PluginCatalog(plugins: [plugin]))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: ["a": 1])
        // Then
        guard case .scored(let fraction, let explanation, let flags, let run) = outcome else {
            Issue.record("expected a score, got \(outcome)")
            return
        }
        #expect(fraction == DecimalText.parse("0.75"))
        #expect(explanation == "three of four")
        #expect(flags == ["check-me"])
        #expect(run.moduleSHA256 == plugin.moduleSHA256)
        #expect(run.fuelUsed > 0)
    }

    @Test func aGatePluginPassesOrFails() throws {
        // Given
        let host = try GuestModules.host(
            GuestModules.wat(output: #"{"pass":false,"reason":"no VAT number"}"#), kind: .gate)
        // When
        let outcome = host.gate(plugin: GuestModules.probe, submission: [:])
        // Then
        guard case .gate(let pass, let reason, _) = outcome else {
            Issue.record("expected a gate result, got \(outcome)")
            return
        }
        #expect(!pass)
        #expect(reason == "no VAT number")
    }

    @Test func aPluginUsedAsTheWrongKindFails() throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(output: #"{"pass":true,"reason":"ok"}"#), kind: .gate)
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: [:])
        // Then
        #expect(
            outcome.failureReason
                == "plugin 'probe' is a gate plugin but is used as a score rule; use it where its manifest kind allows")
    }

    @Test func anUnknownPluginFailsWithoutARun() {
        // Given
        let host = WasmPluginHost(catalog: PluginCatalog())
        // When
        let outcome = host.score(plugin: PluginReference(name: "vat-check", config: .null), submission: [:])
        // Then
        #expect(
            outcome
                == .failed(
                    reason:
                        "plugin 'vat-check' is not loaded (none are loaded); check Plugins/vat-check/plugin.yaml with 'tender rules check'",
                    run: nil))
    }

    @Test func theModuleReceivesConfigAndSubmissionAsCanonicalJSON() throws {
        // Given: a module that echoes its input back as the explanation of a fixed fraction
        let prefix = Array(#"{"fraction":"1","explanation":""#.utf8)
        let body = """
            (memory.copy (i32.const 8192) (i32.const 16) (i32.const \(prefix.count)))
            (memory.copy (i32.const \(8192 + prefix.count)) (local.get $ptr) (local.get $len))
            (i32.store16 (i32.add (i32.const \(8192 + prefix.count)) (local.get $len)) (i32.const 0x7d22))
            (i64.or (i64.shl (i64.const 8192) (i64.const 32))
                    (i64.extend_i32_u (i32.add (local.get $len) (i32.const \(prefix.count + 2)))))
            """
        let host = try GuestModules.host(GuestModules.wat(output: String(decoding: prefix, as: UTF8.self), body: body))
        let reference = PluginReference(name: "probe", config: .map(["n": .number(2)]))
        // When
        let outcome = host.score(plugin: reference, submission: ["b": "x", "a": 1])
        // Then: the JSON quotes are not escaped by the module, so parse the explanation as the invalid JSON it is
        #expect(
            outcome.failureReason?.contains(#"{\"config\":{\"n\":2},\"submission\":{\"a\":1,\"b\":\"x\"}}"#) == true)
    }

    @Test func eachCallGetsAFreshInstance() throws {
        // Given: a module that counts calls in a global and fails from the second call of the same instance on
        let body = """
            (if (i32.gt_u (global.get $top) (i32.const 4096)) (then (global.set $top (i32.const 0))))
            (if (i32.eqz (global.get $calls)) (then (global.set $calls (i32.const 1)) (return (i64.const \((UInt64(16) << 32) | 35)))))
            unreachable
            """
        let wat = GuestModules.wat(
            output: #"{"fraction":"1","explanation":"ok"}"#, body: body,
            extra: "(global $calls (mut i32) (i32.const 0))")
        let host = try GuestModules.host(wat)
        // When
        let first = host.score(plugin: GuestModules.probe, submission: [:])
        let second = host.score(plugin: GuestModules.probe, submission: [:])
        // Then
        #expect(first.fraction == 1)
        #expect(first == second)
    }
}
