import Foundation
import TenderScoring

/// Decodes `kind: submission`.
struct SubmissionDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    /// Free-form sections, read by gates and plugins, whose contents are not checked.
    static let freeFormKeys = ["declarations", "answers", "innovation", "social_value", "supply_chain", "attachments"]

    func decode(_ fields: inout Fields, documentID: String) -> Submission? {
        let procurement = read.identifier(
            fields.require("procurement", "the procurement's reference (its ocid)"), "procurement")
        let lot = read.text(fields.take("lot"), "lot")
        let tenderID = read.identifier(fields.take("tender_id"), "tender_id")
        let receivedAt = read.timestamp(fields.take("received_at"), "received_at")
        let supplier = fields.require(
            "supplier", "for example supplier: {name: Brightwall Ltd, identifier: GB-COH-09876543}"
        ).flatMap(supplierInfo)
        let price = fields.require("price", "for example price: {total: 1024000, currency: GBP}").flatMap(priceInfo)
        var marks: [String: QuestionMarks] = [:]
        if let marksNode = fields.take("marks"),
            let marksFields = Fields(marksNode, context: "marks", diagnostics: diagnostics)
        {
            for pair in marksFields.pairs {
                if let questionMarks = MarksDecoder(diagnostics: diagnostics).questionMarks(
                    pair.value, question: pair.key)
                {
                    marks[pair.key] = questionMarks
                }
            }
        }
        var outcomes: [[String: DocumentValue]] = []
        if let items = read.list(fields.take("outcomes"), "outcomes") {
            for item in items {
                guard case .mapping = item, case .map(let members)? = read.freeForm(item) else {
                    diagnostics.error(
                        item, "each outcome must be a mapping such as {metric: …, baseline: …, target: …}")
                    continue
                }
                outcomes.append(members)
            }
        }
        for key in Self.freeFormKeys { _ = fields.take(key) }
        fields.finish(note: "Put narrative and evidence under answers, innovation, social_value or supply_chain")
        guard let procurement, let supplier, let price, !diagnostics.hasErrors,
            let content = read.freeForm(fields.node)
        else { return nil }
        return Submission(
            documentID: documentID, procurement: procurement, lot: lot, tenderID: tenderID, receivedAt: receivedAt,
            supplier: supplier, price: price, marks: marks, outcomes: outcomes, content: content,
            location: diagnostics.location(fields.node))
    }

    func supplierInfo(_ node: YAMLNode) -> Supplier? {
        guard var fields = Fields(node, context: "supplier", diagnostics: diagnostics) else { return nil }
        let name = read.text(fields.require("name"), "supplier.name")
        let identifier = read.identifier(fields.take("identifier"), "supplier.identifier")
        let sme = read.bool(fields.take("sme"), "supplier.sme")
        let vcse = read.bool(fields.take("vcse"), "supplier.vcse")
        for key in ["address", "contact", "turnover", "insurance", "registered_in"] { _ = fields.take(key) }
        fields.finish()
        guard let name else { return nil }
        return Supplier(name: name, identifier: identifier, sme: sme, vcse: vcse)
    }

    func priceInfo(_ node: YAMLNode) -> Price? {
        guard var fields = Fields(node, context: "price", diagnostics: diagnostics) else { return nil }
        let totalNode = fields.require("total", "the tender's total price")
        let total = read.decimal(totalNode, "price.total", example: "1024000")
        if let total, total <= 0 { diagnostics.error(totalNode, "price.total must be greater than 0") }
        let currency = read.text(fields.require("currency", "for example GBP"), "price.currency")
        _ = fields.take("breakdown")
        _ = fields.take("whole_life_cost")
        fields.finish()
        guard let total, total > 0, let currency else { return nil }
        return Price(total: total, currency: currency)
    }
}
