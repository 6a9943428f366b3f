import Foundation
import TenderDaemon
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring

/// The ledger entries `tender score --ledger` writes for one evaluation, built by the same owners the daemon uses
/// (``RulesetActivatedEntry``, ``DocumentReceivedEntry``, ``DecisionRecordedEntry``, ``EvaluationEntry``), and how
/// `ledger replay` reads them back:
///
/// - `ruleset-activated`: a rule set of the one methodology file (stored as a blob; its digest is the file's
///   SHA-256), and the plugins it uses;
/// - `document-received`: one per input document (stored as a blob), in arrival order, each decision's followed by
///   its `decision-recorded` entry;
/// - `procurement-evaluated`: the inputs in order, the engine version, and the full result, so that a replay
///   can re-run the evaluation from the blobs alone and compare the result byte for byte.
enum EvaluationRecord {
    static let procurementEvaluated = EvaluationEntry.type

    /// The drafts for one evaluation, in the order they are appended.
    static func drafts(_ evaluation: Evaluation, result: EvaluationResult, recordedAt: String, source: String)
        throws(DocumentError) -> [EntryDraft]
    {
        let methodology = evaluation.methodology
        let methodologyFile = evaluation.methodologyFile
        // A stage methodology scored alone records its documents under its stage, as its evaluation names it.
        let key = ProcurementKey(methodology)
        let file = RuleSet.File(
            name: methodologyFile.path, bytes: try methodologyFile.recordedBytes(), sha256: methodologyFile.sha256)
        // A call-off's framework record is part of its rule set (a blob the replay resolves the call-off against).
        let framework = try evaluation.framework.map { file throws(DocumentError) in
            RuleSet.File(name: file.path, bytes: try file.recordedBytes(), sha256: file.sha256)
        }
        let files = [file] + (framework.map { [$0] } ?? [])
        let ruleSet = RuleSet(
            digest: framework == nil ? methodologyFile.sha256 : RuleSetLoader.digest(files),
            methodologies: [key: .init(methodology: methodology, file: file, framework: framework)], files: files,
            plugins: evaluation.plugins)
        var drafts = [RulesetActivatedEntry.draft(ruleSet, recordedAt: recordedAt, source: source)]
        for document in evaluation.documents {
            drafts.append(
                DocumentReceivedEntry.draft(
                    key: key, kind: document.parsed.kind, name: document.path, sha256: document.sha256,
                    bytes: try document.recordedBytes(), rulesetDigest: ruleSet.digest, claim: nil, seenAt: nil,
                    recordedAt: recordedAt, source: source))
            guard case .decision(let decision) = document.parsed,
                let draft = decisionDraft(
                    decision, in: result, key: key, methodology: methodology.id, rulesetDigest: ruleSet.digest,
                    recordedAt: recordedAt, source: source)
            else { continue }
            drafts.append(draft)
        }
        let inputs = evaluation.documents.map {
            EvaluationEntry.Input(name: $0.path, kind: $0.parsed.kind, sha256: $0.sha256)
        }
        drafts.append(
            EvaluationEntry.draft(
                methodology: methodology, methodologyName: methodologyFile.path,
                methodologySHA256: methodologyFile.sha256, rulesetDigest: ruleSet.digest, inputs: inputs,
                plugins: evaluation.plugins.members.map(\.json), result: result, recordedAt: recordedAt,
                source: source, framework: framework))
        return drafts
    }

