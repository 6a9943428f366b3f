import WasmKit

/// One call of a plugin: the input copied in, `evaluate` run under the fuel budget, and the output copied out.
///
/// The instance is either fresh (a new engine, store and instance for this call) or a kept one from the plugin's
/// ``InstancePool``, reset after its last call to its state right after instantiation (memory and globals; a
/// module that could change other state is never kept). Both start the call from the same state, so they run
/// the same instructions and use the same fuel: no state leaks from one tender to the next either way.
///
/// Every guest-supplied pointer and length is checked against the memory size before memory is touched:
/// WasmKit's memory accessors `precondition` on out-of-range access, which would crash the daemon.
struct PluginCall {
    let plugin: LoadedPlugin
    let limits: WasmPluginHost.Limits
    let instances: WasmPluginHost.Instances

    /// Runs the call. The fuel used is reported whether or not the call succeeded.
    func run(input: [UInt8]) -> (output: Result<[UInt8], PluginError>, fuelUsed: UInt64) {
        guard input.count <= limits.maximumInputBytes else {
            let error = PluginError.inputTooLarge(
                plugin: plugin.name, bytes: input.count, limit: limits.maximumInputBytes)
            return (.failure(error), 0)
        }
        if instances == .kept, let kept = plugin.instances.take() {
            let outcome = metered(store: kept.store) {
                try exchange(input, memory: kept.memory, alloc: kept.alloc, evaluate: kept.evaluate, on: &kept.stack)
            }
            // A call that failed in any way may have left the instance mid-update: it is dropped, not reset.
            if case .success = outcome.output { plugin.instances.giveBack(kept) }
            return outcome
        }
        let store = Store(engine: Engine(configuration: EngineConfiguration(fuelMetering: true)))
        return metered(store: store) { try fresh(store: store, input: input) }
    }

    /// Runs `body` with the plugin's budget in `store`, turning traps into errors and reporting the fuel used.
    private func metered(
        store: Store, _ body: () throws -> Result<[UInt8], PluginError>
    ) -> (output: Result<[UInt8], PluginError>, fuelUsed: UInt64) {
        let name = plugin.name
        let budget = plugin.manifest.fuel
        store.fuel = Fuel(remaining: budget)
        let result: Result<[UInt8], PluginError>
        do {
            result = try body()
        } catch let error as PluginError {
            result = .failure(error)
        } catch {
            let message = TrapText.firstLine(of: error)
            if message == "out of fuel" || (store.fuel?.remaining ?? 0) == 0 {
                result = .failure(.outOfFuel(plugin: name, budget: budget))
            } else {
                result = .failure(.trap(plugin: name, message: message))
            }
        }
        let remaining = min(store.fuel?.remaining ?? 0, budget)
        return (result, budget - remaining)
    }

    /// Instantiates the module in `store` and exchanges `input` for the output.
    private func fresh(store: Store, input: [UInt8]) throws -> Result<[UInt8], PluginError> {
        let name = plugin.name
        let instance: Instance
        do {
            instance = try plugin.module.instantiate(store: store, imports: [:])
        } catch let error as Trap {
            throw error
        } catch {
            return .failure(.instantiation(plugin: name, message: TrapText.firstLine(of: error)))
        }
        guard let memory = instance.exports[memory: "memory"], let alloc = instance.exports[function: "alloc"],
            let evaluate = instance.exports[function: "evaluate"]
        else {
            return .failure(.abi(plugin: name, message: "exports 'memory', 'alloc' and 'evaluate' are required"))
        }
        var stack = ExecutionStack(engine: store.engine)
        return try exchange(input, memory: memory, alloc: alloc, evaluate: evaluate, on: &stack)
    }

    /// Copies `input` into a buffer from `alloc`, runs `evaluate` and copies its output out, both calls on `stack`.
    private func exchange(
        _ input: [UInt8], memory: Memory, alloc: Function, evaluate: Function, on stack: inout ExecutionStack
    ) throws -> Result<[UInt8], PluginError> {
        let name = plugin.name
        guard case .i32(let pointer) = try alloc.invoke([.i32(UInt32(input.count))], on: &stack).first else {
            return .failure(.abi(plugin: name, message: "'alloc' must return one i32"))
        }
        guard Int(pointer) + input.count <= memory.byteCount, pointer != 0 || input.isEmpty else {
            return .failure(
                .outOfBounds(
                    plugin: name, what: "an input buffer from 'alloc'", pointer: UInt64(pointer),
                    length: UInt64(input.count), memoryBytes: memory.byteCount))
        }
        memory.withUnsafeMutableBufferPointer(offset: UInt(pointer), count: input.count) { buffer in
            buffer.copyBytes(from: input)
        }
        guard case .i64(let packed) = try evaluate.invoke([.i32(pointer), .i32(UInt32(input.count))], on: &stack).first
        else {
            return .failure(.abi(plugin: name, message: "'evaluate' must return one i64"))
        }
        let outputPointer = packed >> 32
        let outputLength = packed & 0xFFFF_FFFF
        guard outputLength <= UInt64(limits.maximumOutputBytes) else {
            return .failure(.outputTooLarge(plugin: name, bytes: outputLength, limit: limits.maximumOutputBytes))
        }
        // Memory changes only through the guest; re-read its size now that `evaluate` may have grown it.
        let byteCount = memory.byteCount
        guard outputPointer + outputLength <= UInt64(byteCount) else {
            return .failure(
                .outOfBounds(
                    plugin: name, what: "output", pointer: outputPointer, length: outputLength, memoryBytes: byteCount))
        }
        let output = memory.withUnsafeBufferPointer(offset: UInt(outputPointer), count: Int(outputLength)) {
            [UInt8]($0)
        }
        return .success(output)
    }
}
