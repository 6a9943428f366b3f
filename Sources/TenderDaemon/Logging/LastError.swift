import Foundation
import Synchronization

/// The last message the daemon logged at error level or above (already escaped), with when.
public final class LastError: Sendable {
    /// One error line.
    public struct Line: Sendable, Hashable {
        public var at: String
        public var message: String
    }

    private let line = Mutex<Line?>(nil)

    public init() {}

    func record(_ message: String, error: String?) {
        let text = error.map { "\(message) (\($0))" } ?? message
        line.withLock { $0 = Line(at: WallClock.now(), message: text) }
    }

    /// The last error, or nil when none was logged since start.
    public var last: Line? { line.withLock { $0 } }
}
