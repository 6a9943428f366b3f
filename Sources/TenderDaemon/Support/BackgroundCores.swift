import Dispatch
import Foundation
import Synchronization
import TenderScoring

#if canImport(Glibc)
    import Glibc
#endif

/// Threads for the intake's parallel work (reading, hashing, parsing and assessing documents ahead of the intake
/// loop), one per core, at the lowest scheduling priority (nice 19) so that they take only the CPU the intake's serial
/// stages leave.
///
/// Intake is a pipeline: documents are prepared on every core, then decided one batch at a time in arrival order by the
/// intake loop, committed one batch at a time by the commit queue, and moved out of `processing/` by its finishing
/// queue. The serial stages bound the throughput; preparing only has to keep ahead of them. On threads of the same
/// priority, preparing took a core from the commit thread whenever both were ready to run, and a burst ran slower than
/// its CPU allowed (about 1.5 of 2 cores busy); at nice 19 the serial stages run when they are ready and preparing fills
/// the rest, with enough prepared ahead (``IntakeProcessor``'s windows, ``CommitQueue``'s depth) that the serial stages
/// never wait for it. The intake guide has the measurements.
///
/// One pool for the process (several daemons in one process, as in the tests, share it); its threads live as long as
/// the process. Where the priority cannot be lowered (not Linux, where `setpriority` lowers one thread's), the threads
/// run at the process's.
final class BackgroundCores: Sendable {
    /// The process's pool: a thread for each core.
    static let shared = BackgroundCores(threads: max(1, ProcessInfo.processInfo.activeProcessorCount), nice: 19)

    private let items = Mutex<[@Sendable () -> Void]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init(threads: Int, nice: Int32) {
        for index in 0..<threads {
            let thread = Thread { [self] in
                #if os(Linux)
                    // On Linux the nice value is each thread's own; `0` names the calling thread.
                    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
                #endif
                while true {
                    ready.wait()
                    let item = items.withLock { $0.removeFirst() }
                    item()
                }
            }
            thread.name = "tender.prepare.\(index)"
            thread.start()
        }
    }

    /// Runs `body(0)` … `body(count - 1)` on the pool's threads, in that order of starting; ``Pending/wait()`` returns
    /// the results in index order.
    func map<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> Pending<T> {
        let pending = Pending<T>(count: count)
        guard count > 0 else { return pending }
        items.withLock { items in
            for index in 0..<count {
                pending.group.enter()
                items.append {
                    pending.slots.set(index, body(index))
                    pending.group.leave()
                }
            }
        }
        for _ in 0..<count { ready.signal() }
        return pending
    }

    /// Results being computed on the pool.
    final class Pending<T: Sendable>: Sendable {
        fileprivate let group = DispatchGroup()
        fileprivate let slots: ConcurrentMap.Slots<T>

        fileprivate init(count: Int) {
            slots = ConcurrentMap.Slots(count: count)
        }

        /// Waits for every result; returns them in index order (once: they are moved out).
        func wait() -> [T] {
            group.wait()
            return slots.take()
        }
    }
}
