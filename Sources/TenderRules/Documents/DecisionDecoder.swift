import Foundation
import TenderScoring

/// Decodes `kind: decision`: the common members, then the members of its `decision` kind, with every rule that
/// one document can be checked against on its own (the s.19(4)–(5) order of notification, deadline and response
/// among them). Whether the tender exists and the response is recorded is checked against the procurement
/// (``ScoringEngine/decisionProblem(_:submissions:known:)``).
struct DecisionDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    func decode(_ fields: inout Fields, documentID: String) -> Decision? {
        let procurement = read.identifier(
            fields.require("procurement", "the procurement's reference (its ocid)"), "procurement")
        let lot = read.text(fields.take("lot"), "lot")
        let stage = read.identifier(fields.take("stage"), "stage")
        let tender = read.text(fields.require("tender", "the submission's tender_id or supplier identifier"), "tender")
        let kindNode = fields.require("decision", "one of: " + DecisionKind.names.joined(separator: ", "))
        let kindName = read.text(kindNode, "decision")
        let decidedBy = fields.require("decided_by", "for example decided_by: {id: j.okafor, role: Head of Commercial}")
            .flatMap(decisionMaker)
        let decidedAtNode = fields.require("decided_at", "when the decision was taken, such as 2026-12-04T10:00:00Z")
        let decidedAt = read.timestamp(decidedAtNode, "decided_at")
        let basis = read.text(
            fields.require("basis", "the legal basis, such as 'Procurement Act 2023 s.19(3)(c), (4)-(5)'"), "basis")
        let reasonsNode = fields.require("reasons", "why the decision was taken, by reference to the tender")
        let reasons = read.text(reasonsNode, "reasons")
        var kind: DecisionKind?
        let common = fields.asked.count
        if let kindName {
            switch kindName {
            case "abnormally-low": kind = abnormallyLow(&fields, decidedAt: decidedAt, decidedAtNode: decidedAtNode)
            case "flag-gate":
                let gate = read.identifier(fields.require("gate", "the id of the gate declared on_fail: flag"), "gate")
                let outcome = read.choice(
                    fields.require("outcome", "kept or disregarded"), "flag-gate outcome", as: FlagGateOutcome.self)
                if let gate, let outcome { kind = .flagGate(gate: gate, outcome: outcome) }
            case "withdrawal":
                let on = read.date(
                    fields.require("withdrawn_on", "the date the supplier withdrew, such as 2026-12-02"),
                    "withdrawn_on")
                let evidence = read.text(
                    fields.require("evidence", "what shows the withdrawal (the supplier's letter or email, by date)"),
                    "evidence")
                if let on, let evidence { kind = .withdrawal(withdrawnOn: on, evidence: evidence) }
            case "exclusion":
                let ground = read.choice(
                    fields.require("ground", "mandatory (Schedule 6) or discretionary (Schedule 7)"), "ground",
                    as: ExclusionGround.self)
                let outcome = read.choice(
                    fields.require("outcome", "excluded or not-excluded"), "exclusion outcome",
                    as: ExclusionOutcome.self)
                if let ground, let outcome { kind = .exclusion(ground: ground, outcome: outcome) }
            case "clarification": kind = clarification(&fields)
            default:
                let hint = Fields.closest(kindName, in: DecisionKind.names).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    kindNode,
                    "decision '\(kindName)' is not one of: \(DecisionKind.names.joined(separator: ", "))\(hint)")
            }
        }
        if let kind, let reasons {
            if let problem = DecisionReasons.problem(reasons, outcome: kind.outcome) {
                diagnostics.error(reasonsNode, problem)
            }
        }
        // The members the kind's own decoder asked for, after the common ones.
        let own = fields.asked.dropFirst(common)
        fields.finish(
            note: own.isEmpty ? "" : "A '\(kindName ?? "")' decision takes: " + own.joined(separator: ", "))
        guard let procurement, let tender, let kind, let decidedBy, let decidedAt, let basis, let reasons,
            !diagnostics.hasErrors
        else { return nil }
        var decision = Decision(
            documentID: documentID, procurement: procurement, lot: lot, tender: tender, kind: kind,
            decidedBy: decidedBy, decidedAt: decidedAt, basis: basis, reasons: reasons,
            location: diagnostics.location(fields.node))
        decision.stage = stage
        return decision
    }

    private func abnormallyLow(_ fields: inout Fields, decidedAt: Timestamp?, decidedAtNode: YAMLNode?)
        -> DecisionKind?
    {
        let notifiedNode = fields.take("notified_on")
        let notified = read.date(notifiedNode, "notified_on")
        let deadlineNode = fields.take("response_deadline")
        let deadline = read.date(deadlineNode, "response_deadline")
        let responseNode = fields.take("response")
        let responseText = read.text(responseNode, "response")
        let response = responseText?.lowercased() == "none" ? nil : responseText
        let outcomeNode = fields.require("outcome", "notified, accepted or disregarded")
        guard let outcome = read.choice(outcomeNode, "abnormally-low outcome", as: AbnormallyLowOutcome.self) else {
            return nil
        }
        if let notified, let deadline, deadline < notified {
            diagnostics.error(
                deadlineNode,
                "response_deadline \(deadline) is before notified_on \(notified); give the supplier "
                    + "a deadline on or after the day it was told")
        }
        let decidedOn = decidedAt.map { String($0.description.prefix(10)) }
        if let notified, let decidedOn, decidedOn < notified {
            diagnostics.error(
                decidedAtNode, "decided_at \(decidedOn) is before notified_on \(notified); the notification comes first"
            )
        }
        switch outcome {
        case .notified:
            if notifiedNode == nil || deadlineNode == nil {
                diagnostics.error(
                    outcomeNode,
                    "outcome 'notified' records the s.19(4) notice: add notified_on (the date the "
                        + "supplier was told) and response_deadline (the date it must answer by)")
            }
            if response != nil {
                diagnostics.error(
                    responseNode,
                    "outcome 'notified' is the notice; once the supplier has responded record the "
                        + "outcome 'accepted' or 'disregarded' with the response")
            }
        case .accepted:
            break
        case .disregarded:
            // s.19(4)–(5): no disregard before the supplier was told and had its chance to respond.
            guard notifiedNode != nil, deadlineNode != nil else {
                diagnostics.error(
                    outcomeNode,
                    "a tender cannot be disregarded as abnormally low unless the supplier was told and "
                        + "given a deadline to respond (s.19(4)): add notified_on and response_deadline, or record "
                        + "outcome 'notified' first")
                return nil
            }
            guard responseNode != nil else {
                diagnostics.error(
                    outcomeNode,
                    "a disregard must say what the supplier answered (s.19(5)): add response, the file "
                        + "name or SHA-256 of its response as recorded in the ledger, or 'none' if it sent none by "
                        + "the deadline")
                return nil
            }
            if response == nil, let deadline, let decidedOn, decidedOn <= deadline {
                diagnostics.error(
                    responseNode,
                    "the supplier has until \(deadline) to respond and no response is recorded; "
                        + "disregard it only after the deadline (decided_at \(decidedOn)) or once its response is in")
            }
        }
        return .abnormallyLow(
            AbnormallyLowProcedure(
                notifiedOn: notified, responseDeadline: deadline, response: response, outcome: outcome))
    }

    private func clarification(_ fields: inout Fields) -> DecisionKind? {
        let question = read.text(fields.require("question", "the question put to the supplier"), "question")
        let asked = read.date(fields.require("asked_on", "the date it was asked, such as 2026-12-02"), "asked_on")
        let answerNode = fields.take("answer")
        let answer = read.text(answerNode, "answer")
        let answeredNode = fields.take("answered_on")
        let answered = read.date(answeredNode, "answered_on")
        if answerNode != nil, answeredNode == nil {
            diagnostics.error(answerNode, "an answer needs answered_on, the date the supplier answered")
        }
        if answeredNode != nil, answerNode == nil {
            diagnostics.error(answeredNode, "answered_on needs the answer itself under 'answer'")
        }
        if let asked, let answered, answered < asked {
            diagnostics.error(answeredNode, "answered_on \(answered) is before asked_on \(asked)")
        }
        guard let question, let asked else { return nil }
        return .clarification(Clarification(question: question, askedOn: asked, answer: answer, answeredOn: answered))
    }

    private func decisionMaker(_ node: YAMLNode) -> DecisionMaker? {
        guard var fields = Fields(node, context: "decided_by", diagnostics: diagnostics) else { return nil }
        let id = read.identifier(fields.require("id", "who decided, such as j.okafor"), "decided_by.id")
        let role = read.text(fields.require("role", "their role, such as Head of Commercial"), "decided_by.role")
        fields.finish()
        guard let id, let role else { return nil }
        return DecisionMaker(id: id, role: role)
    }
}
