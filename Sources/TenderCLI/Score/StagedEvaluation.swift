import Foundation
import TenderDaemon
import TenderPlugins
import TenderRules
import TenderScoring

/// A procedure with stages and its documents, read and checked together: every stage's methodology (and any
/// refinement) from `--rules`, each document matched against the stage it names.
struct StagedEvaluation {
    let procedure: StagedProcedure
    let submissions: [Submission]
    let marks: [MarksDocument]
    let decisions: [Decision]
    let plugins: PluginBundle

    /// Reads everything and reports every problem in every file at once.
    static func load(
        methodologies paths: [String], documents: [String], plugins folder: String, frameworks: [DocumentFile] = []
    ) throws(DocumentError) -> StagedEvaluation {
        var problems: [Diagnostic] = []
        var methodologies: [Methodology] = []
        var names: [String: String] = [:]
        for path in paths {
            let file = try DocumentFile.load(path)
            guard case .methodology(var methodology, _) = file.parsed else {
                throw DocumentFile.failure(path, "is a \(file.parsed.kind) document; --rules takes methodologies")
            }
            // A stage that calls off from a framework or dynamic market takes its members, as one methodology does.
            methodology = try Evaluation.resolveCallOff(methodology, frameworks: frameworks, path: path)
            methodologies.append(methodology)
            names[methodology.id] = path
        }
        let (procedures, found) = StagedProcedure.resolve(methodologies)
        problems += found.map { Evaluation.at(names[$0.methodology] ?? paths[0], $0.message) }
        guard problems.isEmpty else { throw DocumentError(diagnostics: problems) }
        guard procedures.count == 1, let procedure = procedures.first,
            methodologies.allSatisfy({ $0.stage != nil })
        else {
            throw DocumentFile.failure(
                paths[0],
                "several --rules are the stages of one procedure with stages (each declares stage:, and a refinement "
                    + "refines:); give one --rules for a procedure without stages")
        }
        let plugins = PluginBundle.load(directory: folder, for: procedure.stages)
        problems += plugins.problems.map { Evaluation.at(paths[0], $0) }
        var submissions: [Submission] = []
        var marks: [MarksDocument] = []
        var decisions: [Decision] = []
        // Each document is matched against the stage it names.
        let read = Evaluation.documents(documents, problems: &problems) { document in
            ProcurementMatcher(methodology: document.stage.flatMap(procedure.stage) ?? procedure.stages[0])
        }
        for (_, file) in read {
            switch file.parsed {
            case .submission(let submission): submissions.append(submission)
            case .marks(let document): marks.append(document)
            case .decision(let decision): decisions.append(decision)
            case .close, .methodology, .ruleTests, .framework: break
            }
        }
        guard problems.isEmpty else { throw DocumentError(diagnostics: problems) }
        return StagedEvaluation(
            procedure: procedure, submissions: submissions, marks: marks, decisions: decisions, plugins: plugins)
    }

    func evaluate() -> (stages: [ProcedureEngine.StageRun], refused: [ProcedureEngine.Refusal]) {
        ProcedureEngine(procedure: procedure, plugins: plugins.host).evaluate(
            submissions: submissions, marks: marks, decisions: decisions)
    }

    /// Every stage's table and outcome, then the refused submissions; or the same as canonical JSON.
    func render(json: Bool) -> String {
        let (runs, refused) = evaluate()
        if json {
            return JSONValue.object([
                "stages": .array(
                    runs.map { run in
                        .object([
                            "stage": .string(run.methodology.stage?.id ?? ""), "result": run.result.json,
                            "outcome": run.outcome?.json ?? .null,
                        ])
                    }),
                "refused": .array(
                    refused.map {
                        .object([
                            "document": .string($0.documentID), "stage": .string($0.stage),
                            "tender": .string($0.tender), "reason": .string($0.reason),
                        ])
                    }),
            ]).canonicalString
        }
        var parts: [String] = []
        for run in runs {
            let stage = run.methodology.stage!
            var text = "== \(stage.label)" + (stage.title.map { ": \($0)" } ?? "") + " =="
            if let refinement = run.methodology.refinement {
                text +=
                    "\naward criteria refined (s.24) from \(refinement.methodology), issued \(refinement.issued): "
                    + refinement.changesText
            }
            text += "\n" + ResultTable(result: run.result, methodology: run.methodology).render()
            if let outcome = run.outcome {
                text += "\nOutcome (\(stage.progression?.description ?? "")):"
                text +=
                    "\n  forward: "
                    + outcome.progressed.map { "\($0.tender) (rank \($0.rank ?? 0))" }.joined(
                        separator: ", ")
                for dropped in outcome.dropped { text += "\n  dropped \(dropped.tender): \(dropped.reason ?? "")" }
                for note in outcome.notes { text += "\n  note: \(note)" }
            } else if !stage.isFinal {
                text += "\nOutcome: none yet — the stage's evaluation is not final, so no one goes forward"
            }
            parts.append(text)
        }
        if !refused.isEmpty {
            parts.append(
                "Refused (not admitted to their stage):\n"
                    + refused.map { "  \($0.tender) (\($0.stage)): \($0.reason)" }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }
}
