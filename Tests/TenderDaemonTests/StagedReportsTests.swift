import Foundation
import TenderLedger
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

    @Test func theNextEvaluationsReportsStagedBeforeTheseArePublishedDoNotMixWithThem() throws {
        // Given the reports of two evaluations of one procurement staged before either is put in place
        let folder = try TestFolders.make("staged") + "/reports/ocds-1"
        var first = StagedReports(folder: folder, suffix: IntakeProcessor.stagedSuffix(10))
        var second = StagedReports(folder: folder, suffix: IntakeProcessor.stagedSuffix(14))
        first.add("evaluation.md", Array("first".utf8))
        second.add("evaluation.md", Array("second".utf8))
        // When they are published in commit order, each publishes its own bytes and the later stands
        try first.publish()
        #expect(FileManager.default.contents(atPath: "\(folder)/evaluation.md") == Data("first".utf8))
        try second.publish()
        #expect(FileManager.default.contents(atPath: "\(folder)/evaluation.md") == Data("second".utf8))
        #expect(Self.names(under: folder) == ["evaluation.md"])
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
}
