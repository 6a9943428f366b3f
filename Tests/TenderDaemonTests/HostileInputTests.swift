import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import Testing

@Suite(.serialized)
struct HostileInputTests {
    /// Each bad file, and what its `NAME.error.txt` must say.
    static let cases: [(name: String, bytes: [UInt8], expected: String)] = {
        let submission = { (extra: String) in
            "kind: submission\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nsupplier: {name: X}\nprice: {total: 10, currency: GBP}\n"
                + extra
        }
        var aliasBomb =
            "kind: submission\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\nsupplier: {name: B}\nprice: {total: 1, currency: GBP}\nanswers:\n  a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            aliasBomb +=
                "  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
            previous = name
        }
        return [
            (
                "invalid.yaml", Array("kind: submission\nsupplier: {name: \"unclosed}\n".utf8),
                "invalid.yaml:3:1: error: invalid YAML"
            ),
            (
                "wrong-types.yaml", Array(submission("received_at: yesterday\n").utf8),
                "wrong-types.yaml:6:14: error: received_at must be an RFC 3339"
            ),
            (
                "unknown-procurement.yaml",
                Array(
                    "kind: submission\nprocurement: ocds-nope\nsupplier: {name: X}\nprice: {total: 10, currency: GBP}\n"
                        .utf8), "unknown procurement ocds-nope"
            ),
            ("alias-bomb.yaml", Array(aliasBomb.utf8), "alias bomb"),
            (
                "deep.yaml",
                Array(
                    ("kind: submission\nanswers: " + String(repeating: "[", count: 500)
                        + String(repeating: "]", count: 500) + "\n").utf8), "nests deeper than 64 levels"
            ),
            (
                "huge.yaml",
                Array(submission("answers: {a: \"" + String(repeating: "x", count: 70_000) + "\"}\n").utf8),
                "more than the limit of 65536"
            ),
            ("junk.yaml", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }, "not UTF-8"),
            ("empty.yaml", [], "the file is empty"),
            (
                "methodology.yaml",
                Array(
                    (try? Data(
                        contentsOf: URL(
                            fileURLWithPath: "\(DaemonHarness.repository)/Rules/wmca-retrofit-2026-lot1.yaml")))
                        ?? Data()),
                "belongs in the rules folder"
            ),
        ]
    }()

    @Test func hostileAndBrokenInputsAreRejectedWithAReasonWhileTheDaemonKeepsServing() async throws {
        // Given a daemon with a 64 KiB document limit
        let daemon = try await DaemonHarness(maxDocumentBytes: 65_536)
        // When every bad file is dropped, plus a symlink, and then a good document with an odd name
        for item in Self.cases { try daemon.drop(item.name, item.bytes) }
        try FileManager.default.createSymbolicLink(
            atPath: "\(daemon.inbox)/link.yaml", withDestinationPath: "/etc/hostname")
        let odd = "T-0001 (copy) ünïcødé, 'final' $version.yaml"
        try daemon.drop(odd, try DaemonHarness.example("T-0001-brightwall.yaml"))
        let expectedRejected = Self.cases.count + 1
        try await daemon.waitUntil("every file accounted for") {
            daemon.names(daemon.settings.rejected).filter { $0.hasSuffix(".error.txt") }.count == expectedRejected
                && daemon.names(daemon.settings.archive).count == 1
        }
        try await daemon.stop()
        // Then each is in rejected/ with its reason beside it, and recorded in the ledger
        let rejected = daemon.names(daemon.settings.rejected)
        for item in Self.cases {
            let note = try #require(
                rejected.first { $0.hasSuffix("--\(item.name).error.txt") }, "\(item.name) has no error note")
            let text = try String(contentsOfFile: "\(daemon.settings.rejected)/\(note)", encoding: .utf8)
            #expect(text.contains(item.expected), "\(item.name): \(text)")
            #expect(rejected.contains(String(note.dropLast(".error.txt".count))), "\(item.name) itself is kept")
        }
        let linkNote = try #require(rejected.first { $0.hasSuffix("--link.yaml.error.txt") })
        #expect(
            try String(contentsOfFile: "\(daemon.settings.rejected)/\(linkNote)", encoding: .utf8).contains(
                "symbolic link"))
        #expect(daemon.names(daemon.settings.archive).first?.hasSuffix(odd) == true)
        let ledger = try daemon.ledger()
        #expect(try ledger.entries().filter { $0.type == "document-rejected" }.count == expectedRejected)
        #expect(try ledger.intakeRecords().filter { $0.outcome == "accepted" }.count == 1)
        #expect(FileManager.default.fileExists(atPath: "/etc/hostname"))
    }

    @Test func dotfilesPartialFilesAndEditorSwapFilesAreLeftAlone() async throws {
        let daemon = try await DaemonHarness()
        for name in [".hidden.yaml", "upload.yaml.part", ".doc.yaml.swp", "draft.yaml~"] {
            try Data("kind: submission\n".utf8).write(to: URL(fileURLWithPath: "\(daemon.inbox)/\(name)"))
        }
        try daemon.drop("real.yaml", try DaemonHarness.example("T-0002-cladco.yaml"))
        try await daemon.waitUntil("the real document") { daemon.names(daemon.settings.archive).count == 1 }
        try await Task.sleep(for: .milliseconds(800))
        try await daemon.stop()
        #expect(daemon.names(daemon.inbox) == [".doc.yaml.swp", ".hidden.yaml", "draft.yaml~", "upload.yaml.part"])
        #expect(daemon.names(daemon.settings.rejected).isEmpty)
    }
}
