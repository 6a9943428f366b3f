import WasmKit

/// One kept instance of a reusable module, with what it held right after instantiation.
///
/// Used by one call at a time (the pool hands it out and takes it back), so it is `@unchecked Sendable`: its
/// store is thread-confined while a call runs, and the pool's lock orders one call's end before the next's start.
final class PooledInstance: @unchecked Sendable {
    let store: Store
    let memory: Memory
    let alloc: Function
    let evaluate: Function
    /// The stack its calls run on, allocated once (WasmKit's `invoke(_:)` allocates and frees a 512 KiB stack on
    /// every call). Nothing on it outlives a call: each call writes its frames before reading them.
    var stack: ExecutionStack
    /// The mutable globals and their values after instantiation.
    private let globals: [(Global, Value)]
    /// Linear memory after instantiation.
    private let memoryImage: [UInt8]

    /// Instantiates `module` in a store of its own, or returns nil if it does not instantiate or lacks the ABI
    /// exports (validation already checked both, so this does not happen for a loaded plugin).
    init?(_ module: ReusableModule) {
        let store = Store(engine: Engine(configuration: EngineConfiguration(fuelMetering: true)))
        guard let instance = try? module.module.instantiate(store: store, imports: [:]),
            let memory = instance.exports[memory: "memory"], let alloc = instance.exports[function: "alloc"],
            let evaluate = instance.exports[function: "evaluate"]
        else { return nil }
        var globals: [(Global, Value)] = []
        for name in module.globalExports {
            guard let global = instance.exports[global: name] else { return nil }
            globals.append((global, global.value))
        }
        self.store = store
        self.memory = memory
        self.alloc = alloc
        self.evaluate = evaluate
        self.globals = globals
        self.stack = ExecutionStack(engine: store.engine)
        self.memoryImage = memory.withUnsafeBufferPointer(offset: 0, count: memory.byteCount) { [UInt8]($0) }
    }

    /// Puts memory and globals back as they were after instantiation. Returns false, leaving the instance unfit for
    /// reuse, when memory has grown (a memory cannot shrink).
    func reset() -> Bool {
        guard memory.byteCount == memoryImage.count else { return false }
        memory.withUnsafeMutableBufferPointer(offset: 0, count: memoryImage.count) { buffer in
            buffer.copyBytes(from: memoryImage)
        }
        for (global, value) in globals {
            guard (try? global.assign(value)) != nil else { return false }
        }
        return true
    }
}
