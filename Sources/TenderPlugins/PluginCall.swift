import WasmKit

/// One call of a plugin: a fresh engine, store and instance, the input copied in, `evaluate` run under the fuel
/// budget, and the output copied out. Nothing outlives the call, so no state leaks from one tender to the next.
///
/// Every guest-supplied pointer and length is checked against the memory size before memory is touched:
/// WasmKit's memory accessors `precondition` on out-of-range access, which would crash the daemon.
struct PluginCall {
    let plugin: LoadedPlugin
    let limits: WasmPluginHost.Limits

    /// Runs the call. The fuel used is reported whether or not the call succeeded.
    func run(input: [UInt8]) -> (output: Result<[UInt8], PluginError>, fuelUsed: UInt64) {
        let name = plugin.name
        let budget = plugin.manifest.fuel
        guard input.count <= limits.maximumInputBytes else {
            return (.failure(.inputTooLarge(plugin: name, bytes: input.count, limit: limits.maximumInputBytes)), 0)
        }
        let store = Store(engine: Engine(configuration: EngineConfiguration(fuelMetering: true)))
        store.fuel = Fuel(remaining: budget)
        let result: Result<[UInt8], PluginError>
        do {
            result = try execute(store: store, input: input)
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

    private func execute(store: Store, input: [UInt8]) throws -> Result<[UInt8], PluginError> {
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
        guard case .i32(let pointer) = try alloc([.i32(UInt32(input.count))]).first else {
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
        guard case .i64(let packed) = try evaluate([.i32(pointer), .i32(UInt32(input.count))]).first else {
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
