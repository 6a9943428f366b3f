import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One inotify event: a name in a watched folder changed, or the kernel queue overflowed.
struct InotifyEvent: Sendable, Hashable {
    var name: String
    var mask: UInt32
    /// The kernel dropped events: everything must be rescanned.
    var overflow: Bool { mask & UInt32(IN_Q_OVERFLOW) != 0 }
    /// The name was renamed into the folder: the rename protocol's "ready" signal.
    var movedIn: Bool { mask & UInt32(IN_MOVED_TO) != 0 }
}

/// inotify as an `AsyncStream` of event batches. inotify is only a hint: callers also scan, at startup,
/// after an overflow and on a timer. When inotify is unavailable the stream simply finishes.
enum Inotify {
    static let defaultMask =
        UInt32(IN_MOVED_TO) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_ATTRIB) | UInt32(IN_MODIFY)

    /// What can make an inbox file ready sooner: renamed in, or created or written in place (the scanner's
    /// stability check decides when). Files leaving (every claim is one) and each write are not hints.
    static let arrivalMask = UInt32(IN_MOVED_TO) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE)

    /// Watches `folders` (not recursively) until the stream is dropped.
    static func events(watching folders: [String], mask: UInt32 = defaultMask) -> AsyncStream<[InotifyEvent]> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: [InotifyEvent].self, bufferingPolicy: .bufferingNewest(64))
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            continuation.finish()
            return stream
        }
        for folder in folders { _ = inotify_add_watch(descriptor, folder, mask) }
        let queue = DispatchQueue(label: "tender.inotify")
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler {
            let batch = drain(descriptor)
            if !batch.isEmpty { continuation.yield(batch) }
        }
        source.setCancelHandler { close(descriptor) }
        let box = SourceBox(source: source)
        continuation.onTermination = { _ in box.source.cancel() }
        source.resume()
        return stream
    }

    /// Reads every queued event from a non-blocking inotify descriptor.
    private static func drain(_ descriptor: Int32) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let mask = buffer[offset + 4..<offset + 8].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
                let length = Int(
                    buffer[offset + 12..<offset + 16].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
                let nameBytes = buffer[offset + 16..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                events.append(InotifyEvent(name: String(decoding: nameBytes, as: UTF8.self), mask: mask))
                offset += 16 + length
            }
        }
        return events
    }
}

/// Carries a dispatch source into the stream's termination handler.
private final class SourceBox: @unchecked Sendable {
    // Safe: DispatchSource's cancel() may be called from any thread; the reference is never mutated.
    let source: any DispatchSourceRead

    init(source: any DispatchSourceRead) {
        self.source = source
    }
}
