import Foundation
import TenderLedger

/// Decides which inbox names are documents ready to take: dotfiles, `*.part`, editor and download temp
/// files are left alone; a file renamed in is ready at once; any other file only once its size and mtime
/// have stayed the same for `stableFor` seconds (naive writers that copy in place). How long a file has stayed
/// the same is measured on the monotonic clock; its age from its modification time on the wall clock, and a
/// modification time in the future (the clock stepped back) counts as no age at all, not as a file never ready.
struct InboxScanner {
    let inbox: String
    let stableFor: Double
    private var observed: [String: (size: Int64, modified: Int64, since: Double)] = [:]

    init(inbox: String, stableFor: Double) {
        self.inbox = inbox
        self.stableFor = stableFor
    }

    static let ignoredSuffixes = [".part", ".tmp", ".swp", ".swx", "~", ".crdownload", ".partial", ".error.txt"]

    /// Whether a name is something the inbox protocol says to leave alone.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || ignoredSuffixes.contains { name.hasSuffix($0) } || name == "4913"
    }

    /// The names ready to claim now. `wall` is the wall clock and `now` the monotonic one (``Uptime``), in seconds;
    /// `renamedIn` are names inotify saw renamed into the inbox.
    mutating func ready(wall: Double, now: Double, renamedIn: Set<String>) -> [String] {
        var ready: [String] = []
        var seen: Set<String> = []
        for name in FileSystem.names(in: inbox) where !Self.isIgnored(name) {
            seen.insert(name)
            let path = (inbox as NSString).appendingPathComponent(name)
            switch FileSystem.kind(path) {
            case .symlink, .other:
                ready.append(name)  // claimed and rejected with a reason: never followed
            case .regular(let size, let modified):
                if renamedIn.contains(name) {
                    ready.append(name)
                    continue
                }
                // Untouched for `stableFor` already (a rename whose inotify event was dropped under load, or a
                // file that was there before the daemon started): the writer is done, take it now.
                let age = Double(Int64(wall * 1e9) - modified) / 1e9
                if let previous = observed[name], previous.size == size, previous.modified == modified {
                    if now - previous.since >= stableFor, age >= stableFor || age < 0 { ready.append(name) }
                } else if observed[name] == nil, age >= stableFor {
                    ready.append(name)
                } else {
                    observed[name] = (size, modified, now)
                }
            case .missing:
                continue
            }
        }
        let taken = Set(ready)
        observed = observed.filter { seen.contains($0.key) && !taken.contains($0.key) }
        return ready
    }

    /// Whether a stability check is still waiting on some file (so the service should look again soon).
    var isWaiting: Bool { !observed.isEmpty }
}
