import Foundation
import TenderScoring
import TenderTestSupport

@testable import TenderLedger

/// A fresh folder under the system temporary directory, removed when released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = try TestFolders.make("ledger")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(name).path
    }
}

/// A real ledger on disk with a real key, filled with `count` evaluation-like entries.
struct LedgerFixture {
    let ledgerPath: String
    let key: LedgerKey

    var verifier: NoteVerifier { key.verifier }

    init(ledgerPath: String, key: LedgerKey) {
        self.ledgerPath = ledgerPath
        self.key = key
    }

    init(in folder: TemporaryFolder, name: String = "ledger.sqlite", count: Int, checkpointEvery: Int = 4) throws {
        ledgerPath = folder.file(name)
        key = try LedgerKey.loadOrCreate(at: LedgerKey.defaultPath(forLedger: ledgerPath))
        try Self.appendEntries(path: ledgerPath, key: key, range: 0..<count, checkpointEvery: checkpointEvery)
    }

    static func appendEntries(path: String, key: LedgerKey, range: Range<Int>, checkpointEvery: Int = 4) throws {
        let store = try LedgerStore(path: path, signer: key.signer, checkpointEvery: checkpointEvery)
        for index in range {
            let document = LedgerBlob(bytes: Array("tender document \(index)\n".utf8), mediaType: "text/plain")
            let body: [String: JSONValue] = [
                "procurement": .string(index % 2 == 0 ? "P-1" : "P-2"),
                "document_sha256": .string(document.sha256),
                "score": .decimal(Decimal(index) / 4),
                "note": .string("entrée \(index) — ok"),
            ]
            try store.append([EntryDraft(type: "submission_assessed", body: body, blobs: [document])])
        }
    }

    func verify(trusted: String? = nil) throws -> VerificationReport {
        try LedgerVerifier(path: ledgerPath, verifier: verifier, trustedCheckpoint: trusted).verify()
    }

    func tamper(_ sql: String) throws {
        try RawLedgerAccess.execute(path: ledgerPath, sql)
    }
}

func hex(_ text: String) -> [UInt8] {
    Hex.decode(text)!
}
