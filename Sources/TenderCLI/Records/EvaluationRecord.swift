import Foundation
import TenderDaemon
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring

/// The ledger entries an evaluation writes, and how `ledger replay` reads them back.
///
/// - `ruleset-activated`: the methodology file (stored as a blob) and its digest.
/// - `document-received`: one per input document (stored as a blob), in arrival order.
/// - `procurement-evaluated`: the inputs in order, the engine version, and the full result, so that a replay
///   can re-run the evaluation from the blobs alone and compare the result byte for byte.
enum EvaluationRecord {
    static let rulesetActivated = "ruleset-activated"
    static let documentReceived = "document-received"
    static let procurementEvaluated = EvaluationEntry.type

    /// The drafts for one evaluation, in the order they are appended.
    static func drafts(_ evaluation: Evaluation, result: EvaluationResult, recordedAt: String, source: String)
        -> [EntryDraft]
    {
        let methodology = evaluation.methodology
        let rulesetFile = evaluation.methodologyFile
        let procurement: [String: JSONValue] = [
            "procurement": .string(methodology.procurement.reference), "lot": .optional(methodology.procurement.lot),
            "recorded_at": .string(recordedAt), "source": .string(source),
        ]
        let ruleset = procurement.merging([
            "plugins": .array(evaluation.plugins.members.map(\.json)), "methodology": .string(methodology.id),
            "methodology_name": .string(rulesetFile.path),
            "methodology_sha256": .string(rulesetFile.sha256), "ruleset_digest": .string(rulesetFile.sha256),
            "engine": .string(ScoringEngine.version),
        ]) { $1 }
        var drafts = [
            EntryDraft(
                type: rulesetActivated, body: ruleset,
                blobs: [LedgerBlob(bytes: rulesetFile.bytes, mediaType: "application/yaml")]
                    + evaluation.plugins.members.flatMap {
                        [
                            LedgerBlob(bytes: $0.manifestBytes, mediaType: "application/yaml"),
                            LedgerBlob(bytes: $0.moduleBytes, mediaType: "application/wasm"),
                        ]
                    })
        ]
        for document in evaluation.documents {
            let body = procurement.merging([
                "kind": .string(document.parsed.kind), "name": .string(document.path),
                "document_sha256": .string(document.sha256),
            ]) { $1 }
            drafts.append(
                EntryDraft(
                    type: documentReceived, body: body,
                    blobs: [LedgerBlob(bytes: document.bytes, mediaType: "application/yaml")]))
        }
        let inputs = evaluation.documents.map {
            EvaluationEntry.Input(name: $0.path, kind: $0.parsed.kind, sha256: $0.sha256)
        }
        drafts.append(
            EvaluationEntry.draft(
                methodology: methodology, methodologyName: rulesetFile.path, methodologySHA256: rulesetFile.sha256,
                rulesetDigest: rulesetFile.sha256, inputs: inputs, plugins: evaluation.plugins.members.map(\.json),
                result: result, recordedAt: recordedAt,
                source: source))
        return drafts
    }

    /// The current time as RFC 3339 UTC, for `recorded_at` (never part of a result).
    static func now() -> String {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970)).description
    }
}
