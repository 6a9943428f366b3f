import Foundation
import TenderLedger
import TenderReports
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderDaemon

/// Final reports written under temporary names as they are rendered, put in place only after their commit.
struct StagedReportsTests {
    static func names(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(folder)/\($0)", isDirectory: &isFolder)
                && !isFolder.boolValue
        }.sorted()
    }

    /// Expects `folder` to hold exactly the files the ledger's first `report-written` entry lists (the example's
    /// close: T-0003's summary among them), each with the digest it records.
    static func expectTheRecordedReports(in folder: String, ledger: LedgerStore) throws {
        let written = try #require(try ledger.entries(type: "report-written").first).json()
        let recorded = try #require(written["reports"]?.arrayValue)
        #expect(recorded.contains { $0["name"] == "summaries/T-0003.md" })
        for report in recorded {
            let name = try #require(report["name"]?.stringValue)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))
            #expect(report["digest"] == .string(Hex.sha256(Array(bytes))), "\(name) differs from the ledger")
        }
        #expect(names(under: folder) == recorded.compactMap { $0["name"]?.stringValue }.sorted())
    }

    @Test func filesAppearUnderTheirNamesOnlyWhenPublished() throws {
        let folder = try TestFolders.make("staged") + "/reports/ocds-1"
        var staged = StagedReports(folder: folder, suffix: ".final-7.tmp")
        staged.add("summaries/T-2.md", Array("two".utf8))
        staged.add("evaluation.json", Array("{}\n".utf8))
        // Before the commit only the temporary files exist, and the hashes are those of the bytes, sorted by name
        #expect(Self.names(under: folder) == ["evaluation.json.final-7.tmp", "summaries/T-2.md.final-7.tmp"])
        #expect(staged.sortedFiles.map(\.name) == ["evaluation.json", "summaries/T-2.md"])
        #expect(staged.sortedFiles.map(\.sha256) == [Hex.sha256(Array("{}\n".utf8)), Hex.sha256(Array("two".utf8))])
        // After publishing, the files are in place with their bytes and nothing temporary is left
        try staged.publish()
        #expect(Self.names(under: folder) == ["evaluation.json", "summaries/T-2.md"])
        #expect(FileManager.default.contents(atPath: "\(folder)/summaries/T-2.md") == Data("two".utf8))
    }

    @Test func aFileStagedInPiecesIsTheirBytesOneAfterAnother() throws {
        // Given evaluation.json staged as the result's bytes and a newline, with an empty piece between them
        let folder = try TestFolders.make("staged") + "/reports/ocds-1"
        var staged = StagedReports(folder: folder, suffix: ".final-3.tmp")
        let result = Array(#"{"tenders":[{"tender":"T-1"}]}"#.utf8)
        staged.add("evaluation.json", pieces: FilePieces([result, [], [0x0A]]))
        // And evaluation.md made as it is written, in pieces of one buffer its maker reuses (as the result's writer does)
        let text = Array("# Evaluation\n\n| Rank | Tender |\n".utf8)
        staged.add(
            "evaluation.md",
            pieces: FilePieces { piece in
                var buffer: [UInt8] = []
                for start in stride(from: 0, to: text.count, by: 5) {
                    buffer.removeAll(keepingCapacity: true)
                    buffer += text[start..<min(start + 5, text.count)]
                    piece(buffer)
                }
            })
        // When they are published
        try staged.publish()
        // Then each file holds its pieces' bytes in order, and its recorded digest is that of the whole file
        let whole = result + [0x0A]
        #expect(FileManager.default.contents(atPath: "\(folder)/evaluation.json") == Data(whole))
        #expect(FileManager.default.contents(atPath: "\(folder)/evaluation.md") == Data(text))
        #expect(staged.sortedFiles.map(\.sha256) == [Hex.sha256(whole), Hex.sha256(text)])
    }

    @Test func aFileThatCannotBeWrittenIsStillHashedAndNothingIsPublished() throws {
        // Given a procurement folder that cannot be made (a file is in its place)
        let parent = try TestFolders.make("staged") + "/reports"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: "\(parent)/ocds-1"))
        var staged = StagedReports(folder: "\(parent)/ocds-1", suffix: ".final-3.tmp")
        // When a file is staged in pieces made as it is read
        let bytes = Array(#"{"tenders":[]}"#.utf8)
        staged.add("evaluation.json", pieces: FilePieces { piece in piece(bytes) })
        // Then its digest is recorded all the same, the failure names it, and publishing throws
        #expect(staged.sortedFiles.map(\.sha256) == [Hex.sha256(bytes)])
        #expect(staged.failure?.hasPrefix("evaluation.json") == true)
        #expect(throws: (any Error).self) { try staged.publish() }
    }

    @Test func theNextEvaluationsReportsStagedBeforeTheseArePublishedDoNotMixWithThem() throws {
        // Given the reports of two evaluations of one procurement staged before either is put in place
        let folder = try TestFolders.make("staged") + "/reports/ocds-1"
        var first = StagedReports(folder: folder, suffix: StagedReports.suffix(10))
        var second = StagedReports(folder: folder, suffix: StagedReports.suffix(14))
        first.add("evaluation.md", Array("first".utf8))
        second.add("evaluation.md", Array("second".utf8))
        // When they are published in commit order, each publishes its own bytes and the later stands
        try first.publish()
        #expect(FileManager.default.contents(atPath: "\(folder)/evaluation.md") == Data("first".utf8))
        try second.publish()
        #expect(FileManager.default.contents(atPath: "\(folder)/evaluation.md") == Data("second".utf8))
        #expect(Self.names(under: folder) == ["evaluation.md"])
    }

    @Test func reportsSyncedTogetherArePublishedWithoutEachWaitingForTheDisk() throws {
        // Given three procurements' reports staged by one batch of closes: one whose folder cannot be made (a file is
        // in its place) first, then two written
        let root = try TestFolders.make("staged") + "/reports"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: "\(root)/ocds-3"))
        var broken = StagedReports(folder: "\(root)/ocds-3", suffix: StagedReports.suffix(12))
        broken.add("evaluation.md", Array("three".utf8))
        var first = StagedReports(folder: "\(root)/ocds-1", suffix: StagedReports.suffix(4))
        first.add("evaluation.md", Array("one".utf8))
        var second = StagedReports(folder: "\(root)/ocds-2", suffix: StagedReports.suffix(9))
        second.add("summaries/T-1.md", Array("two".utf8))
        // When they are synced together
        let synced = StagedReports.syncTogether([broken, first, second])
        // Then the two written are on disk, and the one that could not be written is left to fail on its own
        #expect(synced == [.own, .done, .done])
        try first.publish(sync: synced[1])
        try second.publish(sync: synced[2])
        #expect(Self.names(under: "\(root)/ocds-1") == ["evaluation.md"])
        #expect(FileManager.default.contents(atPath: "\(root)/ocds-2/summaries/T-1.md") == Data("two".utf8))
        #expect(throws: (any Error).self) { try broken.publish(sync: synced[0]) }
        // And one set alone syncs itself when it is published, as before
        var alone = StagedReports(folder: "\(root)/ocds-4", suffix: StagedReports.suffix(15))
        alone.add("evaluation.md", Array("four".utf8))
        #expect(StagedReports.syncTogether([alone]) == [.own])
    }

    @Test func reportsWhoseSyncTogetherFailedAreRemovedNotPutInPlace() throws {
        // Given a set staged, and told that the batch's sync failed (a write-back error is reported to one sync only,
        // so syncing it again would pass with its data lost)
        let folder = try TestFolders.make("staged") + "/reports/ocds-1"
        var staged = StagedReports(folder: folder, suffix: StagedReports.suffix(6))
        staged.add("evaluation.md", Array("one".utf8))
        staged.add("summaries/T-1.md", Array("two".utf8))
        // When it is published
        #expect {
            try staged.publish(sync: .failed("the batch's reports could not be synced: EIO"))
        } throws: { error in
            "\(error)".contains("could not be synced")
        }
        // Then nothing is put in place and nothing temporary is left
        #expect(Self.names(under: folder).isEmpty)
    }

    @Test func discardedReportsLeaveNothing() throws {
        let folder = try TestFolders.make("staged") + "/reports/ocds-1"
        var staged = StagedReports(folder: folder, suffix: ".final-3.tmp")
        staged.add("summaries/T-1.html", Array("<p>".utf8))
        staged.discard()
        #expect(Self.names(under: folder).isEmpty)
    }

    @Test func aFileThatCannotBeWrittenIsNamedWhenPublishingAndNothingTemporaryIsLeft() throws {
        // Given a report folder where `summaries` is a file, not a folder
        let folder = try TestFolders.make("staged") + "/reports/ocds-1"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: "\(folder)/summaries"))
        var staged = StagedReports(folder: folder, suffix: ".final-5.tmp")
        staged.add("evaluation.csv", Array("rank\n".utf8))
        staged.add("summaries/T-1.md", Array("one".utf8))
        staged.add("red-flags.json", Array("{}".utf8))
        // Then every file is still hashed (the entry records what the reports are)
        #expect(staged.sortedFiles.map(\.name) == ["evaluation.csv", "red-flags.json", "summaries/T-1.md"])
        // And publishing names the file, puts nothing in place and leaves no temporary file
        #expect {
            try staged.publish()
        } throws: { error in
            "\(error)".contains("summaries/T-1.md")
        }
        #expect(Self.names(under: folder) == ["summaries"])
    }

    @Test func afterACrashWhatTheLedgerRecordsIsPutInPlaceAndTheRestRemoved() throws {
        // Given a reports folder a crash left with the temporary files of evaluation 7 (committed: the ledger lists
        // two of its files) and of evaluation 9 (never committed), and a provisional report's temporary file
        let root = try TestFolders.make("staged") + "/reports"
        var committed = StagedReports(folder: "\(root)/ocds-1", suffix: StagedReports.suffix(7))
        committed.add("evaluation.json", Array("{}\n".utf8))
        committed.add("summaries/T-1.md", Array("one".utf8))
        committed.add("summaries/T-2.md", Array("cut short".utf8))
        var uncommitted = StagedReports(folder: "\(root)/ocds-1", suffix: StagedReports.suffix(9))
        uncommitted.add("evaluation.json", Array("{\"later\":1}\n".utf8))
        try Data("provisional".utf8).write(to: URL(fileURLWithPath: "\(root)/ocds-1/evaluation.md.tmp"))
        let listed = [
            "evaluation.json": Hex.sha256(Array("{}\n".utf8)), "summaries/T-1.md": Hex.sha256(Array("one".utf8)),
            "summaries/T-2.md": Hex.sha256(Array("the whole letter".utf8)),
        ]
        var asked: [String] = []
        // When the daemon recovers
        let outcome = StagedReports.recover(under: root) { folder, seq in
            asked.append("\(folder)#\(seq)")
            return folder == "ocds-1" && seq == 7 ? listed : nil
        }
        // Then the recorded files with their recorded bytes are in place, the rest removed, the provisional file left
        #expect(outcome.published == 2 && outcome.removed == 2)
        #expect(asked == ["ocds-1#7", "ocds-1#9"])
        #expect(
            Self.names(under: root) == [
                "ocds-1/evaluation.json", "ocds-1/evaluation.md.tmp", "ocds-1/summaries/T-1.md",
            ])
        #expect(FileManager.default.contents(atPath: "\(root)/ocds-1/evaluation.json") == Data("{}\n".utf8))
    }
}
