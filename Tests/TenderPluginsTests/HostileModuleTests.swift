import Foundation
import TenderPlugins
import TenderScoring
import Testing

/// Modules that misbehave in every way we could think of: each ends in a clear failure, never a crash.
struct HostileModuleTests {
    let submission: JSONValue = ["price": ["total": 1000]]

    @Test func anInfiniteLoopIsStoppedByFuel() throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(body: "(loop $spin (br $spin)) (i64.const 0)"), fuel: 10_000)
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(
            outcome.failureReason
                == "plugin 'probe' ran out of fuel (budget 10000); fix a loop in the plugin or raise 'fuel' in its plugin.yaml"
        )
        let run = try #require(outcome.run)
        #expect(run.fuelUsed > 9_000 && run.fuelUsed <= 10_000)
    }

    @Test func memoryWithoutAMaximumIsRefusedAtLoad() throws {
        // Given
        let wat = GuestModules.wat(maxPages: "")
        // When
        let result = try GuestModules.load(wat)
        // Then
        let problems = try #require(result.failure?.problems)
        #expect(problems.map(\.message).contains { $0.hasPrefix("memory declares no maximum") })
    }

    @Test func memoryWithAHugeMaximumIsRefusedAtLoad() throws {
        // Given
        let wat = GuestModules.wat(maxPages: "65536")
        // When
        let result = try GuestModules.load(wat)
        // Then
        let problems = try #require(result.failure?.problems)
        #expect(
            problems.map(\.message).contains { $0.hasPrefix("memory maximum is 65536 pages, over max_memory_pages 2") })
    }

    @Test func growingPastTheMaximumInsideACallFailsClearly() throws {
        // Given: memory.grow beyond the declared max returns -1; the module ignores that and writes anyway
        let body = "(drop (memory.grow (i32.const 100))) (i32.store (i32.const 1000000) (i32.const 1)) (i64.const 0)"
        let host = try GuestModules.host(GuestModules.wat(body: body))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(outcome.failureReason == "plugin 'probe' trapped: out of bounds memory access")
    }

    @Test func anOutputPointerPastTheGrownMemoryIsRefused() throws {
        // Given: grows to its max (2 pages) and points just past it
        let body = "(drop (memory.grow (i32.const 1))) (i64.const \((UInt64(131_000) << 32) | 1000))"
        let host = try GuestModules.host(GuestModules.wat(body: body))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(
            outcome.failureReason
                == "plugin 'probe' returned output at 131000 of 1000 bytes, outside its 131072-byte memory")
    }

    @Test func anOutOfBoundsResultPointerIsRefused() throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(body: "(i64.const \((UInt64(0xFFFF_0000) << 32) | 10))"))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(
            outcome.failureReason?.contains("returned output at 4294901760 of 10 bytes, outside its 65536-byte memory")
                == true)
    }

    @Test func anAllocThatReturnsAWildPointerIsRefused() throws {
        // Given: alloc returns the last byte of memory, with no room for the input
        let wat = GuestModules.wat().replacingOccurrences(
            of: "(local.get $p))", with: "(drop (local.get $p)) (i32.const 65535))")
        let host = try GuestModules.host(wat)
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(outcome.failureReason?.contains("returned an input buffer from 'alloc' at 65535") == true)
    }

    @Test func aModuleWithImportsIsRefusedNamingEachImport() throws {
        // Given
        let imports = """
            (import "env" "clock_time_get" (func $clock (param i32) (result i64)))
            (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
            """
        // When
        let result = try GuestModules.load(GuestModules.wat(imports: imports))
        // Then
        let messages = try #require(result.failure?.problems).map(\.message)
        #expect(messages.contains { $0.hasPrefix("imports function 'env.clock_time_get'; plugins may import nothing") })
        #expect(messages.contains { $0.hasPrefix("imports function 'wasi_snapshot_preview1.random_get'") })
    }

    @Test func aStartFunctionThatNeverEndsIsRefusedAtLoad() throws {
        // Given
        let wat = GuestModules.wat(extra: "(func $spin (loop $l (br $l))) (start $spin)")
        // When
        let result = try GuestModules.load(wat, fuel: 5_000)
        // Then
        #expect(result.failure?.problems.map(\.message) == ["could not be instantiated: out of fuel"])
    }

    @Test func missingExportsAreRefusedAtLoad() throws {
        // Given
        let wat =
            "(module (memory (export \"mem\") 1 1) (func (export \"evaluate\") (param i32) (result i32) (i32.const 0)))"
        // When
        let result = try GuestModules.load(wat)
        // Then
        let message = try #require(result.failure?.problems.first?.message)
        #expect(message.contains("memory 'memory'"))
        #expect(message.contains("function 'alloc' (i32) -> i32"))
        #expect(message.contains("'evaluate' as (i32, i32) -> i64"))
    }

    @Test func anUnboundedTableIsRefusedAtLoad() throws {
        // Given
        let wat = GuestModules.wat(extra: "(table 1 funcref)")
        // When
        let result = try GuestModules.load(wat)
        // Then
        #expect(
            result.failure?.problems.map(\.message) == ["a table must declare a maximum of at most 100000 elements"])
    }

    @Test func garbageOutputIsQuoted() throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(output: "score: high"))
        // When
        let reason = try #require(host.score(plugin: GuestModules.probe, submission: submission).failureReason)
        // Then
        #expect(reason.hasPrefix("plugin 'probe' returned output that is not valid JSON ("))
        #expect(reason.hasSuffix(": \"score: high\""))
    }

    @Test func wrongShapeOutputIsRefused() throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(output: #"{"score":1}"#))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(
            outcome.failureReason
                == #"plugin 'probe' returned an unexpected key 'score' (a score plugin returns fraction, explanation, flags): "{\"score\":1}""#
        )
    }

    @Test(arguments: [
        (#"{"fraction":"1.5","explanation":"x"}"#, #"fraction "1.5", which is not a decimal from 0 to 1"#),
        (#"{"fraction":"-0.1","explanation":"x"}"#, #"fraction "-0.1", which is not a decimal from 0 to 1"#),
        (#"{"fraction":1,"explanation":"x"}"#, #"no 'fraction' decimal string such as "0.75""#),
        (#"{"fraction":"0.5","explanation":" "}"#, "no non-empty 'explanation' string"),
        (#"{"fraction":"0.5","explanation":"x","flags":[1]}"#, "'flags' that is not a list of strings"),
        (#"[1,2]"#, "a JSON value that is not an object"),
    ])
    func badScoreOutputsAreRefused(output: String, problem: String) throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(output: output))
        // When
        let reason = try #require(host.score(plugin: GuestModules.probe, submission: submission).failureReason)
        // Then
        #expect(reason.hasPrefix("plugin 'probe' returned \(problem): "))
    }

    @Test func aTrapIsNamed() throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(body: "unreachable"))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(outcome.failureReason == "plugin 'probe' trapped: unreachable")
        #expect(outcome.run?.fuelUsed ?? 0 > 0)
    }

    @Test func runawayRecursionExhaustsTheStackNotTheDaemon() async throws {
        // Given
        let body = "(call $evaluate (local.get $ptr) (local.get $len))"
        let host = try GuestModules.host(GuestModules.wat(body: body), fuel: 100_000_000)
        // When
        let submission = self.submission
        let outcome = try await offThePool { host.score(plugin: GuestModules.probe, submission: submission) }
        // Then
        #expect(outcome.failureReason == "plugin 'probe' trapped: call stack exhausted")
    }

    @Test func aHugeOutputLengthIsRefusedBeforeReading() throws {
        // Given
        let host = try GuestModules.host(GuestModules.wat(body: "(i64.const \((UInt64(16) << 32) | 0xFFFF_FFFF))"))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: submission)
        // Then
        #expect(
            outcome.failureReason == "plugin 'probe' output is 4294967295 bytes, over the host limit of 65536 bytes")
    }

    @Test func anInputOverTheLimitIsNotPassedIn() throws {
        // Given
        let plugin = try GuestModules.load(GuestModules.wat(output: #"{"fraction":"1","explanation":"x"}"#)).get()
        let host = WasmPluginHost(catalog: PluginCatalog(plugins: [plugin]), limits: .init(maximumInputBytes: 100))
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: .string(String(repeating: "x", count: 200)))
        // Then
        let size = WasmPluginHost.input(config: .map([:]), submission: .string(String(repeating: "x", count: 200)))
            .count
        #expect(
            outcome.failureReason
                == "plugin 'probe' input is \(size) bytes, over the host limit of 100 bytes; shorten the submission or the plugin config"
        )
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
