/// The buyer's decisions for one evaluation, resolved to tenders, in arrival order: which one is in force for each
/// tender and subject (a later decision on the same tender and kind, and for `flag-gate` the same gate, supersedes
/// an earlier one), and why any could not be used.
struct DecisionBook {
    struct Entry {
        var decision: Decision
        /// The tender key it resolved to; `nil` when it could not be used (see `problem`).
        var tender: String?
        /// The later decision (its document) that replaces this one.
        var supersededBy: String?
        var problem: String?
    }

    private(set) var entries: [Entry] = []
    /// Tender key → subject → the index in `entries` of the decision in force.
    private var inForce: [String: [String: Int]] = [:]

    /// Whether any decision in force names a tender.
    var namesTenders: Bool { !inForce.isEmpty }

    init(
        _ decisions: [Decision], working: [ScoringEngine.Working], methodology: Methodology, checker: GateChecker
    ) {
        for decision in decisions {
            var entry = Entry(decision: decision)
            switch Self.resolve(decision, working: working, methodology: methodology, checker: checker) {
            case .success(let key): entry.tender = key
            case .failure(let problem): entry.problem = problem.reason
            }
            entries.append(entry)
            guard let key = entry.tender else { continue }
            let index = entries.count - 1
            if let previous = inForce[key]?[decision.subject] {
                entries[previous].supersededBy = decision.documentID
            }
            inForce[key, default: [:]][decision.subject] = index
        }
    }

    /// Why a decision cannot apply, for intake and for the result.
    struct Problem: Error {
        var reason: String
    }

    /// The tender a decision is about: a current submission of the procurement, named by its tender id, supplier
    /// identifier or name; a flag-gate decision must name a flag gate the tender failed.
    static func resolve(
        _ decision: Decision, working: [ScoringEngine.Working], methodology: Methodology, checker: GateChecker
    ) -> Result<String, Problem> {
        let named = working.filter { $0.submission.aliases.contains(decision.tender) }
        guard !named.isEmpty else {
            return .failure(
                Problem(
                    reason: "no submission with tender_id or supplier identifier '\(decision.tender)' in procurement "
                        + "\(methodology.procurement.reference); check the tender reference"))
        }
        guard let current = named.last(where: { $0.status != .late && $0.status != .superseded }) else {
            let tender = named.last!
            if tender.status == .late {
                return .failure(
                    Problem(
                        reason: "\(tender.submission.tenderKey) is a late tender (\(tender.reasons.first ?? "late")); "
                            + "it is not assessed, so there is no decision to take on it"))
            }
            return .failure(
                Problem(
                    reason: "\(tender.submission.tenderKey) was superseded by a later submission from the same "
                        + "supplier; name the tender that stands"))
        }
        if case .flagGate(let gateID, _) = decision.kind {
            guard let gate = methodology.gates.first(where: { $0.id == gateID }) else {
                let flagged = methodology.gates.filter { $0.onFail == .flag }.map(\.id)
                return .failure(
                    Problem(
                        reason: "gate '\(gateID)' is not in methodology \(methodology.id) (gates declared on_fail: "
                            + "flag: \(flagged.isEmpty ? "none" : flagged.joined(separator: ", ")))"))
            }
            guard gate.onFail == .flag else {
                return .failure(
                    Problem(
                        reason: "gate '\(gateID)' is declared on_fail: disregard: the methodology already decides; "
                            + "a flag-gate decision is for gates declared on_fail: flag"))
            }
            let result =
                current.gates.first(where: { $0.id == gateID }) ?? checker.check(gate, tender: current.submission)
            if result.passed {
                return .failure(
                    Problem(
                        reason: "\(current.submission.tenderKey) passed gate '\(gateID)' (\(result.reason)); there is "
                            + "no failed gate to decide on"))
            }
        }
        return .success(current.submission.tenderKey)
    }

    /// The decision in force for a tender and subject.
    func inForce(_ tender: String, _ subject: String) -> Decision? {
        inForce[tender]?[subject].map { entries[$0].decision }
    }

    /// Every decision in force for a tender, in arrival order.
    func inForce(_ tender: String) -> [Decision] {
        (inForce[tender] ?? [:]).values.sorted().map { entries[$0].decision }
    }
}
