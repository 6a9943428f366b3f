/// Resolves a call-off methodology against its framework or dynamic market: the members of its lot or category,
/// and the s.46 checks on its award criteria (the framework's, or permitted refinements of them) and on selection
/// questions (never scored again at the call-off).
public enum CallOffResolver {
    /// The methodology with its call-off's members set, or every problem.
    public static func resolve(_ methodology: Methodology, frameworks: [Framework]) -> Result<Methodology, Problems> {
        guard var callOff = methodology.callOff else { return .success(methodology) }
        let name = methodology.id
        guard let framework = frameworks.first(where: { $0.id == callOff.framework }) else {
            let known = frameworks.map(\.id).sorted().joined(separator: ", ")
            return .failure(
                Problems(messages: [
                    "\(name) calls off from \(callOff.kind.name) \(callOff.framework), which is not in the rules "
                        + "folder (frameworks and dynamic markets there: \(known.isEmpty ? "none" : known)); add its "
                        + "record (kind: \(callOff.kind.rawValue))"
                ]))
        }
        var problems: [String] = []
        if framework.kind != callOff.kind {
            problems.append(
                "\(name) calls off from \(callOff.framework) as a \(callOff.kind.name), but it is a "
                    + "\(framework.kind.name); use call_off.\(framework.kind == .framework ? "framework" : "dynamic_market")"
            )
        }
        guard let part = framework.part(callOff.part) else {
            let parts = framework.parts.map(\.id).joined(separator: ", ")
            return .failure(
                Problems(
                    messages: problems + [
                        "\(name) calls off \(framework.kind.part) \(callOff.part) of \(framework.id), which has no such "
                            + "\(framework.kind.part) (\(framework.kind.part)s: \(parts))"
                    ]))
        }
        if framework.kind == .framework {
            for criterion in methodology.criteria {
                guard let declared = framework.criteria.first(where: { $0.id == criterion.id }) else {
                    problems.append(
                        "criterion '\(criterion.id)' of \(name) is not one of framework \(framework.id)'s award criteria "
                            + "(\(framework.criteria.map(\.id).joined(separator: ", "))): a call-off assesses tenders by "
                            + "the framework's criteria, refined, not new ones (s.46)")
                    continue
                }
                guard criterion.weight != declared.weight else { continue }
                if let range = declared.refinable {
                    if !range.contains(criterion.weight) {
                        problems.append(
                            "criterion '\(criterion.id)' of \(name) weighs \(DecimalText.exact(criterion.weight)), outside "
                                + "the refinement framework \(framework.id) allows (\(DecimalText.exact(range.lowerBound))–"
                                + "\(DecimalText.exact(range.upperBound))) (s.46)")
                    }
                } else {
                    problems.append(
                        "criterion '\(criterion.id)' of \(name) weighs \(DecimalText.exact(criterion.weight)), but "
                            + "framework \(framework.id) fixes it at \(DecimalText.exact(declared.weight)) (it declares no "
                            + "refinable range) (s.46)")
                }
            }
        }
        let selection = Set(framework.selectionQuestions)
        for criterion in methodology.criteria where selection.contains(criterion.id) {
            problems.append(
                "criterion '\(criterion.id)' of \(name) is a selection question of \(framework.kind.name) \(framework.id): "
                    + "conditions of participation were assessed when the supplier joined and are not scored again at "
                    + "the call-off (s.22)")
        }
        for question in methodology.questions where selection.contains(question.question.id) {
            problems.append(
                "question '\(question.question.id)' of \(name) is a selection question of \(framework.kind.name) "
                    + "\(framework.id): it is not scored again at the call-off (s.22)")
        }
        guard problems.isEmpty else { return .failure(Problems(messages: problems)) }
        callOff.members = part.members
        var resolved = methodology
        resolved.callOff = callOff
        return .success(resolved)
    }

    /// Every problem with a call-off.
    public struct Problems: Error, Sendable, Hashable {
        public var messages: [String]
    }
}
