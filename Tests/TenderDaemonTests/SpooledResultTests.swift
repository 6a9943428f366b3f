import Foundation
import TenderLedger
import TenderRules
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderDaemon

/// A large evaluation's result is spooled to a file in `processing/` until its ledger entry is appended: the ledger
/// and the reports are what they are when the result's bytes are held in memory, and no spooled file outlives its
/// batch or a crash.
@Suite(.serialized)
struct SpooledResultTests {
    /// What the retrofit example's documents and close leave, through a daemon that spools the bytes of results of
    /// `tenders` tenders or more: the recorded result, `evaluation.json`, and what `processing/` holds afterwards.
    func close(spoolingFrom tenders: Int) async throws -> (
        result: JSONValue, json: [UInt8], processing: [String], spooled: Bool
    ) {
        let examples = "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        let daemon = try await DaemonHarness(adjust: { $0.spoolResultTenders = tenders })
        let names = try FileManager.default.contentsOfDirectory(atPath: examples).sorted()
        for name in names {
            try daemon.drop(name, Array(try Data(contentsOf: URL(fileURLWithPath: "\(examples)/\(name)"))))
        }
        try await daemon.waitUntil("the documents archived") {
            daemon.names(daemon.settings.archive).count == names.count
        }
        let close = "kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nnotice_date: \"2026-12-21\"\n"
        try daemon.drop("zz-close.yaml", Array(close.utf8))
        try await daemon.waitUntil("the reports recorded") {
            try daemon.ledger().entries().contains { $0.type == "report-written" }
        }
        try await daemon.stop()
        // The close's log line says whether its result was spooled
        let spooled = daemon.logs.lines.contains { $0.contains("zz-close.yaml") && $0.contains("result_spooled=") }
        let evaluated = try #require(try daemon.ledger().entries().last { $0.type == "procurement-evaluated" })
        let json = try Data(
            contentsOf: URL(
                fileURLWithPath: "\(daemon.settings.reports)/ocds-h6vhtk-04a1b2-lot-1/evaluation.json"))
        let key = try LedgerKey.load(at: daemon.settings.keyFile)
        let verification = try LedgerVerifier(
            path: daemon.settings.ledger, verifier: key.verifier, trustedCheckpoint: nil
        ).verify()
        #expect(verification.isValid, "\(verification.problems)")
        #expect(EvaluationReplayerProbe.replay(try daemon.ledger(), evaluated).isEmpty)
        return (
            try #require(try evaluated.json()["result"]), Array(json), daemon.names(daemon.settings.processing), spooled
        )
    }

    /// The Bristol example's evaluation (its methodology and submissions, as shipped).
    static func bristol() throws -> EvaluationResult {
        let rules = "\(DaemonHarness.repository)/Rules"
        func parse(_ path: String) throws -> ParsedDocument {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            return try DocumentParser().parse(bytes, file: path, documentID: Hex.sha256(bytes))
        }
        guard case .methodology(let methodology, _) = try parse("\(rules)/bristol-schools-helpdesk-2026.yaml") else {
            throw HarnessError(description: "not a methodology")
        }
        let examples = "\(rules)/examples/bristol-schools-helpdesk-2026"
        let submissions = try FileManager.default.contentsOfDirectory(atPath: examples).sorted().compactMap { name in
            if case .submission(let submission) = try parse("\(examples)/\(name)") { submission } else { nil }
        }
        return ScoringEngine(methodology: methodology).evaluate(submissions: submissions, marks: [])
    }

    @Test func aSpooledResultIsReadBackAsWrittenOrNotAtAll() throws {
        // Given an evaluation's result spooled to a folder
        let folder = try TestFolders.make("spool")
        let result = try Self.bristol()
        var spooled: SpooledResult? = try SpooledResult(result, in: folder)
        let path = try #require(spooled?.path)
        // Then it is a hidden file intake ignores, holding the result's canonical bytes, read back as them
        #expect((path as NSString).lastPathComponent.hasPrefix(".result-"))
        #expect(IntakeProcessor.claimable(in: folder).isEmpty)
        #expect(try spooled?.bytes() == result.canonicalBytes)
        #expect(spooled?.count == result.canonicalBytes.count)
        // And bytes changed after it was written (one flipped, one added) are refused
        var bytes = result.canonicalBytes
        bytes[bytes.count / 2] ^= 0x01
        for changed in [bytes, result.canonicalBytes + [0x20]] {
            try Data(changed).write(to: URL(fileURLWithPath: path))
            #expect {
                try spooled?.bytes()
            } throws: { error in
                "\(error)".contains("changed after it was written")
            }
        }
        // And a file gone is refused, saying what to check
        try FileManager.default.removeItem(atPath: path)
        #expect {
            try spooled?.bytes()
        } throws: { error in
            "\(error)".contains("nothing removes hidden files from processing/")
        }
        // And the file goes with the last reference to it
        try Data(result.canonicalBytes).write(to: URL(fileURLWithPath: path))
        spooled = nil
        #expect(!FileManager.default.fileExists(atPath: path))
        // And files a crash left are removed by name, nothing else
        for name in [".result-1.tmp", ".result-2.tmp", ".resulting", "result-3.tmp"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
        }
        #expect(SpooledResult.removeLeftovers(in: folder) == 2)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [".resulting", "result-3.tmp"])
    }

    @Test func aSpooledResultIsRecordedAndReportedAsAHeldOne() async throws {
        // Given the example's close through a daemon that spools every result, and one that spools none of its size
        let spooled = try await close(spoolingFrom: 1)
        let held = try await close(spoolingFrom: 1_000)
        #expect(spooled.spooled && !held.spooled)
        // Then the ledger records the same result, evaluation.json is its bytes and a newline either way
        #expect(spooled.result == held.result)
        #expect(spooled.json == spooled.result.canonicalBytes + [0x0A])
        #expect(spooled.json == held.json)
        // And the spooled file is gone once its entry is appended
        #expect(spooled.processing.isEmpty)
    }

    @Test func spooledFilesACrashLeftAreRemovedAtStart() async throws {
        // Given a spooled result left in processing/ by a crash, beside a hidden file that is not one
        var processing = ""
        let daemon = try await DaemonHarness(configure: { root in
            processing = "\(root)/var/processing"
            try FileManager.default.createDirectory(atPath: processing, withIntermediateDirectories: true)
            try Data("{\"partial\":".utf8).write(to: URL(fileURLWithPath: "\(processing)/.result-1234.tmp"))
            try Data("kept".utf8).write(to: URL(fileURLWithPath: "\(processing)/.resulting"))
        })
        // When the daemon starts, then the spooled file is removed, and the log says so
        try await daemon.waitUntil("the spooled file removed") {
            !FileManager.default.fileExists(atPath: "\(processing)/.result-1234.tmp")
        }
        try await daemon.stop()
        #expect(daemon.logs.lines.contains { $0.contains("removed spooled results left by a crash") })
        // And the other file is left alone
        #expect(FileManager.default.fileExists(atPath: "\(processing)/.resulting"))
    }
}
