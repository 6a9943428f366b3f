import Foundation
import TenderScoring

/// Decodes one advisory check.
struct CheckDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    static let kinds = ["abnormally-low", "identical-prices", "mark-reasons", "evaluator-spread", "leave-one-out"]

    func decode(_ node: YAMLNode) -> Check? {
        let name = node["id"]?.string
        let context = name.map { "check '\($0)'" } ?? "a check"
        guard var fields = Fields(node, context: context, diagnostics: diagnostics) else { return nil }
        let id = read.identifier(fields.require("id"), "check id")
        var kind: CheckKind? = nil
        if let kindNode = fields.require("kind", "one of: \(Self.kinds.joined(separator: ", "))"),
            let kindName = read.text(kindNode, "\(context) kind")
        {
            switch kindName {
            case "abnormally-low":
                let node = fields.take("below_median_by")
                let fraction =
                    node == nil ? Decimal(string: "0.25")! : read.decimal(node, "below_median_by", example: "0.25")
                if let fraction, fraction <= 0 || fraction >= 1 {
                    diagnostics.error(
                        node, "\(context) below_median_by must be a fraction between 0 and 1, such as 0.25")
                }
                kind = fraction.map { .abnormallyLow(belowMedianBy: $0) }
            case "identical-prices":
                kind = .identicalPrices
            case "mark-reasons":
                let words =
                    fields.has("min_words") ? read.integer(fields.take("min_words"), "min_words", range: 1...200) : 5
                kind = words.map { .markReasons(minWords: $0) }
            case "evaluator-spread":
                let node = fields.require("max_spread", "the largest acceptable gap between evaluators' marks, e.g. 2")
                let spread = read.decimal(node, "max_spread", example: "2")
                if let spread, spread < 0 { diagnostics.error(node, "\(context) max_spread must not be negative") }
                kind = spread.map { .evaluatorSpread(maxSpread: $0) }
            case "leave-one-out":
                kind = .leaveOneOut
            default:
                let hint = Fields.closest(kindName, in: Self.kinds).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    kindNode,
                    "\(context) kind '\(kindName)' is not one of: \(Self.kinds.joined(separator: ", "))\(hint)")
            }
        }
        fields.finish()
        guard let id, let kind else { return nil }
        return Check(id: id, kind: kind)
    }
}
