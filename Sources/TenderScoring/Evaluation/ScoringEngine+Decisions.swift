import Foundation

extension ScoringEngine {
    /// Takes out the tenders that decisions in force withdraw, exclude or disregard. A withdrawal or an exclusion
    /// applies to any current tender; a disregard (abnormally low, a failed flag gate) to one still in the running.
    func apply(_ book: DecisionBook, to working: inout [Working]) {
        // Tenders are changed only when a decision in force names them. Without one the loop is skipped: a heap profile
        // of 10,000 tenders found it copying every tender even so (the check that `working` is not shared, which its
        // writes need, is made once before the loop).
        guard book.namesTenders else { return }
        for index in working.indices where working[index].status != .late && working[index].status != .superseded {
            let key = working[index].submission.tenderKey
            let inForce = book.inForce(key)
            if let withdrawal = inForce.first(where: { $0.kind.name == "withdrawal" }),
                case .withdrawal(let on, let evidence) = withdrawal.kind
            {
                take(
                    &working[index], .withdrawn, "withdrawn by the supplier on \(on) (\(evidence)); " + cite(withdrawal)
                )
            } else if let exclusion = inForce.first(where: { $0.kind.name == "exclusion" && $0.removesTender }),
                case .exclusion(let ground, _) = exclusion.kind
            {
                let grounds =
                    ground == .mandatory ? "mandatory grounds, Schedule 6" : "discretionary grounds, Schedule 7"
                take(&working[index], .excluded, "supplier excluded (s.57, \(grounds)): " + cite(exclusion))
            } else if working[index].isInRunning {
                if let decision = inForce.first(where: { $0.kind.name == "abnormally-low" && $0.removesTender }) {
                    take(
                        &working[index], .disregarded,
                        "disregarded: the price is abnormally low (s.19(3)(c)); " + cite(decision))
                } else if let decision = inForce.first(where: { $0.kind.name == "flag-gate" && $0.removesTender }),
                    case .flagGate(let gate, _) = decision.kind
                {
                    take(&working[index], .disregarded, "disregarded for failing gate '\(gate)'; " + cite(decision))
                }
            }
        }
    }

    private func take(_ tender: inout Working, _ status: TenderStatus, _ reason: String) {
        tender.status = status
        tender.missing = []
        tender.reasons.append(reason)
    }

    /// How results cite a decision: who, when, on what basis, why, and the document.
    func cite(_ decision: Decision) -> String {
        "decision \(DecisionWording.short(decision.documentID)) by \(decision.decidedBy.id) (\(decision.decidedBy.role)) on "
            + "\(decision.decidedAt.description.prefix(10)), basis \(decision.basis): \(decision.reasons)"
    }

    /// Flags the buyer has decided on say so, and say what is still to do.
    func annotate(_ flags: [ScoringFlag], book: DecisionBook) -> [ScoringFlag] {
        flags.map { flag in
            guard let tender = flag.tender else { return flag }
            var flag = flag
            switch flag.kind {
            case "abnormally-low":
                guard let decision = book.inForce(tender, "abnormally-low"),
                    case .abnormallyLow(let procedure) = decision.kind
                else { return flag }
                switch procedure.outcome {
                case .notified:
                    flag.action =
                        "hold: the supplier was told on \(procedure.notifiedOn ?? "?") and has until "
                        + "\(procedure.responseDeadline ?? "?") to respond; then record the outcome (accepted or "
                        + "disregarded)"
                case .accepted, .disregarded:
                    flag.message += "; decided: \(procedure.outcome.rawValue) (\(cite(decision)))"
                    flag.action = nil
                }
            case "gate":
                guard let decision = book.inForce(tender, Decision.subject(flagGate: flag.check)) else { return flag }
                flag.message += "; decided: \(decision.outcome) (\(cite(decision)))"
                flag.action = nil
            default:
                break
            }
            return flag
        }
    }

    /// What the methodology's holds keep open: tenders still in the running with a holding flag and no decision.
    func holds(_ working: [Working], flags: [ScoringFlag], book: DecisionBook) -> [Hold] {
        let kinds = Set(methodology.evaluation.holds)
        // The abnormally-low flags by tender, so a procurement of thousands of tenders and flags is one pass.
        let lowPrices = Dictionary(grouping: flags.filter { $0.kind == "abnormally-low" }) { $0.tender ?? "" }
        var holds: [Hold] = []
        for tender in working where tender.isInRunning {
            let key = tender.submission.tenderKey
            let received = tender.submission.receivedAt.map { String($0.description.prefix(10)) }
            if kinds.contains(.abnormallyLow) {
                for flag in lowPrices[key] ?? [] {
                    var procedure: AbnormallyLowProcedure?
                    if case .abnormallyLow(let value)? = book.inForce(key, "abnormally-low")?.kind { procedure = value }
                    guard procedure?.outcome != .accepted else { continue }
                    let message =
                        procedure.map {
                            "abnormally low price: the supplier was told on \($0.notifiedOn ?? "?") and has until "
                                + "\($0.responseDeadline ?? "?") to respond; record the outcome"
                        }
                        ?? "abnormally low price: tell the supplier and give it a deadline to respond (s.19(4)), "
                        + "then record the outcome in an abnormally-low decision"
                    holds.append(
                        Hold(
                            tender: key, kind: .abnormallyLow, check: flag.check,
                            since: procedure?.notifiedOn ?? received, deadline: procedure?.responseDeadline,
                            message: message))
                }
            }
            if kinds.contains(.flagGate) {
                for gate in tender.gates where !gate.passed && gate.onFail == .flag {
                    guard book.inForce(key, Decision.subject(flagGate: gate.id)) == nil else { continue }
                    holds.append(
                        Hold(
                            tender: key, kind: .flagGate, check: gate.id, since: received, deadline: nil,
                            message: "failed gate '\(gate.id)' (declared on_fail: flag): record a flag-gate decision, "
                                + "kept or disregarded, with its basis"))
                }
            }
        }
        return holds
    }

