import Synchronization

/// Instances of one plugin kept between calls, so that a call pays neither instantiation nor WasmKit's
/// translation of the functions it runs (WasmKit translates each function on its first call in each instance).
///
/// A call takes an idle instance (or makes one), runs, and gives it back only if it ended normally and its
/// memory and globals were restored to their state after instantiation; anything else drops it. At most
/// `capacity` idle instances are kept (one per core by default).
final class InstancePool: Sendable {
    /// The module instances are made from, or nil when the module cannot be reused.
    let module: ReusableModule?
    /// Why the module is not reused, when it is not.
    let refusal: String?
    private let capacity: Int
    private let idle = Mutex<[PooledInstance]>([])

    init(moduleBytes: [UInt8], capacity: Int) {
        switch ReusableModule.prepare(moduleBytes) {
        case .success(let module):
            self.module = module
            self.refusal = nil
        case .failure(let refusal):
            self.module = nil
            self.refusal = refusal.reason
        }
        self.capacity = max(1, capacity)
    }

    /// An idle instance, or a new one; nil when the module is not reusable.
    func take() -> PooledInstance? {
        if let kept = idle.withLock({ $0.popLast() }) { return kept }
        return module.flatMap(PooledInstance.init)
    }

    /// Gives back an instance after a call that ended normally; it is reset, and kept if there is room.
    func giveBack(_ instance: PooledInstance) {
        guard instance.reset() else { return }
        idle.withLock { instances in
            if instances.count < capacity { instances.append(instance) }
        }
    }

    /// Idle instances now (for tests and the benchmark).
    var idleCount: Int { idle.withLock { $0.count } }
}
