import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one writer's claim on a ledger: an exclusive `flock` on `<ledger>.lock`, beside the ledger, held for as
/// long as the writer runs. The file holds the holder's PID and what it is, so a second writer can say who
/// has it. The kernel drops the lock when the process dies (even by SIGKILL), so a crash never leaves it stale.
///
/// The daemon takes it at start and keeps it until it stops; `tender score --ledger` takes it for its append.
public final class LedgerLock: Sendable {
    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    /// Another process (or another writer in this one) holds the lock.
    public struct Held: Error, Sendable, CustomStringConvertible {
        public let ledger: String
        /// What the lock file says of its holder (`pid 1234 tender serve`), if it could be read.
        public let holder: String?
        public let reason: String?

        public var description: String {
            if let reason {
                return "cannot lock the ledger \(ledger) (\(reason)); check that its folder is writable"
            }
            let who = holder.map { "another tender process (\($0))" } ?? "another tender process"
            return "\(who) is writing to the ledger \(ledger); only one writer may hold a ledger: stop it "
                + "first, or give this one its own state folder"
        }
    }

    /// The lock file beside `ledger`.
    public static func path(forLedger ledger: String) -> String { ledger + ".lock" }

    /// Takes the lock for `ledger` without waiting, recording `purpose` (such as `tender serve`) with this PID.
    public init(ledger: String, purpose: String) throws(Held) {
        path = Self.path(forLedger: ledger)
        let folder = (ledger as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Held(ledger: ledger, holder: nil, reason: String(cString: strerror(errno)))
        }
        var result: Int32
        repeat { result = flock(descriptor, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Held(ledger: ledger, holder: busy ? Self.holder(at: path) : nil, reason: busy ? nil : reason)
        }
        self.descriptor = descriptor
        let text = Array("pid \(getpid()) \(purpose)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        close(descriptor)
    }

    /// What the lock file says of its holder, if anything.
    static func holder(at path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !text.isEmpty
        else { return nil }
        return String(text.prefix(200))
    }
}