    /// Every decision with its status, and for those in force that take a tender out, what that changed.
    func records(_ book: DecisionBook, result: EvaluationResult, assessment: Assessment, explain: Bool)
        -> [DecisionRecord]
    {
        let decisions = book.entries.map(\.decision)
        let statuses = book.entries.map { entry -> DecisionRecord.Status in
            entry.problem != nil ? .notUsed : entry.supersededBy != nil ? .superseded : .inForce
        }
        // What each decision in force that takes a tender out changed: the evaluation without it, each on its own
        // core (they are independent), from the same assessment (decisions act after it).
        let removals = book.entries.indices.compactMap { index -> (index: Int, removed: String, decision: String)? in
            let entry = book.entries[index]
            guard explain, statuses[index] == .inForce, entry.decision.removesTender, let removed = entry.tender
            else { return nil }
            return (index, removed, entry.decision.documentID)
        }
        let effects = ConcurrentMap.map(removals.count) { item -> DecisionEffect in
            let without = evaluate(
                assessment, decisions.filter { $0.documentID != removals[item].decision }, explain: false)
            return Self.effect(of: removals[item].removed, with: result, without: without)
        }
        var effectOf: [Int: DecisionEffect] = [:]
        for (removal, effect) in zip(removals, effects) { effectOf[removal.index] = effect }
        return book.entries.indices.map { index in
            let entry = book.entries[index]
            return DecisionRecord(
                decision: entry.decision, tender: entry.tender, status: statuses[index],
                supersededBy: entry.supersededBy, problem: entry.problem, effect: effectOf[index])
        }
    }

    static func effect(of removed: String, with: EvaluationResult, without: EvaluationResult) -> DecisionEffect {
        let before = Dictionary(without.tenders.map { ($0.key, $0.total) }, uniquingKeysWith: { a, _ in a })
        let changes = with.tenders.compactMap { tender -> TotalChange? in
            guard tender.key != removed, let old = before[tender.key], old != tender.total else { return nil }
            return TotalChange(tender: tender.key, before: old, after: tender.total)
        }
        return DecisionEffect(
            lowestPriceBefore: without.lowestPrice, lowestPriceAfter: with.lowestPrice,
            leaderBefore: without.tenders.first { $0.rank == 1 }?.key,
            leaderAfter: with.tenders.first { $0.rank == 1 }?.key, changes: changes)
    }

    /// The tender a decision is about, checked against the submissions and the documents recorded so far exactly
    /// as the evaluation resolves it.
    ///
    /// - Throws: ``DecisionRejection`` for an unknown, late or superseded tender, a gate that is not a flag gate or
    ///   that the tender passed, or a response that is not a recorded document.
    public func decisionTender(_ decision: Decision, submissions: [Submission], known: [KnownDocument])
        throws(DecisionRejection) -> String
    {
        let working = admit(submissions)
        let tender: String
        switch DecisionBook.resolve(
            decision, working: working, methodology: methodology, checker: GateChecker(plugins: plugins))
        {
        case .failure(let problem): throw DecisionRejection(reason: problem.reason)
        case .success(let key): tender = key
        }
        if case .abnormallyLow(let procedure) = decision.kind, let response = procedure.response,
            let document = KnownDocument.find(response, in: known), let other = document.decision,
            !Self.sameTender(other.tender, decision.tender, in: submissions)
        {
            throw DecisionRejection(
                reason: "response '\(response)' is a decision about \(other.tender), not \(decision.tender); name the "
                    + "supplier's own response")
        }
        if case .abnormallyLow(let procedure) = decision.kind, let response = procedure.response,
            KnownDocument.find(response, in: known) == nil
        {
            throw DecisionRejection(
                reason: "response '\(response)' is not a document recorded for procurement "
                    + "\(methodology.procurement.reference): record the supplier's response first (for example as a "
                    + "clarification decision with its answer) and name it by file name or SHA-256, or write "
                    + "'response: none' if it sent none by the deadline")
        }
        return tender
    }

    /// Whether two references (tender ids, supplier identifiers or names) name the same tender.
    static func sameTender(_ a: String, _ b: String, in submissions: [Submission]) -> Bool {
        a == b || submissions.contains { $0.aliases.contains(a) && $0.aliases.contains(b) }
    }

    /// Why a marks document's `clarification` cannot be used: it must name a clarification decision recorded for
    /// the same tender (by any of its names); `nil` when it can.
    public static func clarificationProblem(
        _ marks: MarksDocument, known: [KnownDocument], submissions: [Submission]
    ) -> String? {
        guard let reference = marks.clarification else { return nil }
        guard let document = KnownDocument.find(reference, in: known), let decision = document.decision,
            case .clarification = decision.kind
        else {
            return "clarification '\(reference)' is not a clarification decision recorded for procurement "
                + "\(marks.procurement); record the clarification first and name it by file name or SHA-256"
        }
        guard sameTender(decision.tender, marks.tender, in: submissions) else {
            return "clarification '\(reference)' is about \(decision.tender), not \(marks.tender)"
        }
        return nil
    }
}
