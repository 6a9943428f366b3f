import ArgumentParser
import Foundation
import TenderScoring
import Testing

@testable import TenderCLI
@testable import TenderLedger

/// `tender ledger show` gives one readable line per entry: what an auditor looks for, not the raw body.
struct LedgerShowTests {
    func lines(_ arguments: [String]) throws -> [String] {
        let command = try #require(try TenderCommand.parseAsRoot(["ledger", "show"] + arguments) as? LedgerShowCommand)
        var lines: [String] = []
        try command.show { lines.append($0) }
        return lines
    }

    @Test func aScoredProcurementReadsAsItsDocumentsAndRanking() throws {
        // Given the shipped example scored into a ledger
        let ledger = try LedgerReplayTests().recordedLedger()
        let entries = try LedgerStore(readOnlyAt: ledger).entries()
        // When shown
        let shown = try lines(["--ledger", ledger])
        // Then each entry is one line that starts with its number and type
        #expect(shown.count == entries.count)
        for (line, entry) in zip(shown, entries) {
            #expect(line.hasPrefix("#\(entry.seq) "), "\(line)")
            #expect(line.contains(" \(entry.type) "), "\(line)")
            #expect(line.count < 400, "a line should be readable, not the body: \(line)")
        }
        // And a received document is named with its kind and its hash's first digits
        for (line, entry) in zip(shown, entries) where entry.type == "document-received" {
            let body = try entry.json()
            let sha = try #require(body["document_sha256"]?.stringValue)
            #expect(
                line.contains(
                    "\(body["name"]!.stringValue!) (\(body["kind"]!.stringValue!)), document \(sha.prefix(12))…"))
            #expect(!line.contains(sha), "the full hash is left to --json")
        }
        // And the evaluation names its winner, then the ranked tenders in rank order with their published totals,
        // then the others by status
        let evaluation = try #require(entries.last { $0.type == "procurement-evaluated" })
        let body = try evaluation.json()
        let line = shown[evaluation.seq]
        let winner = try #require(body["winner"]?.stringValue)
        #expect(line.contains("final, winner \(winner); ranked \(winner) "), "\(line)")
        let tenders = try #require(body["result"]?["tenders"]?.arrayValue)
        func rank(_ tender: JSONValue) -> Int64? {
            if case .integer(let rank) = tender["rank"] ?? .null { return rank }
            return nil
        }
        let ranked = tenders.filter { rank($0) != nil }.sorted { rank($0)! < rank($1)! }
        let rankedText = ranked.map { "\($0["tender"]!.stringValue!) \($0["total_published"]!.stringValue!)" }
        #expect(line.contains("ranked " + rankedText.joined(separator: ", ")), "\(line)")
        for tender in tenders where rank(tender) == nil {
            #expect(line.contains(tender["tender"]!.stringValue!), "unranked tenders are named too: \(line)")
            #expect(line.contains(tender["status"]!.stringValue!), "\(line)")
        }
    }

    @Test func procurementSelectsEntriesAndJSONPrintsBodiesWhole() throws {
        let ledger = try LedgerReplayTests().recordedLedger()
        let entries = try LedgerStore(readOnlyAt: ledger).entries()
        let procurement = try #require(try entries.last!.json()["procurement"]?.stringValue)
        // Only the entries that name that procurement, in order
        let selected = try lines(["--ledger", ledger, "--procurement", procurement])
        let named = try entries.filter { try $0.json()["procurement"]?.stringValue == procurement }
        #expect(selected.count == named.count && named.count > 1)
        #expect(zip(selected, named).allSatisfy { $0.hasPrefix("#\($1.seq) ") })
        #expect(try lines(["--ledger", ledger, "--procurement", "ocds-none"]).isEmpty)
        // --json: every body, byte for byte
        #expect(try lines(["--ledger", ledger, "--json"]) == entries.map(\.bodyText))
    }

    @Test func aLedgerOfManyBatchesIsShownWholeAndInOrder() throws {
        // Given a ledger of 700 entries (more than two of the batches parsed at once), alternating procurements
        let ledger = try Repository.temporaryFolder() + "/ledger.sqlite"
        let key = try LedgerKey.loadOrCreate(at: LedgerKey.defaultPath(forLedger: ledger))
        let store = try LedgerStore(path: ledger, signer: key.signer, checkpointEvery: 100)
        let count = LedgerShowCommand.batchSize * 2 + 188
        try store.append(
            (0..<count).map { index in
                EntryDraft(
                    type: "note-\(index % 3)",
                    body: ["procurement": .string("P-\(index % 2)"), "n": .integer(Int64(index))])
            })
        // When shown whole and for one procurement
        let all = try lines(["--ledger", ledger])
        let odd = try lines(["--ledger", ledger, "--procurement", "P-1"])
        // Then every entry appears once, in order, and the selection keeps exactly the odd ones, in order
        #expect(all.count == count)
        #expect(
            all.enumerated().allSatisfy {
                $1.hasPrefix("#\($0) ") && $1.contains("note-\($0 % 3)") && $1.contains("n=\($0)")
            })
        #expect(odd == all.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
    }

    @Test func findsBytesAnywhereInABody() {
        let body = Array(#"{"a":"procurement","procurement":"ocds-1"}"#.utf8)
        #expect(LedgerShowCommand.contains(body, Array(#""procurement":"ocds-1""#.utf8)))
        #expect(LedgerShowCommand.contains(body, Array(#"{"a""#.utf8)), "at the start")
        #expect(LedgerShowCommand.contains(body, Array(#"1"}"#.utf8)), "at the end")
        #expect(!LedgerShowCommand.contains(body, Array(#""procurement":"ocds-2""#.utf8)))
        #expect(!LedgerShowCommand.contains(body, Array(#"1"}x"#.utf8)), "running past the end")
        #expect(LedgerShowCommand.contains(Array("aaab".utf8), Array("aab".utf8)), "after a partial match")
        #expect(!LedgerShowCommand.contains([], Array("a".utf8)))
    }

    @Test func theDaemonsOtherEntriesSayWhatHappened() {
        let sha = String(repeating: "ab", count: 32)
        let other = String(repeating: "cd", count: 32)
        func line(_ type: String, _ body: [String: JSONValue]) -> String {
            LedgerEntrySummary.line(seq: 7, type: type, body: .object(body))
        }
        let rejected = line(
            "document-rejected",
            [
                "name": "t.yaml", "reasons": ["t.yaml:3:7: price.total must be a number", "second"],
                "recorded_at": "2026-11-24T10:00:00.000Z",
            ])
        #expect(rejected.hasPrefix("#7     2026-11-24T10:00:00.000Z  document-rejected "))
        #expect(rejected.hasSuffix("t.yaml rejected: t.yaml:3:7: price.total must be a number (and 1 more)"))
        #expect(
            line("document-duplicate", ["name": "copy.yaml", "first_claim": "c-1", "first_seq": .integer(3)])
                .hasSuffix("copy.yaml: the same bytes as entry #3 (c-1), not scored twice"))
        #expect(
            line("document-duplicate", ["name": "copy.yaml", "first_claim": "c-1", "first_seq": .null])
                .hasSuffix("the same bytes as a document earlier in the same round (c-1), not scored twice"))
        #expect(
            line(
                "ruleset-rejected",
                [
                    "ruleset_digest": .string(sha), "still_active_digest": .string(other),
                    "problems": ["weights sum to 105"],
                ]
            )
            .hasSuffix("rule set abababababab… rejected (cdcdcdcdcdcd… stays active): weights sum to 105"))
        #expect(
            line("ruleset-rejected", ["ruleset_digest": .string(sha), "still_active_digest": .null, "problems": []])
                .hasSuffix("rejected (no rule set active): no reason recorded"))
        #expect(
            line(
                "submission-superseded",
                [
                    "procurement": "ocds-x", "lot": "2", "supplier": "GB-COH-1", "superseded_sha256": .string(sha),
                    "by_sha256": .string(other),
                ]
            ).hasSuffix("ocds-x lot 2  GB-COH-1: document abababababab… superseded by cdcdcdcdcdcd…"))
        #expect(
            line(
                "report-written",
                [
                    "folder": "var/reports/x", "final": .bool(false), "evaluation_seq": .integer(5),
                    "reports": [["name": "a"], ["name": "b"]],
                ]
            ).hasSuffix("2 files in var/reports/x (provisional, evaluation #5)"))
        // Numbers and types wider than their columns are kept whole
        #expect(
            LedgerEntrySummary.line(seq: 1_234_567, type: "a-type-name-longer-than-its-column", body: .object([:]))
                .hasPrefix("#1234567 -                         a-type-name-longer-than-its-column"))
        // A type this version does not know: its members, nested ones by size
        #expect(
            line("future-entry", ["note": "hello", "items": [1, 2, 3], "detail": ["a": 1], "count": .integer(4)])
                .hasSuffix("future-entry            count=4  detail={1 member}  items=[3 items]  note=hello"))
    }
}
