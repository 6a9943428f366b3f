import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Clears the harness's scratch folders without deleting the large per-run trees while scenarios run (a few files, a
/// floor's database say, are still deleted where they are).
///
/// On ext4 without a journal (the machines this project is built and measured on), the kernel does not reuse an inode freed in the
/// last 60 seconds (longer while its inode table block is still dirty): each new file's allocation scans past every
/// recently freed inode of its block group. Deleting a run's 10,000 documents and 20,000 reports just before the next
/// run made each file that run created cost 0.2–0.6 ms instead of about 25 µs, so the figures measured the harness's
/// own deletions (the daemon's close of 10,000 tenders creates 20,000 report files). Folders are therefore moved
/// aside into `.discarded` under the scratch folder (a rename frees no inode) and removed once every scenario has run.
///
/// What this costs and leaves:
/// - Everything a run writes stays on disk until its end: with the default sizes about 5 GB and a few hundred thousand
///   inodes (five rounds of four daemon runs of 10,000 documents each, with their ledgers and reports).
/// - The removal at the end of one run is still recent when a run started straight after it creates files: such a
///   run's first scenarios (plugins and core) create none, but leave a few minutes between runs whose file figures
///   are compared.
struct ScratchFolders {
    /// The harness's scratch folder (`--work`).
    let work: String

    private var discarded: String { (work as NSString).appendingPathComponent(".discarded") }

    /// Moves `path` (a file or folder under the scratch folder), if it exists, into `.discarded`; removes it where it
    /// cannot be moved.
    func clear(_ path: String) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try? FileManager.default.createDirectory(atPath: discarded, withIntermediateDirectories: true)
        let name = "\(UUID().uuidString)-\((path as NSString).lastPathComponent)"
        if rename(path, (discarded as NSString).appendingPathComponent(name)) != 0 {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Removes everything moved aside (after the last scenario, and before the first in case an earlier run was cut
    /// short).
    func removeDiscarded() {
        try? FileManager.default.removeItem(atPath: discarded)
    }
}
