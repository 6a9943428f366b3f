/// The stages of one procurement (or lot) evaluated in stages, in order, each with the methodology in force: its
/// latest accepted refinement (s.24), else the methodology declared for it. Built by ``resolve(_:)`` from every
/// methodology of a rule set, which checks the stages together.
public struct StagedProcedure: Sendable, Hashable {
    public var reference: String
    public var lot: String?
    /// The methodology in force for each stage, by stage number.
    public var stages: [Methodology]
    /// The methodologies a refinement replaced (kept: the ledger records both, and reports show the change).
    public var replaced: [Methodology]

    /// A problem with one methodology of a procedure with stages.
    public struct Problem: Sendable, Hashable {
        public var methodology: String
        public var message: String
    }

    /// The stage with `id`.
    public func stage(_ id: String) -> Methodology? {
        stages.first { $0.stage?.id == id }
    }

    /// The stages' declarations, in order.
    public var declared: [Stage] { stages.compactMap(\.stage) }

    /// Every procedure with stages among `methodologies` and every problem with them: stages numbered 1, 2, … with
    /// unique ids, a progression on every stage but the last, participation only first, one methodology per stage
    /// (plus refinements, each checked against the one it refines), one procedure (competitive flexible) per
    /// procurement, and no selection question scored again at award (s.22: conditions of participation assess the
    /// supplier, award criteria the tender).
    public static func resolve(_ methodologies: [Methodology]) -> (procedures: [StagedProcedure], problems: [Problem]) {
        var groups: [String: [Methodology]] = [:]
        var order: [String] = []
        for methodology in methodologies where methodology.stage != nil {
            let key = methodology.procurement.reference + "\u{0}" + (methodology.procurement.lot ?? "")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(methodology)
        }
        var procedures: [StagedProcedure] = []
        var problems: [Problem] = []
        for key in order {
            let (procedure, found) = resolveGroup(groups[key]!)
            problems += found
            if let procedure { procedures.append(procedure) }
        }
        return (procedures, problems)
    }

    private static func resolveGroup(_ group: [Methodology]) -> (StagedProcedure?, [Problem]) {
        var problems: [Problem] = []
        let reference = group[0].procurement.reference
        let bases = group.filter { $0.refinement == nil }
        var byNumber: [Int: Methodology] = [:]
        for base in bases {
            let stage = base.stage!
            if let other = byNumber[stage.number] {
                problems.append(
                    Problem(
                        methodology: base.id,
                        message: "\(base.id) and \(other.id) both declare stage \(stage.number) of \(reference); "
                            + "number the stages 1, 2, 3… (a later version of a stage's criteria says refines:)"))
                continue
            }
            byNumber[stage.number] = base
        }
        let numbers = byNumber.keys.sorted()
        if numbers != Array(1...max(1, numbers.count)) {
            problems.append(
                Problem(
                    methodology: group[0].id,
                    message:
                        "the stages of \(reference) are numbered \(numbers.map(String.init).joined(separator: ", ")); "
                        + "number them 1, 2, 3… in the order they run"))
        }
        var ids: Set<String> = []
        for number in numbers {
            let methodology = byNumber[number]!
            let stage = methodology.stage!
            if !ids.insert(stage.id).inserted {
                problems.append(
                    Problem(
                        methodology: methodology.id, message: "stage id '\(stage.id)' is used twice in \(reference)"))
            }
            if methodology.procurement.procedure != .competitiveFlexible {
                problems.append(
                    Problem(
                        methodology: methodology.id,
                        message: "\(methodology.id) declares a stage, but only a competitive flexible procedure has "
                            + "stages (s.20); set procurement.procedure: competitive-flexible"))
            }
            let last = number == numbers.last
            if last, stage.progression != nil {
                problems.append(
                    Problem(
                        methodology: methodology.id,
                        message: "\(stage.label) is the last stage of \(reference) but declares a progression: the "
                            + "final stage names the most advantageous tender; remove stage.progression"))
            }
            if !last, stage.progression == nil {
                problems.append(
                    Problem(
                        methodology: methodology.id,
                        message: "\(stage.label) is not the last stage of \(reference) but says nothing about who goes "
                            + "forward: declare stage.progression (shortlist or drop_lowest)"))
            }
            if stage.kind == .participation, number != 1 {
                problems.append(
                    Problem(
                        methodology: methodology.id,
                        message: "\(stage.label) assesses requests to participate, which come first: make it stage 1"))
            }
        }
        // Refinements, in chains: each replaces the one it names, once that has been accepted.
        var active = numbers.map { byNumber[$0]! }
        var replaced: [Methodology] = []
        var pending = group.filter { $0.refinement != nil }
        var progress = true
        while progress, !pending.isEmpty {
            progress = false
            for (index, methodology) in active.enumerated() {
                let refining = pending.filter { $0.refinement!.methodology == methodology.id }
                guard let refined = refining.first else { continue }
                progress = true
                pending.removeAll { $0.refinement!.methodology == methodology.id }
                if refining.count > 1 {
                    problems.append(
                        Problem(
                            methodology: refined.id,
                            message: "\(refining.map(\.id).joined(separator: " and ")) all refine \(methodology.id); "
                                + "a refinement refines the latest version (chain them)"))
                    continue
                }
                let found = Refinement.problems(base: methodology, refined: refined)
                problems += found.map { Problem(methodology: refined.id, message: $0) }
                if found.isEmpty {
                    replaced.append(methodology)
                    active[index] = refined
                }
            }
        }
        for orphan in pending {
            problems.append(
                Problem(
                    methodology: orphan.id,
                    message: "\(orphan.id) refines \(orphan.refinement!.methodology), which is not a stage "
                        + "methodology of \(reference) in force"))
        }
        problems += selectionRescored(active)
        let procedure = StagedProcedure(
            reference: reference, lot: group[0].procurement.lot, stages: active, replaced: replaced)
        return (problems.isEmpty ? procedure : nil, problems)
    }

    /// The selection questions (criteria and questions of a participation stage) scored again at a later stage.
    static func selectionRescored(_ stages: [Methodology]) -> [Problem] {
        guard let participation = stages.first, participation.stage?.kind == .participation else { return [] }
        let criteria = Set(participation.criteria.map(\.id))
        let questions = Set(participation.questions.map(\.question.id))
        var problems: [Problem] = []
        for later in stages.dropFirst() {
            for criterion in later.criteria where criteria.contains(criterion.id) {
                problems.append(
                    Problem(
                        methodology: later.id,
                        message: "criterion '\(criterion.id)' of \(later.stage!.label) is a condition of participation "
                            + "scored at stage 1: selection questions assess the supplier and are not scored again at "
                            + "award (s.22); assess the tender instead, under another id"))
            }
            for question in later.questions where questions.contains(question.question.id) {
                problems.append(
                    Problem(
                        methodology: later.id,
                        message: "question '\(question.question.id)' of \(later.stage!.label) is a selection question "
                            + "of stage 1: it is not scored again at award (s.22)"))
            }
        }
        return problems
    }
}
