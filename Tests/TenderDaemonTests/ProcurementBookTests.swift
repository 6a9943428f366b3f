import Foundation
import Synchronization
import TenderLedger
import TenderRules
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderDaemon

/// The procurement book keeps submissions ready for evaluation after their commit within an allowance: what it keeps
/// is what reading the ledger back would give, and what it does not keep is read back. (That what intake adds to the
/// book is what the ledger's bytes give is shown end to end: the daemon's tests replay their closes, whose submissions
/// the book kept, from the ledger's bytes.)
struct ProcurementBookTests {
    /// The Bristol example: its methodology, and each submission with its bytes, as intake parsed them.
    struct Example {
        var methodology: Methodology
        var documents: [(document: ProcurementBook.Document, bytes: [UInt8])]
        var key: ProcurementKey

        init() throws {
            let rules = "\(DaemonHarness.repository)/Rules"
            let parser = DocumentParser()
            let text = Array(try Data(contentsOf: URL(fileURLWithPath: "\(rules)/bristol-schools-helpdesk-2026.yaml")))
            guard case .methodology(let methodology, _) = try parser.parse(text, file: "m.yaml", documentID: "m") else {
                throw HarnessError(description: "not a methodology")
            }
            self.methodology = methodology
            let folder = "\(rules)/examples/bristol-schools-helpdesk-2026"
            documents = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { name in
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
                let received = ReceivedDocument(
                    kind: "submission", sha: Hex.sha256(bytes), name: name, seenAt: Timestamp(seconds: 1_800_000_000))
                guard case .submission(let submission)? = received.read(bytes, lot: nil) else {
                    throw HarnessError(description: "\(name) is not a submission")
                }
                let document = ProcurementBook.Document(
                    name: name, sha256: received.sha, kind: "submission", seenAt: received.seenAt,
                    parsed: .submission(submission), complete: true)
                return (document, bytes)
            }
            key = ProcurementKey(reference: methodology.procurement.reference, lot: methodology.procurement.lot)
        }

        var reads: SubmissionReads { SubmissionReads(methodology: methodology, plugins: nil) }

        /// A book with the example's submissions added in batch 1 and committed, keeping up to `keepBytes`; and how
        /// many times it has read a document's bytes back.
        /// How many times a book has read a document's bytes back.
        final class ReadCount: Sendable {
            let count = Mutex(0)
            var value: Int { count.withLock { $0 } }
        }

        func committedBook(keepBytes: Int) -> (ProcurementBook, ReadCount) {
            let reads = ReadCount()
            let stored = Dictionary(uniqueKeysWithValues: documents.map { ($0.document.sha256, $0.bytes) })
            var book = ProcurementBook(
                loader: { sha in
                    reads.count.withLock { $0 += 1 }
                    return stored[sha]
                }, entryLoader: { _ in nil }, keepBytes: keepBytes)
            book.batch = 1
            for item in documents { book.add(item.document, to: key) }
            let keyReads = self.reads
            book.slimDown(through: 1, reads: { _ in keyReads })
            return (book, reads)
        }
    }

