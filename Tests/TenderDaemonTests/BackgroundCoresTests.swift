import Dispatch
import Foundation
import Synchronization
import Testing

@testable import TenderDaemon

#if canImport(Glibc)
    import Glibc
#endif

/// The intake's background threads: every index run once, results in index order, at the lowest priority.
struct BackgroundCoresTests {
    @Test func resultsComeBackInIndexOrderEachComputedOnce() {
        let runs = Mutex<[Int: Int]>([:])
        let pending = BackgroundCores.shared.map(200) { index -> String in
            runs.withLock { $0[index, default: 0] += 1 }
            // Uneven work, so that later indices can finish first.
            if index % 7 == 0 { usleep(200) }
            return "item \(index)"
        }
        #expect(pending.wait() == (0..<200).map { "item \($0)" })
        #expect(runs.withLock { $0 } == Dictionary(uniqueKeysWithValues: (0..<200).map { ($0, 1) }))
        #expect(BackgroundCores.shared.map(0) { $0 }.wait().isEmpty)
    }

    @Test func thePoolsThreadsAreKnownAsSuchAndOthersAreNot() {
        #expect(
            BackgroundCores.shared.map(6) { _ in BackgroundCores.isPoolThread }.wait()
                == Array(repeating: true, count: 6))
        #expect(!BackgroundCores.isPoolThread)
    }

    @Test func severalMapsAtOnceEachGetTheirOwnResults() {
        let first = BackgroundCores.shared.map(50) { $0 * 2 }
        let second = BackgroundCores.shared.map(50) { $0 * 3 }
        #expect(second.wait() == (0..<50).map { $0 * 3 })
        #expect(first.wait() == (0..<50).map { $0 * 2 })
    }

    @Test func itemsOfACancelledMapThatHaveNotStartedDoNotRun() {
        // Given every thread of the pool held by a map of its own
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let hold = DispatchSemaphore(value: 0)
        let holding = BackgroundCores.shared.map(threads) { _ in hold.wait() }
        // When a map queued behind it is cancelled before the threads are let go
        let runs = Mutex(0)
        let cancelled = BackgroundCores.shared.map(20) { _ in runs.withLock { $0 += 1 } }
        cancelled.cancel()
        for _ in 0..<threads { hold.signal() }
        _ = holding.wait()
        // Then none of its items ran, and a map queued after it still runs
        #expect(BackgroundCores.shared.map(4) { $0 }.wait() == [0, 1, 2, 3])
        #expect(runs.withLock { $0 } == 0)
    }

    #if canImport(Glibc)
        @Test func theWorkRunsAtTheLowestPriorityAndTheCallersThreadsKeepTheirOwn() {
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            let caller = getpriority(which, 0)
            let mainThread = getpriority(which, id_t(getpid()))
            let niceness = BackgroundCores.shared.map(8) { _ in getpriority(which, 0) }.wait()
            #expect(niceness == Array(repeating: 19, count: 8))
            #expect(getpriority(which, 0) == caller)
            #expect(getpriority(which, id_t(getpid())) == mainThread)
        }
    #endif
}
