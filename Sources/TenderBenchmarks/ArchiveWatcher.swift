import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Records when each document reaches `archive/` (or `rejected/`): the daemon moves a file there only after
/// its ledger entries and intake record have committed, so this is the moment a document is done.
final class ArchiveWatcher: Sendable {
    private let descriptor: Int32
    private let arrivals = Mutex<[String: Double]>([:])
    private let stopped = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    init(folders: [String]) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw Documents.Unexpected(description: "inotify_init1 failed: \(errno)") }
        for folder in folders where inotify_add_watch(descriptor, folder, UInt32(IN_MOVED_TO)) < 0 {
            throw Documents.Unexpected(description: "cannot watch \(folder): errno \(errno)")
        }
        Thread.detachNewThread { [self] in loop() }
    }

    /// Original file name (the part of the claim name after `--`) → monotonic seconds it arrived.
    var snapshot: [String: Double] { arrivals.withLock { $0 } }

    var count: Int { arrivals.withLock { $0.count } }

    /// Waits until `count` documents are done, failing after `quiet` seconds without progress.
    func wait(for count: Int, quiet: Double) throws {
        var seen = self.count
        var progress = Timing.now()
        while seen < count {
            usleep(5_000)
            let now = self.count
            if now != seen {
                seen = now
                progress = Timing.now()
            } else if Timing.now() - progress > quiet {
                throw Documents.Unexpected(description: "the daemon stopped making progress at \(seen) of \(count)")
            }
        }
    }

    func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        while !finished.load(ordering: .sequentiallyConsistent) { usleep(1_000) }
        close(descriptor)
    }

    private func loop() {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !stopped.load(ordering: .sequentiallyConsistent) {
            guard poll(&poller, 1, 20) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            let now = Timing.now()
            guard count > 0 else { continue }
            var names: [String] = []
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + 16 <= count {
                    let length = Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                    let start = offset + 16
                    let bytes = raw[start..<(start + length)].prefix { $0 != 0 }
                    names.append(String(decoding: bytes, as: UTF8.self))
                    offset = start + length
                }
            }
            arrivals.withLock { arrivals in
                for name in names where !name.hasSuffix(".error.txt") {
                    let original = name.range(of: "--").map { String(name[$0.upperBound...]) } ?? name
                    arrivals[original] = arrivals[original] ?? now
                }
            }
        }
        finished.store(true, ordering: .sequentiallyConsistent)
    }
}
