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

    @Test func severalMapsAtOnceEachGetTheirOwnResults() {
        let first = BackgroundCores.shared.map(50) { $0 * 2 }
        let second = BackgroundCores.shared.map(50) { $0 * 3 }
        #expect(second.wait() == (0..<50).map { $0 * 3 })
        #expect(first.wait() == (0..<50).map { $0 * 2 })
    }

    #if os(Linux)
        @Test func theWorkRunsAtTheLowestPriorityAndTheCallersThreadKeepsItsOwn() {
            let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            let niceness = BackgroundCores.shared.map(8) { _ in
                getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            }.wait()
            #expect(niceness == Array(repeating: 19, count: 8))
            #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == before)
        }
    #endif
}
