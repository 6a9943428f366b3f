import Foundation
import Logging
import TenderLedger
import TenderScoring

#if canImport(Glibc)
    import Glibc
#endif

/// Takes ready inbox files by renaming each into `processing/` under a unique claim name (``Claim``), so no
/// other scan can take it and a crash leaves it where the restart finds it. The renames are made durable
/// together by ``sync()``, which must come before any claimed file is committed.
struct InboxClaimer {
    let inbox: String
    let processing: String
    let logger: Logger
    /// The claims made so far by this daemon (a claim's place among those of its scan).
    private var counter = 0

    init(inbox: String, processing: String, logger: Logger) {
        self.inbox = inbox
        self.processing = processing
        self.logger = logger
    }

    /// Claims `names`, all seen by one scan at `seenAt`. A file gone meanwhile is skipped; one that cannot be
    /// renamed (a read-only or full folder) stays in the inbox, and the log says why.
    mutating func claim(_ names: ArraySlice<String>, seenAt: Timestamp) -> [Claim] {
        var claims: [Claim] = []
        for name in names {
            counter += 1
            let claim = Claim(originalName: name, seenAt: seenAt, counter: counter)
            let from = (inbox as NSString).appendingPathComponent(name)
            let to = (processing as NSString).appendingPathComponent(claim.claimName)
            do {
                try FileSystem.moveLater(from, to: to)
                claims.append(claim)
            } catch {
                if case .missing = FileSystem.kind(from) {
                    logger.debug("file vanished before it could be claimed", metadata: ["inbox.file": "\(name)"])
                } else {
                    logger.error(
                        "cannot claim an inbox file; it stays in the inbox and is tried again at the next scan",
                        metadata: ["inbox.file": "\(name)", "error": "\(error)"])
                }
            }
        }
        return claims
    }

    /// Makes every claim so far durable: one fsync per folder, before anything claimed is committed, so a claim
    /// the ledger records is never undone by a power cut.
    func sync() {
        FileSystem.syncFolders([inbox, processing])
    }
}
