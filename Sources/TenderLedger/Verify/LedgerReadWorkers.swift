import Dispatch
import Foundation
package import GRDB
import Synchronization

/// Read-only connections to one ledger file, one per worker thread, for reading disjoint row ranges at once
/// (``LedgerVerifier``'s, and the benchmarks' floor for it, which must read as the verifier does).
package final class LedgerReadWorkers: Sendable {
    private let connections: [DatabaseQueue]

    /// Opens `count` read-only connections to the ledger at `path`; with `mapped`, SQLite maps the file instead of
    /// reading its pages with system calls.
    package init(path: String, count: Int, mapped: Bool = false) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        // The verifier does not map: mapping the file saved about 8% but made the resident size grow with the ledger.
        if mapped {
            configuration.prepareDatabase { try $0.execute(sql: "PRAGMA mmap_size = \(1 << 40)") }
        }
        connections = try (0..<max(1, count)).map { _ in try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// Runs `work` for every task in `0..<tasks`, spread over the connections (each task in one read
    /// transaction), and returns the results in task order.
    ///
    /// - Throws: the error of the lowest-numbered task that failed.
    package func map<T: Sendable>(_ tasks: Int, _ work: @Sendable (Database, Int) throws -> T) throws -> [T] {
        guard tasks > 0 else { return [] }
        let state = Mutex(State<T>(results: Array(repeating: nil, count: tasks)))
        let connections = connections
        DispatchQueue.concurrentPerform(iterations: min(connections.count, tasks)) { worker in
            let connection = connections[worker]
            while true {
                let task = state.withLock { state -> Int? in
                    guard state.next < tasks, !state.failed else { return nil }
                    defer { state.next += 1 }
                    return state.next
                }
                guard let task else { return }
                let result = Result { try connection.read { try work($0, task) } }
                state.withLock { state in
                    if case .failure = result { state.failed = true }
                    state.results[task] = result
                }
            }
        }
        return try state.withLock { state in
            var values: [T] = []
            values.reserveCapacity(tasks)
            for result in state.results {
                // After a failure, later tasks may not have run; the failure comes first in task order.
                guard let result else { break }
                values.append(try result.get())
            }
            return values
        }
    }

    private struct State<T: Sendable>: Sendable {
        var results: [Result<T, any Error>?]
        var next = 0
        var failed = false
    }
}
