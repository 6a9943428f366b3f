import Foundation
import TenderScoring

/// Decodes one pass/fail gate.
struct GateDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    static let kinds = ["declaration", "minimum", "maximum", "required", "plugin"]

    func decode(_ node: YAMLNode) -> Gate? {
        let name = node["id"]?.string
        let context = name.map { "gate '\($0)'" } ?? "a gate"
        guard var fields = Fields(node, context: context, diagnostics: diagnostics) else { return nil }
        let id = read.identifier(fields.require("id"), "gate id")
        let title = read.text(fields.take("title"), "title")
        let onFail: OnFail?
        if fields.has("on_fail") {
            onFail = read.choice(fields.take("on_fail"), "\(context) on_fail", as: OnFail.self)
        } else {
            onFail = .flag
        }
        var kind: GateKind? = nil
        if let kindNode = fields.require("kind", "one of: \(Self.kinds.joined(separator: ", "))"),
            let kindName = read.text(kindNode, "\(context) kind")
        {
            func field() -> String? {
                read.text(fields.require("field", "the dotted path of the submission field, e.g. price.total"), "field")
            }
            switch kindName {
            case "declaration":
                let path = field()
                let expected = fields.require("equals", "the value the declaration must have, e.g. false")
                    .flatMap { read.freeForm($0) }
                if let path, let expected { kind = .declaration(field: path, equals: expected) }
            case "minimum":
                let path = field()
                let bound = read.decimal(fields.require("min"), "\(context) min")
                if let path, let bound { kind = .minimum(field: path, min: bound) }
            case "maximum":
                let path = field()
                let bound = read.decimal(fields.require("max"), "\(context) max")
                if let path, let bound { kind = .maximum(field: path, max: bound) }
            case "required":
                if let path = field() { kind = .required(field: path) }
            case "plugin":
                if let reference = PartKindDecoder(diagnostics: diagnostics).plugin(&fields, context: context) {
                    kind = .plugin(reference)
                }
            default:
                let hint = Fields.closest(kindName, in: Self.kinds).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    kindNode,
                    "\(context) kind '\(kindName)' is not one of: \(Self.kinds.joined(separator: ", "))\(hint)")
            }
        }
        fields.finish()
        guard let id, let kind, let onFail else { return nil }
        return Gate(id: id, title: title, kind: kind, onFail: onFail)
    }
}
