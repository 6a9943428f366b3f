import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderCLI

/// `tender ledger show` on entries the real daemon wrote: every kind of entry reads as what happened, so the
/// readable history cannot drift from the bodies the daemon records.
struct LedgerShowDaemonTests {
    @Test func everyEntryTheDaemonWritesReadsAsWhatHappened() async throws {
        // Given a daemon that receives a submission, a copy of it, a revision, a broken file, a broken rule edit and
        // a close request
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("the rule set recorded") { try daemon.ledger().entries().count > 0 }
        let original = try DaemonHarness.example("T-0001-brightwall.yaml")
        try daemon.drop("t1.yaml", original)
        try await daemon.waitUntil("the submission") { daemon.names(daemon.settings.archive).count == 1 }
        try daemon.drop("t1-copy.yaml", original)
        try daemon.drop("t1-revised.yaml", original + Array("# revised\n".utf8))
        try daemon.drop("broken.yaml", Array("kind: submission\nprice: [1\n".utf8))
        try await daemon.waitUntil("the copy, the revision and the broken file recorded") {
            let types = Set(try daemon.ledger().entries().map(\.type))
            return types.isSuperset(of: ["document-duplicate", "submission-superseded", "document-rejected"])
        }
        let rules = "\(daemon.root)/Rules/wmca-retrofit-2026-lot1.yaml"
        let goodRules = try String(contentsOfFile: rules, encoding: .utf8)
        try TestFiles.replace(
            rules,
            with: goodRules.replacingOccurrences(of: "weight: 40, category: price", with: "weight: 45, category: price")
        )
        try await daemon.waitUntil("the rejected rule set") {
            try daemon.ledger().entries().contains { $0.type == "ruleset-rejected" }
        }
        try TestFiles.replace(rules, with: goodRules)
        try daemon.drop("close.yaml", Array("kind: close\nprocurement: ocds-h6vhtk-04a1b2\nlot: \"1\"\n".utf8))
        try await daemon.waitUntil("the final report") {
            try daemon.ledger().entries().contains { $0.type == "report-written" }
        }
        try await daemon.stop()
        // When its ledger is shown
        let entries = try daemon.ledger().entries()
        let command = try #require(
            try TenderCommand.parseAsRoot(["ledger", "show", "--ledger", daemon.settings.ledger]) as? LedgerShowCommand)
        var shown: [String] = []
        try command.show { shown.append($0) }
        // Then every type the daemon wrote has its own reading, none the list of members kept for unknown types
        #expect(shown.count == entries.count)
        let expected: [String: String] = [
            "ruleset-activated": "methodologies ", "ruleset-rejected": " stays active): ",
            "document-received": "), document ",
            "document-duplicate": "t1-copy.yaml: the same bytes as entry #",
            "document-rejected": "broken.yaml rejected: broken.yaml:", "submission-assessed": "T-0001 Brightwall",
            "submission-superseded": "superseded by", "procurement-evaluated": "final, winner ",
            "report-written": " files in ", "daemon-started": " started: rule set ",
            "ruleset-restored": "rule files valid again: ",
        ]
        #expect(Set(entries.map(\.type)) == Set(expected.keys), "\(Set(entries.map(\.type)))")
        for (line, entry) in zip(shown, entries) {
            let fragment = try #require(expected[entry.type])
            #expect(line.contains(fragment), "\(entry.type): \(line)")
            #expect(!line.contains("={"), "\(entry.type) fell back to listing members: \(line)")
        }
        // And --procurement selects the entries of that procurement, not the rule set activations that only name it
        // among their methodologies
        let procurement = "ocds-h6vhtk-04a1b2"
        let filter = try #require(
            try TenderCommand.parseAsRoot(
                ["ledger", "show", "--ledger", daemon.settings.ledger, "--procurement", procurement])
                as? LedgerShowCommand)
        var selected: [String] = []
        try filter.show { selected.append($0) }
        let activation = try #require(entries.first { $0.type == "ruleset-activated" })
        let activationProcurement = try activation.json()["procurement"]
        #expect(activation.bodyText.contains(procurement) && activationProcurement == nil)
        let named = try entries.filter { try $0.json()["procurement"] == .string(procurement) }
        #expect(selected == named.map { line in shown[line.seq] })
    }
}
