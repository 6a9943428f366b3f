import Dispatch
import Foundation
import Synchronization
import TenderScoring

#if canImport(Glibc)
    import Glibc
#endif

/// Threads for the intake's parallel work (reading, hashing, parsing and assessing documents ahead of the intake
/// loop), one per core, at the lowest scheduling priority (nice 19) so that they take only the CPU the rest of the
/// daemon leaves.
///
/// Intake is a pipeline: documents are prepared on every core, then decided one batch at a time in arrival order by the
/// intake loop, committed one batch at a time by the commit queue, and moved out of `processing/` by its finishing
/// queue. The serial stages bound the throughput; preparing only has to keep ahead of them. On threads of the same
/// priority, preparing took a core from the commit thread whenever both were ready to run, and a burst ran slower than
/// its CPU allowed (about 1.5 of 2 cores busy); at nice 19 the serial stages run when they are ready and preparing fills
/// the rest, with enough prepared ahead (``IntakeProcessor/windowsInFlight``, ``CommitQueue``'s depth) that the serial
/// stages do not wait for it. What the priority means on a shared host is in the intake guide.
///
/// Work run here starts no other work: no nested ``map(_:_:)`` (every thread could end up waiting on work queued behind
/// it), and no Dispatch work (a Dispatch thread started from one of these threads would inherit its priority, and might
/// later run the commit queue at it).
///
/// One pool for the process (several daemons in one process, as in the tests, share it); its threads live as long as
/// the process. Where the priority cannot be lowered (without Glibc; on Linux `setpriority` lowers one thread's), the
/// threads run at the process's.
final class BackgroundCores: Sendable {
    /// The process's pool: a thread for each core.
    static let shared = BackgroundCores(threads: max(1, ProcessInfo.processInfo.activeProcessorCount), nice: 19)

    /// The key of the flag each of the pool's threads sets in its thread dictionary.
    private static let poolFlag = "tender.background-cores"

    /// A map's items not started yet: the next index to run and how many there are.
    private struct Job {
        var next: Int
        let count: Int
        let run: @Sendable (Int) -> Void
    }

    /// The jobs with items not started yet, oldest first; one entry a map, so taking an item costs the same however
    /// many are queued.
    private let jobs = Mutex<[Job]>([])
    /// Signalled once an item.
    private let ready = DispatchSemaphore(value: 0)

    private init(threads: Int, nice: Int32) {
        for index in 0..<threads {
            let thread = Thread { [self] in
                Thread.current.threadDictionary[Self.poolFlag] = true
                #if canImport(Glibc)
                    // On Linux the nice value is each thread's own; `0` names the calling thread.
                    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
                #endif
                // The name `top -H` and `ps -L` show (at most 15 bytes; Foundation's `name` is not applied on Linux
                // to a thread that has not started).
                try? "tender.prep.\(index)".write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
                while true {
                    ready.wait()
                    let (run, item) = jobs.withLock { jobs in
                        let item = jobs[0].next
                        jobs[0].next += 1
                        let run = jobs[0].run
                        if jobs[0].next == jobs[0].count { jobs.removeFirst() }
                        return (run, item)
                    }
                    run(item)
                }
            }
            thread.start()
        }
    }

    /// Whether the calling thread is one of the pool's.
    static var isPoolThread: Bool { Thread.current.threadDictionary[poolFlag] as? Bool == true }

    /// Runs `body(0)` … `body(count - 1)` on the pool's threads, started in that order after the items queued before;
    /// ``Pending/wait()`` returns the results in index order. Not to be called from the pool's own threads.
    func map<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> Pending<T> {
        precondition(
            !Self.isPoolThread, "BackgroundCores.map called from one of its own threads: the pool could wait on itself")
        let pending = Pending<T>(count: count)
        guard count > 0 else { return pending }
        for _ in 0..<count { pending.group.enter() }
        let job = Job(next: 0, count: count) { index in
            if !pending.isCancelled { pending.slots.set(index, body(index)) }
            pending.group.leave()
        }
        jobs.withLock { $0.append(job) }
        for _ in 0..<count { ready.signal() }
        return pending
    }

    /// Results being computed on the pool.
    final class Pending<T: Sendable>: Sendable {
        fileprivate let group = DispatchGroup()
        fileprivate let slots: ConcurrentMap.Slots<T>
        private let state = Mutex((cancelled: false, taken: false))

        fileprivate init(count: Int) {
            slots = ConcurrentMap.Slots(count: count)
        }

        fileprivate var isCancelled: Bool { state.withLock { $0.cancelled } }

        /// Waits for every result; returns them in index order. Once only (they are moved out), and not after
        /// ``cancel()``.
        func wait() -> [T] {
            state.withLock { state in
                precondition(
                    !state.cancelled && !state.taken, "BackgroundCores.Pending waited for twice or after cancel")
                state.taken = true
            }
            group.wait()
            return slots.take()
        }

        /// Lets the items not started yet go without running them (their results are no longer wanted).
        func cancel() {
            state.withLock { $0.cancelled = true }
        }
    }
}
