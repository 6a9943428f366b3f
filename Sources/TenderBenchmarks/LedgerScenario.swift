import Foundation
import GRDB
import TenderDaemon
import TenderLedger
import TenderScoring

/// Scenario 3: `verify` and `replay` over a generated ledger of about N entries, shaped like the daemon's:
/// per procurement, a `document-received` (with the document as a blob and an intake record) and a
/// `submission-assessed` per tender, then a `procurement-evaluated` that replay re-runs and a `report-written`.
struct LedgerScenario {
    let entries: Int
    let tendersPerProcurement: Int
    let variant: MethodologyVariant
    /// The state folder (ledger.sqlite, keys/, checkpoints.log), kept for the memory scenario.
    let state: String

    /// Procurement numbers in the generated ledger start here, clear of the end-to-end scenario's.
    static let firstProcurement = 5_000

    var ledgerPath: String { (state as NSString).appendingPathComponent("ledger.sqlite") }

    func run(into report: inout Report) throws {
        let (size, build) = try Timing.measure { try generate() }
        report.add("ledger", "build \(size) entries (append, 5k per transaction)", build, "s")
        let key = try LedgerKey.load(at: LedgerKey.defaultPath(forLedger: ledgerPath))
        // Verify and its floor alternate, three times each (the machine is shared); medians are reported.
        var verifyTimes: [Double] = []
        var floorTimes: [Double] = []
        var mappedTimes: [Double] = []
        var verified = 0
        for _ in 0..<3 {
            let (verification, seconds) = try Timing.measure {
                try LedgerVerifier(path: ledgerPath, verifier: key.verifier).verify()
            }
            guard verification.isValid else {
                throw Documents.Unexpected(
                    description: "the generated ledger does not verify: \(verification.problems)")
            }
            verified = verification.size
            verifyTimes.append(seconds)
            let (hashed, floorSeconds) = try Timing.measure { try HashFloor(path: ledgerPath).run() }
            guard hashed.entries == verified else {
                throw Documents.Unexpected(description: "the hash floor read \(hashed.entries) of \(verified) entries")
            }
            floorTimes.append(floorSeconds)
            let (_, mappedSeconds) = try Timing.measure { try HashFloor(path: ledgerPath, mapped: true).run() }
            mappedTimes.append(mappedSeconds)
        }
        let verifySeconds = Timing.median(verifyTimes)
        let floorSeconds = Timing.median(floorTimes)
        let verifyRate = Double(verified) / verifySeconds
        let floorRate = Double(verified) / floorSeconds
        report.add("ledger", "verify \(verified) entries (median of 3)", verifySeconds, "s")
        report.add("ledger", "verify rate", verifyRate, "entries/s", target: ">= 200000", met: verifyRate >= 200_000)
        report.add("ledger", "verify floor: read + SHA-256 only (median of 3)", floorSeconds, "s")
        report.add("ledger", "verify floor rate", floorRate, "entries/s")
        report.add("ledger", "verify / floor (rates)", verifyRate / floorRate, "ratio")
        let mappedRate = Double(verified) / Timing.median(mappedTimes)
        report.add("ledger", "verify floor, file mapped: rate (median of 3)", mappedRate, "entries/s")
        report.notes.append(
            "verify runs: " + verifyTimes.map { String(format: "%.3f s", $0) }.joined(separator: ", ")
                + "; floor runs: " + floorTimes.map { String(format: "%.3f s", $0) }.joined(separator: ", ")
                + "; mapped floor runs: " + mappedTimes.map { String(format: "%.3f s", $0) }.joined(separator: ", "))
        // Verify hashes every body and blob once: the bytes it reads bound its rate.
        let hashedBytes = try DatabaseQueue(path: ledgerPath).read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT (SELECT COALESCE(SUM(length(body)), 0) FROM entries)"
                    + " + (SELECT COALESCE(SUM(length(bytes)), 0) FROM blobs)") ?? 0
        }
        report.add("ledger", "verify hashed bytes", Double(hashedBytes) / 1e6, "MB")
        report.add("ledger", "verify byte rate", Double(hashedBytes) / 1e6 / verifySeconds, "MB/s")
        let store = try LedgerStore(readOnlyAt: ledgerPath)
        let replayer = EvaluationReplayer(store: store)
        let ((evaluations, submissions, differing), replaySeconds) = try Timing.measure {
            () throws -> (Int, Int, Int) in
            // As `tender ledger replay` does: each body read from the ledger a piece at a time.
            let recorded = try store.seqs(type: EvaluationEntry.type)
            let outcomes = replayer.replayAll(seqs: recorded)
            let submissions = outcomes.reduce(0) { $0 + $1.inputs }
            let differing = outcomes.filter { !$0.differences.isEmpty }.count
            return (recorded.count, submissions, differing)
        }
        guard differing == 0 else {
            throw Documents.Unexpected(description: "\(differing) replayed evaluation(s) differ from the ledger")
        }
        let replayRate = Double(submissions) / replaySeconds
        report.add("ledger", "replay \(evaluations) evaluations, \(submissions) submissions", replaySeconds, "s")
        report.add(
            "ledger", "replay rate", replayRate, "submissions/s", target: ">= 2000", met: replayRate >= 2_000)
    }

    /// Writes the ledger; returns its size.
    func generate() throws -> Int {
        try? FileManager.default.removeItem(atPath: state)
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let key = try LedgerKey.loadOrCreate(at: LedgerKey.defaultPath(forLedger: ledgerPath))
        let store = try LedgerStore(path: ledgerPath, signer: key.signer, checkpointEvery: 1_000)
        var generator = variant.generator(seed: 0x1ED6_E5)
        var pending: [EntryDraft] = []
        var size = 0
        var procurement = Self.firstProcurement
        var clock = 1_780_000_000
        while size + pending.count < entries {
            let text = generator.methodology(procurement)
            let methodology = try Documents.methodology(text)
            let methodologyBlob = LedgerBlob(bytes: Array(text.utf8), mediaType: "application/yaml")
            let engine = ScoringEngine(methodology: methodology)
            let name = "\(Generator.methodologyID(procurement)).yaml"
            var submissions: [Submission] = []
            var inputs: [EvaluationEntry.Input] = []
            for tender in 0..<tendersPerProcurement {
                let bytes = generator.submission(procurement: procurement, tender: tender)
                let sha = Hex.sha256(bytes)
                let submission = try Documents.submission(bytes)
                clock += 1
                let file = String(format: "T-%05d.yaml", tender)
                let claim = "\(clock)-000000000-\(tender)--\(file)"
                let seen = JSONValue.string(Timestamp(seconds: Int64(clock), nanoseconds: 0).description)
                let common: [String: JSONValue] = [
                    "procurement": .string(methodology.procurement.reference), "lot": .string("1"),
                    "ruleset_digest": .string(methodologyBlob.sha256), "recorded_at": seen, "source": "tender serve",
                ]
                pending.append(
                    EntryDraft(
                        type: "document-received",
                        body: common.merging([
                            "kind": "submission", "name": .string(file), "claim": .string(claim),
                            "document_sha256": .string(sha), "seen_at": seen,
                        ]) { $1 },
                        blobs: [LedgerBlob(bytes: bytes, mediaType: "application/yaml")],
                        intake: IntakeRecord(claim: claim, sha256: sha, outcome: "accepted")))
                let assessment = engine.assessOnArrival(submission, marks: [])
                pending.append(
                    EntryDraft(
                        type: "submission-assessed",
                        body: common.merging([
                            "methodology": .string(methodology.id), "engine": .string(ScoringEngine.version),
                            "tender": .string(submission.tenderKey), "document_sha256": .string(sha),
                            "status": .string(assessment.status.rawValue),
                            "assessment": assessment.json(rounding: methodology.evaluation.rounding, flags: []),
                        ]) { $1 }))
                submissions.append(submission)
                inputs.append(EvaluationEntry.Input(name: file, kind: "submission", sha256: sha))
            }
            let result = engine.evaluate(submissions: submissions, marks: [])
            pending.append(
                EvaluationEntry.draft(
                    methodology: methodology, methodologyName: name, methodologySHA256: methodologyBlob.sha256,
                    rulesetDigest: methodologyBlob.sha256, inputs: inputs, result: result,
                    recordedAt: Timestamp(seconds: Int64(clock), nanoseconds: 0).description,
                    source: "tender serve", blobs: [methodologyBlob]))
            pending.append(
                EntryDraft(
                    type: "report-written",
                    body: [
                        "procurement": .string(methodology.procurement.reference), "final": .bool(result.isFinal),
                        "folder": .string("var/reports/\(methodology.procurement.reference)-lot-1"),
                        "reports": .array([]),
                    ]))
            procurement += 1
            if pending.count >= 5_000 {
                size += try store.append(pending).count
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { size += try store.append(pending).count }
        try store.writeCheckpoint()
        return size
    }
}
