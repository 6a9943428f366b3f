import Foundation
import TenderScoring

/// Decodes `kind: marks` and `kind: close`, and the marks embedded in submissions.
struct MarksDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    func decode(_ fields: inout Fields, documentID: String) -> MarksDocument? {
        let procurement = read.identifier(fields.require("procurement"), "procurement")
        let lot = read.text(fields.take("lot"), "lot")
        let stage = read.identifier(fields.take("stage"), "stage")
        let tender = read.text(fields.require("tender", "the submission's tender_id or supplier identifier"), "tender")
        let evaluator = read.identifier(
            fields.require("evaluator", "an evaluator id, or 'panel' for consensus marks"), "evaluator")
        _ = fields.take("marked_at")
        let clarification = read.text(fields.take("clarification"), "clarification")
        var marks: [String: AwardedMark] = [:]
        if let marksNode = fields.require("marks", "{Q1: {mark: 3, reason: …}}"),
            let marksFields = Fields(marksNode, context: "marks", diagnostics: diagnostics)
        {
            if marksFields.pairs.isEmpty { diagnostics.error(marksNode, "marks must mark at least one question") }
            for pair in marksFields.pairs {
                if let mark = mark(pair.value, context: "mark for \(pair.key)") { marks[pair.key] = mark }
            }
        }
        fields.finish()
        guard let procurement, let tender, let evaluator, !diagnostics.hasErrors else { return nil }
        var document = MarksDocument(
            documentID: documentID, procurement: procurement, lot: lot, tender: tender, evaluator: evaluator,
            marks: marks, clarification: clarification, location: diagnostics.location(fields.node))
        document.stage = stage
        return document
    }

    func decodeClose(_ fields: inout Fields) -> CloseRequest? {
        let procurement = read.identifier(fields.require("procurement"), "procurement")
        let lot = read.text(fields.take("lot"), "lot")
        let stage = read.identifier(fields.take("stage"), "stage")
        _ = fields.take("requested_by")
        _ = read.timestamp(fields.take("requested_at"), "requested_at")
        let notice = read.date(fields.take("notice_date"), "notice_date", example: "2026-12-21")
        fields.finish()
        guard let procurement else { return nil }
        var close = CloseRequest(procurement: procurement, lot: lot, noticeDate: notice)
        close.stage = stage
        return close
    }

    /// `{mark, reason}` (a consensus mark) or `{consensus: {…}, evaluators: [{evaluator, mark, reason}]}`.
    func questionMarks(_ node: YAMLNode, question: String) -> QuestionMarks? {
        guard var fields = Fields(node, context: "marks for \(question)", diagnostics: diagnostics) else { return nil }
        if fields.has("mark") {
            let consensus = mark(node, context: "mark for \(question)")
            return consensus.map { QuestionMarks(consensus: $0, evaluators: []) }
        }
        let consensus = fields.take("consensus").flatMap { mark($0, context: "consensus mark for \(question)") }
        var evaluators: [EvaluatorMark] = []
        if let items = read.list(fields.take("evaluators"), "evaluators for \(question)") {
            for item in items {
                guard
                    var itemFields = Fields(
                        item, context: "an evaluator's mark for \(question)", diagnostics: diagnostics)
                else { continue }
                let evaluator = read.identifier(itemFields.require("evaluator"), "evaluator")
                let value = read.decimal(itemFields.require("mark"), "mark", example: "3")
                let reason = itemFields.take("reason").flatMap { read.freeForm($0) }
                itemFields.finish()
                if let evaluator, let value {
                    evaluators.append(
                        EvaluatorMark(
                            evaluator: evaluator,
                            mark: AwardedMark(
                                mark: value, reason: Self.reasonText(reason), location: diagnostics.location(item))))
                }
            }
        }
        if consensus == nil && evaluators.isEmpty {
            diagnostics.error(
                node, "marks for \(question) need 'mark' and 'reason', or 'consensus' and/or 'evaluators'")
        }
        fields.finish()
        return QuestionMarks(consensus: consensus, evaluators: evaluators)
    }

    func mark(_ node: YAMLNode, context: String) -> AwardedMark? {
        guard var fields = Fields(node, context: context, diagnostics: diagnostics) else { return nil }
        let value = read.decimal(fields.require("mark"), "\(context)", example: "3")
        let reason = fields.take("reason").flatMap { read.freeForm($0) }
        fields.finish()
        guard let value else { return nil }
        return AwardedMark(mark: value, reason: Self.reasonText(reason), location: diagnostics.location(node))
    }

    static func reasonText(_ value: DocumentValue?) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let number): return DecimalText.exact(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}
