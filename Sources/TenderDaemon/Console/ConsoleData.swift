import Foundation
import Synchronization
import TenderLedger
import TenderScoring

/// Everything the console reads, in one place: the ledger (through ``ConsoleIndex`` and ``ConsoleStandings``),
/// the reports folder, the users file, the daemon's status and metrics. It only reads; "verify now" runs a
/// read-only verification.
final class ConsoleData: Sendable {
    let settings: DaemonSettings
    let ledger: LedgerStore
    let holder: RuleSetHolder
    let users: UserFile
    let status: StatusBoard
    let index: ConsoleIndex
    let standings: ConsoleStandings
    let verification: VerificationJob
    /// Views and pages already made, each with what it was made from.
    let cache = ConsoleCache()
    /// Prometheus text of the daemon's registry (the same as `metrics.prom`).
    let metricsText: @Sendable () -> [UInt8]
    /// Every leaf hash read so far, as complete subtrees, for inclusion proofs.
    private let tree = Mutex(MerkleLevels())
    private let treeReading = Mutex(())

    init(
        settings: DaemonSettings, ledger: LedgerStore, holder: RuleSetHolder, status: StatusBoard,
        metricsText: @escaping @Sendable () -> [UInt8]
    ) {
        self.settings = settings
        self.ledger = ledger
        self.holder = holder
        self.status = status
        self.metricsText = metricsText
        users = UserFile(path: settings.usersFile)
        index = ConsoleIndex(ledger: ledger)
        standings = ConsoleStandings(ledger: ledger, index: index, holder: holder)
        verification = VerificationJob(ledger: ledger)
    }

    /// The inclusion proof of entry `seq` in the tree of `size` entries (reading the leaf hashes appended since
    /// the last proof first).
    func inclusionProof(seq: Int, size: Int) throws(LedgerError) -> [[UInt8]] {
        try treeReading.withLock { _ throws(LedgerError) in
            let have = tree.withLock { $0.count }
            guard have < size else { return }
            let leaves = try ledger.leafHashes(from: have, to: size)
            tree.withLock { levels in
                for leaf in leaves { levels.append(leaf) }
            }
        }
        return tree.withLock { $0.inclusionProof(index: seq, size: size) }
    }

    /// The files of a procurement's reports folder, relative to it, in name order.
    func reports(of id: String) -> [String] {
        let folder = (settings.reports as NSString).appendingPathComponent(id)
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var names: [String] = []
        while let name = walker.nextObject() as? String {
            let path = (folder as NSString).appendingPathComponent(name)
            guard case .regular = FileSystem.kind(path), !name.hasSuffix(".tmp") else { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// The bytes of one report file, or nil when `components` (already percent-decoded) leave the folder, name
    /// something that is not a regular file, or nothing.
    func report(of id: String, components: [String]) -> [UInt8]? {
        guard !components.isEmpty,
            components.allSatisfy({ component in
                !component.isEmpty && component != "." && component != ".." && !component.contains("/")
                    && !component.contains("\\") && !component.contains("\0")
            })
        else { return nil }
        let folder = (settings.reports as NSString).appendingPathComponent(id)
        let path = ([folder] + components).joined(separator: "/")
        // Symbolic links that lead out of the folder are refused as well.
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard target.hasPrefix(root + "/"), case .regular = FileSystem.kind(target) else { return nil }
        return FileManager.default.contents(atPath: target).map { [UInt8]($0) }
    }
}