    @Test func keptSubmissionsAreNotReadBackAndEvaluateAsReadBackOnes() throws {
        // Given the same committed submissions in a book that keeps them and in one that keeps none
        let example = try Example()
        var (keeping, keepingReads) = example.committedBook(keepBytes: 1 << 20)
        var (slim, slimReads) = example.committedBook(keepBytes: 0)
        #expect(keeping.keptBytes > 0)
        #expect(slim.keptBytes == 0)
        // When each is asked for its submissions as the methodology's evaluation reads them
        let kept = try keeping.completeSubmissions(example.key, reads: example.reads)
        let readBack = try slim.completeSubmissions(example.key, reads: example.reads)
        // Then the keeping book read nothing back, the other read every submission, and both give the same
        #expect(keepingReads.value == 0)
        #expect(slimReads.value == example.documents.count)
        #expect(kept == readBack)
        #expect(kept.count == example.documents.count)
        // And so the same evaluation
        let engine = ScoringEngine(methodology: example.methodology)
        #expect(
            engine.evaluate(submissions: kept, marks: []).canonicalBytes
                == engine.evaluate(submissions: readBack, marks: []).canonicalBytes)
    }

    @Test func whatTheAllowanceCannotHoldIsReadBack() throws {
        // Given an allowance that holds the first submission and not the second
        let example = try Example()
        let first = KeptSubmissions.footprint(of: example.reads.trimmed(try #require(example.submission(0))))
        var (book, reads) = example.committedBook(keepBytes: first)
        #expect(book.keptBytes == first)
        // When the evaluation asks for them
        let submissions = try book.completeSubmissions(example.key, reads: example.reads)
        // Then every submission but the first is read back from the ledger
        #expect(reads.value == example.documents.count - 1)
        #expect(submissions.count == example.documents.count)
    }

    @Test func anEvaluationThatReadsMoreAndOneAfterTheReleaseReadTheLedger() throws {
        // Given every submission kept for the methodology's evaluation
        let example = try Example()
        var (book, reads) = example.committedBook(keepBytes: 1 << 20)
        // When an evaluation reads every member of the tree (a rule set with a plugin that reads everything)
        let everything = try book.completeSubmissions(example.key, reads: .everything)
        // Then each is read back whole, with the members the kept ones do not have
        #expect(reads.value == example.documents.count)
        #expect(everything.map(\.content) == example.documents.map { example.submissionContent($0.document) })
        // And once the procurement is evaluated at its close, what was kept is let go and read back next time
        book.release(example.key)
        #expect(book.keptBytes == 0)
        _ = try book.completeSubmissions(example.key, reads: example.reads)
        #expect(reads.value == 2 * example.documents.count)
    }

    @Test func oneProcurementKeepsAtMostItsShare() throws {
        // Given an allowance far larger than what one procurement's submissions take
        let example = try Example()
        let submission = try #require(example.submission(0))
        var kept = KeptSubmissions(budget: 1 << 30)
        let other = ProcurementKey(reference: "another", lot: nil)
        // When one procurement's submissions keep coming
        var taken = 0
        for _ in 0..<(KeptSubmissions.perProcurement + 5) where kept.take(submission, for: example.key) { taken += 1 }
        // Then it keeps its share and no more, and another procurement still keeps its own
        #expect(taken == KeptSubmissions.perProcurement)
        let otherTaken = kept.take(submission, for: other)
        #expect(otherTaken)
        #expect(kept.used == (KeptSubmissions.perProcurement + 1) * KeptSubmissions.footprint(of: submission))
        // And letting the first go gives its share back
        kept.release(example.key)
        #expect(kept.used == KeptSubmissions.footprint(of: submission))
        let takenAgain = kept.take(submission, for: example.key)
        #expect(takenAgain)
    }

    @Test func aNewRuleSetLetsEveryKeptSubmissionGoAndAClosedProcurementKeepsNone() throws {
        // Given every submission kept
        let example = try Example()
        var (book, reads) = example.committedBook(keepBytes: 1 << 20)
        #expect(book.keptBytes > 0)
        // When a new rule set is active (intake lets every kept submission go)
        book.releaseAll()
        // Then nothing is kept, and an evaluation reads every submission back
        #expect(book.keptBytes == 0)
        _ = try book.completeSubmissions(example.key, reads: example.reads)
        #expect(reads.value == example.documents.count)
        // And once the procurement has a close request, a submission committed after it is not kept
        let closeText = Array("kind: close\nprocurement: \(example.key.reference)\n".utf8)
        guard case .close(let close) = try DocumentParser().parse(closeText, file: "close.yaml", documentID: "c") else {
            throw HarnessError(description: "not a close request")
        }
        book.batch = 2
        book.add(
            .init(name: "close.yaml", sha256: "c", kind: "close", seenAt: nil, parsed: .close(close), complete: false),
            to: example.key)
        var late = example.documents[0].document
        late.sha256 = "late"
        book.add(late, to: example.key)
        let keyReads = example.reads
        book.slimDown(through: 2, reads: { _ in keyReads })
        #expect(book.keptBytes == 0)
    }
}

extension ProcurementBookTests.Example {
    func submission(_ index: Int) -> Submission? {
        if case .submission(let submission) = documents[index].document.parsed { submission } else { nil }
    }

    func submissionContent(_ document: ProcurementBook.Document) -> DocumentValue {
        if case .submission(let submission) = document.parsed { submission.content } else { .null }
    }

    @Test func theMarksTakenForAssessmentsAheadAreTheBooksMarksAsTheyWere() throws {
        // Given two marks documents of one procurement in the ledger, not read back yet
        let text = try String(
            contentsOfFile:
                "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1/T-0003-panel-marks.yaml",
            encoding: .utf8)
        let marks = ["panel", "second", "third"].map { evaluator in
            Array(text.replacingOccurrences(of: "evaluator: panel", with: "evaluator: \(evaluator)").utf8)
        }
        let received = marks.enumerated().map { index, bytes in
            ReceivedDocument(kind: "marks", sha: Hex.sha256(bytes), name: "m\(index).yaml", seenAt: nil)
        }
        let stored = Dictionary(uniqueKeysWithValues: zip(received.map(\.sha), marks))
        let firstTwo = Array(received.prefix(2))
        var book = ProcurementBook(loader: { stored[$0] }, entryLoader: { firstTwo[$0] })
        let key = ProcurementKey(reference: "ocds-h6vhtk-04a1b2", lot: "1")
        let other = ProcurementKey(reference: "ocds-other", lot: nil)
        book.record(seq: 0, to: key)
        book.record(seq: 1, to: key)
        // Then a procurement with documents still unread has no marks to assess against; one with none has none
        #expect(book.loadedMarks[key] == nil)
        #expect(book.loadedMarks[other]?.isEmpty == true)
        // When its documents are read back: its marks in arrival order
        #expect(book.marks(key).map(\.evaluator) == ["panel", "second"])
        let taken = book.loadedMarks
        #expect(taken[key]?.map(\.evaluator) == ["panel", "second"])
        // And a marks document added later is in the book's marks, not in those taken before it
        guard case .marks(let third)? = received[2].read(marks[2], lot: "1") else {
            throw HarnessError(description: "not a marks document")
        }
        book.add(
            .init(
                name: "m2.yaml", sha256: received[2].sha, kind: "marks", seenAt: nil, parsed: .marks(third),
                complete: true),
            to: key)
        #expect(book.loadedMarks[key]?.map(\.evaluator) == ["panel", "second", "third"])
        #expect(taken[key]?.map(\.evaluator) == ["panel", "second"])
        // And taken back, it is gone from them
        book.withdrawLast(received[2].sha, from: key)
        #expect(book.loadedMarks[key]?.map(\.evaluator) == ["panel", "second"])
        #expect(book.marks(key).map(\.evaluator) == ["panel", "second"])
    }
}
