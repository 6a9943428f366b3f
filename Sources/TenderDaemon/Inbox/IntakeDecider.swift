import Crypto
import Foundation
import TenderLedger
import TenderPlugins
import TenderReports
import TenderRules
import TenderScoring

/// Decides one claimed file: duplicate, rejected (with every reason), or accepted with its entries.
struct IntakeDecider {
    let settings: DaemonSettings
    let ruleSet: RuleSet
    /// The evaluations of the batch's close requests made ahead: a close takes its procurement's if its inputs are
    /// still those.
    var ahead = EvaluationsAhead()

    /// Decides a prepared claim: duplicates (earlier in this round, per `seen`, or in the ledger, per `earlier`:
    /// the first intake records of the batch's hashes) first, then parse problems, then what the document means
    /// for its procurement.
    mutating func decide(
        _ prepared: PreparedClaim, book: inout ProcurementBook, seen: inout [String: String],
        earlier: [String: IntakeRecord]
    ) -> IntakeDecision {
        let claim = prepared.claim
        switch prepared.content {
        case .refused(let sha, let size, let reasons):
            return rejected(claim, sha: sha, bytes: nil, size: size, reasons)
        case .read(let bytes, let sha, let parsed):
            if let first = seen[sha] {
                return duplicate(claim, sha: sha, firstClaim: first, firstSeq: nil)
            }
            if let first = earlier[sha] {
                return duplicate(claim, sha: sha, firstClaim: first.claim, firstSeq: first.seq)
            }
            seen[sha] = claim.claimName
            switch parsed {
            case .failure(let error):
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count, error.diagnostics.sorted().map(\.description))
            case .success(let document):
                return accept(
                    claim, document: document, sha: sha, bytes: bytes, assessedAhead: prepared.assessment, book: &book)
            }
        }
    }

    private mutating func accept(
        _ claim: Claim, document: ParsedDocument, sha: String, bytes: [UInt8],
        assessedAhead: PreparedClaim.Assessment?, book: inout ProcurementBook
    ) -> IntakeDecision {
        let key: ProcurementKey
        switch document {
        case .submission(let submission):
            // A tender for several lots is received for the procurement as a whole, then taken into each lot.
            key = ProcurementKey(
                reference: submission.procurement, lot: submission.lots.isEmpty ? submission.lot : nil,
                stage: submission.stage)
        case .marks(let marks): key = ProcurementKey(reference: marks.procurement, lot: marks.lot, stage: marks.stage)
        case .decision(let decision): key = ProcurementKey(decision)
        case .close(let close): key = ProcurementKey(close)
        case .methodology, .ruleTests, .framework:
            return rejected(
                claim, sha: sha, bytes: bytes, size: bytes.count,
                [
                    "\(claim.originalName): a \(document.kind) document belongs in the rules folder (\(settings.rules)), "
                        + "not in the inbox"
                ])
        }
        guard let entry = ruleSet.entry(for: key) else {
            if let stage = key.stage, ruleSet.procedure(of: key) == nil, let whole = ruleSet.entry(for: key.procedure) {
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    [
                        "\(claim.originalName): stage '\(stage)': procurement \(key.procedure) is not evaluated in stages "
                            + "(methodology \(whole.methodology.id) declares none); remove stage"
                    ])
            }
            if let procedure = ruleSet.procedure(of: key) {
                let stages = procedure.declared.map { "\($0.id) (stage \($0.number))" }.joined(separator: ", ")
                let what =
                    key.stage.map { "'\($0)' is not a stage of \(key.procedure)" }
                    ?? "procurement \(key.procedure) is evaluated in stages: the document must say which one (stage: …)"
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    ["\(claim.originalName): \(what); its stages: \(stages)"])
            }
            let known = ruleSet.methodologies.keys.sorted().map(\.description).joined(separator: "; ")
            return rejected(
                claim, sha: sha, bytes: bytes, size: bytes.count,
                [
                    "\(claim.originalName): unknown procurement \(key): no active methodology evaluates it "
                        + "(active: \(known.isEmpty ? "none" : known)); check procurement and lot"
                ])
        }
        let problems = ProcurementMatcher(methodology: entry.methodology).problems(document)
        guard problems.isEmpty else {
            return rejected(
                claim, sha: sha, bytes: bytes, size: bytes.count, problems.map { "\(claim.originalName): \($0)" })
        }
        if let refusal = stageRefusal(document, key: key, entry: entry, book: &book) {
            return rejected(claim, sha: sha, bytes: bytes, size: bytes.count, ["\(claim.originalName): \(refusal)"])
        }
        let engine = ScoringEngine(methodology: entry.methodology, plugins: ruleSet.plugins.host)
        /// The document as the procurement book keeps it.
        func recorded(_ parsed: ProcurementBook.Parsed, complete: Bool = false) -> ProcurementBook.Document {
            .init(
                name: claim.originalName, sha256: sha, kind: document.kind, seenAt: claim.seenAt, parsed: parsed,
                complete: complete)
        }
        var lots: [String] = []
        switch document {
        case .submission(let submission): lots = submission.lots.map(\.lot)
        case .close where key.lot == nil: lots = ruleSet.lotKeys(of: key.reference).compactMap(\.lot)
        default: break
        }
        let received = received(claim, sha: sha, bytes: bytes, kind: document.kind, key: key, lots: lots)
        var decision = IntakeDecision(
            claim: claim, outcome: .accepted, sha256: sha, drafts: [received], procurements: [key],
            summary: ["procurement": key.description, "kind": document.kind])
        switch document {
        case .submission(var submission):
            if submission.receivedAt == nil { submission.receivedAt = claim.seenAt }
            // Each lot tendered for (one, for a tender for one lot or an unlotted procurement) takes its own tender.
            let tenders =
                submission.lots.isEmpty
                ? [(key, entry, submission, assessedAhead)]
                : submission.lots.compactMap { lot in
                    let lotKey = ProcurementKey(reference: key.reference, lot: lot.lot, stage: key.stage)
                    return ruleSet.entry(for: lotKey).flatMap { lotEntry in
                        submission.lot(lot.lot).map { (lotKey, lotEntry, $0, nil) }
                    }
                }
            // The limit on tendered lots counts this supplier's tenders only: its earlier ones in every lot, then this.
            let supplierTenders =
                entry.methodology.lotting?.limits.maxTendered == nil
                ? []
                : book.lotSubmissions(of: ruleSet.lotKeys(of: key.reference), supplier: submission.supplier.identity)
                    + [submission]
            for (lotKey, lotEntry, tender, ahead) in tenders {
                var tender = tender
                if let limit = LotTenderLimit(lotEntry.methodology), let lot = lotKey.lot {
                    tender =
                        limit.apply(
                            to: lot, [tender], across: supplierTenders,
                            deadline: lotEntry.methodology.procurement.tenderDeadline)[0]
                }
                let earlier = book.submissions(lotKey, supplier: tender.supplier.identity)
                let marks = book.marks(lotKey)
                // Made ahead on another core against the same marks, or made now.
                let assessment =
                    ahead.flatMap { $0.marksCount == marks.count && tender.notAssessed == nil ? $0 : nil }
                    ?? .init(tender, marks: marks, methodology: lotEntry.methodology, plugins: ruleSet.plugins)
                decision.drafts.append(
                    SubmissionAssessedEntry.draft(
                        context(lotKey, entry: lotEntry), tender: tender.tenderKey, sha256: sha,
                        status: assessment.result.status.rawValue, assessment: assessment.json))
                for (superseded, by) in Self.supersessions(
                    of: tender, earlier: earlier, deadline: lotEntry.methodology.procurement.tenderDeadline)
                {
                    decision.drafts.append(
                        SubmissionSupersededEntry.draft(
                            context(lotKey, entry: lotEntry), supplier: tender.supplier.identity,
                            superseded: superseded, by: by))
                }
                var kept = tender
                kept.notAssessed = nil
                book.add(recorded(.submission(kept), complete: true), to: lotKey)
                decision.summary["status"] = assessment.result.status.rawValue
            }
            decision.procurements = tenders.map(\.0)
            decision.summary["tender"] = submission.tenderKey
            if !submission.lots.isEmpty { decision.summary["lots"] = submission.tenderedLots.joined(separator: ",") }
        case .marks(let marks):
            let submissions = book.submissions(key)
            if let problem = engine.marksProblem(marks, submissions: submissions)
                ?? ScoringEngine.clarificationProblem(marks, known: book.known(key), submissions: submissions)
            {
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    [
                        "\(claim.originalName): marks from \(marks.evaluator) for \(marks.tender) not accepted: \(problem)"
                    ])
            }
            decision.summary["tender"] = marks.tender
            decision.summary["evaluator"] = marks.evaluator
            book.add(recorded(.marks(marks)), to: key)
        case .close(let close):
            // A close of a lotted procurement without a lot closes every lot.
            let closing =
                key.lot == nil && entry.methodology.lotting != nil ? ruleSet.lotKeys(of: key.reference) : [key]
            for lotKey in closing { book.add(recorded(.close(close)), to: lotKey) }
            decision.procurements = closing
            if let problem = evaluate(closing, in: &decision, book: &book, seenAt: claim.seenAt, after: nil) {
                for lotKey in closing { book.withdrawLast(sha, from: lotKey) }
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    ["\(claim.originalName): cannot evaluate \(key): \(problem); run 'tender ledger verify'"])
            }
        case .decision(let made):
            let submissions: [Submission]
            do {
                submissions = try book.completeSubmissions(key)
            } catch {
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    [
                        "\(claim.originalName): cannot check the decision: \(error.description); run 'tender ledger verify'"
                    ])
            }
            let known = book.known(key)
            let earlier = book.decisions(key)
            let tender: String
            do {
                tender = try engine.decisionTender(made, submissions: submissions, known: known)
            } catch {
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    [
                        "\(claim.originalName): \(made.kind.name) decision on \(made.tender) not accepted: \(error.reason)"
                    ])
            }
            let close = book.lastClose(key)
            let marks = book.marks(key)
            if let close,
                let problem = Self.afterAward(
                    made, arrived: claim.seenAt, close: close, engine: engine, submissions, marks, earlier)
            {
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    ["\(claim.originalName): \(made.kind.name) decision on \(made.tender) not accepted: \(problem)"])
            }
            let supersedes = earlier.last { previous in
                previous.subject == made.subject
                    && (try? engine.decisionTender(previous, submissions: submissions, known: known)) == tender
            }
            decision.drafts.append(
                DecisionRecordedEntry.draft(
                    context(key, entry: entry), decision: made, tender: tender, supersedes: supersedes?.documentID))
            decision.summary["tender"] = tender
            decision.summary["decision"] = "\(made.kind.name) \(made.outcome)"
            book.add(recorded(.decision(made)), to: key)
            // Once the procurement has been closed, every decision is followed by the evaluation it gives, which
            // names the decision: a hold resolved, or a most advantageous tender that fell away and the next one.
            if close != nil,
                let problem = evaluate([key], in: &decision, book: &book, seenAt: claim.seenAt, after: sha)
            {
                // Its checks read this lot's submissions back; the evaluation reads every lot's once all are closed,
                // so a blob of another lot that cannot be read refuses it here.
                book.withdrawLast(sha, from: key)
                return rejected(
                    claim, sha: sha, bytes: bytes, size: bytes.count,
                    ["\(claim.originalName): cannot evaluate \(key): \(problem); run 'tender ledger verify'"])
            }
        case .methodology, .ruleTests, .framework:
            break
        }
        return decision
    }

    /// Reads a spooled result's bytes back when its entry is appended, after giving back what was freed since (the
    /// result, the reports).
    private static func readBack(_ spooled: SpooledResult) -> @Sendable () throws(LedgerError) -> [UInt8] {
        { () throws(LedgerError) in
            FreedMemory.release()
            return try spooled.bytes()
        }
    }

    /// Evaluates the closed procurements `keys` and adds their `procurement-evaluated` entries (naming the decision
    /// `after` when one caused them). For a lot of a lotted procurement whose lots are all closed, every lot is
    /// evaluated, and the `lots-awarded` entry of the award across them follows. Returns why not, if a submission
    /// recorded in the ledger could not be read back.
    private mutating func evaluate(
        _ keys: [ProcurementKey], in decision: inout IntakeDecision, book: inout ProcurementBook, seenAt: Timestamp,
        after: String?
    ) -> String? {
        var keys = keys
        let reference = keys.first?.reference ?? ""
        let lotKeys = ruleSet.lotKeys(of: reference)
        let awarding = !lotKeys.isEmpty && lotKeys.allSatisfy { book.lastClose($0) != nil }
        if awarding { keys = lotKeys }
        var finals: [FinalEvaluation] = []
        var inputs: [String: ([Submission], [MarksDocument], [Decision])] = [:]
        // What each evaluation runs over, read from the book in turn; then the evaluations (``results``).
        var work: [(key: ProcurementKey, entry: RuleSet.Entry, close: CloseRequest, inputs: [EvaluationEntry.Input])] =
            []
        var documents: [([Submission], [MarksDocument], [Decision])] = []
        // Results made ahead (``EvaluationsAhead``), by index in `work`.
        var madeAhead: [Int: (result: EvaluationResult, serialized: SerializedJSON?)] = [:]
        for key in keys {
            guard let entry = ruleSet.entry(for: key), let close = book.lastClose(key) else { continue }
            if let made = ahead.take(key, book: &book) {
                madeAhead[work.count] = (made.result, made.serialized)
                work.append((key, entry, close, made.inputs))
                documents.append((made.tenders, [], []))
                continue
            }
            let evaluation: (tenders: [Submission], inputs: [EvaluationEntry.Input])
            do {
                evaluation = try book.evaluation(key, methodology: entry.methodology, plugins: ruleSet.plugins.host)
            } catch {
                return error.description
            }
            work.append((key, entry, close, evaluation.inputs))
            documents.append((evaluation.tenders, book.marks(key), book.decisions(key)))
            if awarding, let lot = key.lot { inputs[lot] = documents.last! }
        }
        let plugins = ruleSet.plugins.host
        let toEvaluate = work.indices.filter { madeAhead[$0] == nil }
        let computed = Self.results(
            toEvaluate.map { work[$0].entry.methodology }, plugins: plugins, toEvaluate.map { documents[$0] })
        var computedInOrder = computed.makeIterator()
        let evaluated = work.indices.map { madeAhead[$0]?.result ?? computedInOrder.next()! }
        // What the reports read of the tenders: the whole documents are let go before each result's bytes are made
        // (an award across lots keeps its lots' in `inputs`).
        let reportTenders = documents.map { $0.0.map(FinalEvaluation.forReports) }
        documents = []
        // Evaluated at a close: what was kept ready for it is let go (an evaluation after this one reads the ledger).
        for item in work { book.release(item.key) }
        if reportTenders.map(\.count).reduce(0, +) >= FreedMemory.tendersWorthReleasing { FreedMemory.release() }
        var spooledBytes = 0
        for (index, ((key, entry, close, recordedInputs), (result, tenders))) in zip(
            work, zip(evaluated, reportTenders)
        ).enumerated() {
            // A large result's bytes are spooled to a file and read back when the entry is appended: tens of
            // megabytes not held while the reports are made from the result (`evaluation.json` too), and the result
            // let go before they are read. If they cannot be spooled, they are made now and held, as for a small one.
            var spooled: SpooledResult?
            if result.tenders.count >= settings.spoolResultTenders {
                do {
                    let file = try SpooledResult(result, in: settings.processing)
                    spooledBytes += file.count
                    decision.summary["result_spooled"] = "\(spooledBytes) bytes"
                    spooled = file
                } catch {
                    decision.summary["result_spool"] = "\(error); the result's bytes of \(key) are held in memory"
                }
            }
            decision.drafts.append(
                EvaluationEntry.draft(
                    methodology: entry.methodology, methodologyName: entry.file.name,
                    methodologySHA256: entry.file.sha256, rulesetDigest: ruleSet.digest, inputs: recordedInputs,
                    plugins: ruleSet.plugins.members.map(\.json), result: result, recordedAt: WallClock.now(),
                    publishedAt: seenAt, noticeDate: close.noticeDate, decisionSHA256: after, source: "tender serve",
                    framework: entry.framework, resultBytes: spooled.map(Self.readBack),
                    serializedResult: spooled == nil ? madeAhead[index]?.serialized : nil))
            let final = FinalEvaluation(
                key: key, methodology: entry.methodology, submissions: tenders, result: result,
                rulesetDigest: ruleSet.digest, publishedAt: seenAt, noticeDate: close.noticeDate,
                folder: (settings.reports as NSString).appendingPathComponent(key.folderName),
                draftIndex: decision.drafts.count - 1,
                resultBytes: spooled != nil
                    ? nil : decision.drafts.last?.serialized[EvaluationEntry.resultMember]?.bytes)
            finals.append(final)
            if let procedure = ruleSet.procedure(of: key), let stage = entry.methodology.stage {
                finals[finals.count - 1].earlierStages = book.earlierStages(before: stage, of: procedure, key)
            }
            decision.summary["final"] = "\(result.isFinal)"
            decision.summary["winner"] = result.winner ?? "none"
            // A stage with a progression concludes at its first final evaluation: who goes forward is recorded, and
            // the stage takes no more documents.
            if result.isFinal, let stage = entry.methodology.stage,
                let outcome = StageProgression.outcome(of: stage, result: result)
            {
                decision.drafts.append(
                    StageConcludedEntry.draft(
                        methodology: entry.methodology, methodologyName: entry.file.name,
                        methodologySHA256: entry.file.sha256, rulesetDigest: ruleSet.digest, outcome: outcome,
                        result: result, recordedAt: WallClock.now(), decisionSHA256: after, source: "tender serve"))
                book.conclude(key, with: outcome)
                finals[finals.count - 1].stageOutcome = outcome
                decision.summary["forward"] = outcome.progressed.map(\.tender).joined(separator: ",")
            }
        }
        decision.finalEvaluations += finals
        let whole = ProcurementKey(reference: reference, lot: nil)
        guard awarding, let entry = ruleSet.entry(for: whole), entry.methodology.lotting != nil else { return nil }
        let results = finals.compactMap { final in final.key.lot.map { ($0, final.result) } }
        let (lotted, lotInputs) = (entry.methodology, inputs)
        let award = LotsEngine.award(lotted, results: Dictionary(uniqueKeysWithValues: results)) { lot in
            (ScoringEngine(methodology: lotted.lot(lot), plugins: plugins), lotInputs[lot]!)
        }
        decision.drafts.append(
            LotsAwardedEntry.draft(
                methodology: entry.methodology, methodologyName: entry.file.name, methodologySHA256: entry.file.sha256,
                rulesetDigest: ruleSet.digest, award: award, results: results, recordedAt: WallClock.now(),
                decisionSHA256: after, source: "tender serve"))
        decision.lotAward = LotAwardRecord(
            key: whole, methodology: entry.methodology, award: award, lots: finals,
            folder: (settings.reports as NSString).appendingPathComponent(whole.folderName),
            draftIndex: decision.drafts.count - 1)
        decision.summary["final"] = "\(award.isFinal)"
        decision.summary["winner"] = award.lots.map { "\($0.lot):\($0.awarded ?? "none")" }.joined(separator: ",")
        return nil
    }

    /// Each methodology's evaluation of its documents, on every core (the lots, or the procurements of a burst of
    /// closes made ahead: ``EvaluationsAhead``, are independent, and each result is the same whichever core made it).
    static func results(
        _ methodologies: [Methodology], plugins: (any PluginEvaluator)?,
        _ documents: [([Submission], [MarksDocument], [Decision])]
    ) -> [EvaluationResult] {
        ConcurrentMap.map(methodologies.count) { index in
            ScoringEngine(methodology: methodologies[index], plugins: plugins).evaluate(
                submissions: documents[index].0, marks: documents[index].1, decisions: documents[index].2)
        }
    }

    /// Why a document for a stage of a procedure with stages is refused: its stage has concluded (nothing changes
    /// its outcome once recorded), or, for a submission, its supplier was not taken forward by every earlier stage
    /// (``StageAdmission``); `nil` when it may be taken, and for a procurement without stages.
    private func stageRefusal(
        _ document: ParsedDocument, key: ProcurementKey, entry: RuleSet.Entry, book: inout ProcurementBook
    ) -> String? {
        guard let procedure = ruleSet.procedure(of: key), let stage = entry.methodology.stage else { return nil }
        if let outcome = book.concludedOutcome(key) {
            return "\(stage.label) of \(key.procedure) has concluded (\(outcome.progressed.count) taken forward of "
                + "\(outcome.ranked) ranked; ledger entry stage-concluded): its outcome stands and the \(document.kind) "
                + "document cannot change it"
        }
        guard case .submission(let submission) = document else { return nil }
        var outcomes: [String: StageOutcome] = [:]
        for earlier in procedure.declared where earlier.number < stage.number {
            let earlierKey = ProcurementKey(reference: key.reference, lot: key.lot, stage: earlier.id)
            if let outcome = book.concludedOutcome(earlierKey) { outcomes[earlier.id] = outcome }
        }
        return StageAdmission.refusal(
            identity: submission.supplier.identity, name: submission.supplier.name, stage: stage,
            earlier: procedure.declared, outcomes: outcomes
        ).map { "not admitted to \(stage.label): \($0)" }
    }

    /// Why a decision comes too late: the procurement was closed with a final evaluation and a contract award
    /// notice, and the decision is dated, or arrived, after the standstill ended, when the contract may have been
    /// entered into (s.51); `nil` when it is in time (a decision dated back does not get round it).
    static func afterAward(
        _ decision: Decision, arrived: Timestamp, close: CloseRequest, engine: ScoringEngine,
        _ submissions: [Submission], _ marks: [MarksDocument], _ earlier: [Decision]
    ) -> String? {
        guard let notice = close.noticeDate, let noticeDate = CalendarDate(iso: notice),
            let end = try? StandstillCalendar().standstillEnd(noticeDate: noticeDate)
        else { return nil }
        let decidedOn = String(max(decision.decidedAt, arrived).description.prefix(10))
        guard decidedOn > end.description else { return nil }
        let current = engine.evaluate(submissions: submissions, marks: marks, decisions: earlier)
        guard current.isFinal, let winner = current.winner else { return nil }
        return "procurement \(close.procurement) was awarded to \(winner): the contract award notice is dated "
            + "\(notice) and the standstill ended on \(end), so the contract may have been entered into; a decision "
            + "of \(decidedOn) cannot change the award (record it in the contract's management instead)"
    }

    /// Which submissions a new `submission` from the same supplier supersedes, or is superseded by, as pairs of
    /// (superseded, by) document hashes, by the engine's own rule (``ScoringEngine/admit(_:)``): tenders after the
    /// deadline supersede nothing and are superseded by nothing; of the rest, the one received later stands, and
    /// of two received at the same time, the one recorded later. So the ledger says what the evaluation does,
    /// whatever order the documents were committed in (a revision recorded before the tender it revises, after
    /// that tender waited out a failed commit, is superseded by it).
    static func supersessions(of submission: Submission, earlier: [Submission], deadline: Timestamp?)
        -> [(String, String)]
    {
        func late(_ tender: Submission) -> Bool {
            guard let deadline, let received = tender.receivedAt else { return false }
            return received > deadline
        }
        func replaces(_ later: Submission, _ standing: Submission) -> Bool {
            guard let before = standing.receivedAt, let after = later.receivedAt else { return true }
            return after >= before
        }
        guard !late(submission) else { return [] }
        let onTime = earlier.filter { !late($0) }
        var standing: Submission?
        for tender in onTime where standing.map({ replaces(tender, $0) }) ?? true { standing = tender }
        if let standing, !replaces(submission, standing) {
            return [(submission.documentID, standing.documentID)]
        }
        return onTime.map { ($0.documentID, submission.documentID) }
    }

    private func context(_ key: ProcurementKey, entry: RuleSet.Entry) -> ScoringContext {
        ScoringContext(
            key: key, methodology: entry.methodology.id, rulesetDigest: ruleSet.digest, recordedAt: WallClock.now())
    }

    private func received(
        _ claim: Claim, sha: String, bytes: [UInt8], kind: String, key: ProcurementKey, lots: [String]
    ) -> EntryDraft {
        DocumentReceivedEntry.draft(
            key: key, kind: kind, name: claim.originalName, sha256: sha, bytes: bytes, rulesetDigest: ruleSet.digest,
            claim: claim.claimName, seenAt: claim.seenAt, recordedAt: WallClock.now(), source: "tender serve",
            intake: IntakeRecord(
                claim: claim.claimName, sha256: sha, outcome: IntakeDecision.Outcome.accepted.rawValue),
            lots: lots, stage: key.stage)
    }

    private func rejected(_ claim: Claim, sha: String, bytes: [UInt8]?, size: Int, _ reasons: [String])
        -> IntakeDecision
    {
        let intakeKey = sha.isEmpty ? "none:" + claim.claimName : sha
        return IntakeDecision(
            claim: claim, outcome: .rejected, sha256: sha,
            drafts: [
                DocumentRejectedEntry.draft(
                    claim, sha: sha, bytes: bytes, size: size, reasons: reasons, recordedAt: WallClock.now(),
                    intake: IntakeRecord(
                        claim: claim.claimName, sha256: intakeKey, outcome: IntakeDecision.Outcome.rejected.rawValue))
            ],
            reasons: reasons)
    }

    private func duplicate(_ claim: Claim, sha: String, firstClaim: String, firstSeq: Int?) -> IntakeDecision {
        // The first claim's name says when it was first seen and what it was called.
        let first = Claim(claimName: firstClaim)
        let original = first.map { "\($0.originalName), first seen \($0.seenAt)" } ?? firstClaim
        let reason =
            "\(claim.originalName) has the same bytes (SHA-256 \(sha.prefix(12))…) as \(original) "
            + (firstSeq.map { "(recorded as ledger entry #\($0))" } ?? "(received earlier in the same intake round)")
            + "; it is recorded as a duplicate and not scored twice"
        return IntakeDecision(
            claim: claim, outcome: .duplicate, sha256: sha,
            drafts: [
                DocumentDuplicateEntry.draft(
                    claim, sha: sha, firstClaim: firstClaim, firstSeq: firstSeq, recordedAt: WallClock.now(),
                    intake: IntakeRecord(
                        claim: claim.claimName, sha256: sha, outcome: IntakeDecision.Outcome.duplicate.rawValue))
            ],
            reasons: [reason])
    }

    /// The SHA-256 of a file too large to hold in memory, read in chunks.
    static func streamedSHA256(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Hex.encode(hasher.finalize())
    }
}