    /// The drafts for a lotted procurement: the rule set and every document once (a tender for several lots names
    /// them), each decision's `decision-recorded` entry, each lot's `procurement-evaluated` entry (every document is
    /// an input of every lot, in the order given: a replay takes each lot's tenders, marks and decisions from them,
    /// and counts the others' for the limit on tendered lots), then the `lots-awarded` entry.
    static func drafts(_ evaluation: Evaluation, outcome: LotsEngine.Outcome, recordedAt: String, source: String)
        throws(DocumentError) -> [EntryDraft]
    {
        let methodology = evaluation.methodology
        let methodologyFile = evaluation.methodologyFile
        let whole = ProcurementKey(methodology.procurement)
        let file = RuleSet.File(
            name: methodologyFile.path, bytes: try methodologyFile.recordedBytes(), sha256: methodologyFile.sha256)
        var entries: [ProcurementKey: RuleSet.Entry] = [whole: .init(methodology: methodology, file: file)]
        for lot in methodology.lotMethodologies {
            entries[ProcurementKey(lot.procurement)] = .init(methodology: lot, file: file)
        }
        let ruleSet = RuleSet(
            digest: methodologyFile.sha256, methodologies: entries, files: [file], plugins: evaluation.plugins)
        var drafts = [RulesetActivatedEntry.draft(ruleSet, recordedAt: recordedAt, source: source)]
        for document in evaluation.documents {
            var key = whole
            var lots: [String] = []
            switch document.parsed {
            case .submission(let submission):
                if submission.lots.isEmpty { key.lot = submission.lot } else { lots = submission.tenderedLots }
            case .marks(let marks): key.lot = marks.lot
            case .decision(let decision): key.lot = decision.lot
            default: break
            }
            drafts.append(
                DocumentReceivedEntry.draft(
                    key: key, kind: document.parsed.kind, name: document.path, sha256: document.sha256,
                    bytes: try document.recordedBytes(), rulesetDigest: ruleSet.digest, claim: nil, seenAt: nil,
                    recordedAt: recordedAt, source: source, lots: lots))
            guard case .decision(let decision) = document.parsed, let lot = decision.lot,
                let result = outcome.results[lot],
                let draft = decisionDraft(
                    decision, in: result, key: key, methodology: methodology.id, rulesetDigest: ruleSet.digest,
                    recordedAt: recordedAt, source: source)
            else { continue }
            drafts.append(draft)
        }
        let inputs = evaluation.documents.map {
            EvaluationEntry.Input(name: $0.path, kind: $0.parsed.kind, sha256: $0.sha256)
        }
        var results: [(lot: String, result: EvaluationResult)] = []
        for lot in methodology.lotMethodologies {
            guard let id = lot.procurement.lot, let result = outcome.results[id] else { continue }
            results.append((id, result))
            drafts.append(
                EvaluationEntry.draft(
                    methodology: lot, methodologyName: methodologyFile.path, methodologySHA256: methodologyFile.sha256,
                    rulesetDigest: ruleSet.digest, inputs: inputs, plugins: evaluation.plugins.members.map(\.json),
                    result: result, recordedAt: recordedAt, source: source))
        }
        drafts.append(
            LotsAwardedEntry.draft(
                methodology: methodology, methodologyName: methodologyFile.path,
                methodologySHA256: methodologyFile.sha256, rulesetDigest: ruleSet.digest, award: outcome.award,
                results: results, recordedAt: recordedAt, decisionSHA256: nil, source: source))
        return drafts
    }

    /// The `decision-recorded` entry of a decision the evaluation `result` used (with the tender it names and the
    /// decision it supersedes there); nil when the evaluation names no tender for it.
    static func decisionDraft(
        _ decision: Decision, in result: EvaluationResult, key: ProcurementKey, methodology: String,
        rulesetDigest: String, recordedAt: String, source: String
    ) -> EntryDraft? {
        guard let record = result.decisions.first(where: { $0.decision.documentID == decision.documentID }),
            let tender = record.tender
        else { return nil }
        let supersedes = result.decisions.last { $0.supersededBy == decision.documentID }?.decision.documentID
        return DecisionRecordedEntry.draft(
            key: key, methodology: methodology, rulesetDigest: rulesetDigest, recordedAt: recordedAt, source: source,
            decision: decision, tender: tender, supersedes: supersedes)
    }

    /// The current time as RFC 3339 UTC, for `recorded_at` (never part of a result).
    static func now() -> String {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970)).description
    }
}
