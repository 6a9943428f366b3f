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
        let stage = read.identifier(fields.take("stage"), "stage")
        let tenderID = read.identifier(fields.take("tender_id"), "tender_id")
        let receivedAt = read.timestamp(fields.take("received_at"), "received_at")
        let supplier = fields.require(
            "supplier", "for example supplier: {name: Brightwall Ltd, identifier: GB-COH-09876543}"
        ).flatMap(supplierInfo)
        let lotsNode = fields.take("lots")
        var price: Price?
        var lots: [LotTender] = []
        if let lotsNode {
            if fields.has("lot") {
                diagnostics.error(
                    lotsNode, "a submission names one lot (lot) or tenders for several (lots), not both; remove lot")
            }
            if let priceNode = fields.take("price") {
                diagnostics.error(
                    priceNode,
                    "a tender for several lots gives a price for each lot under lots (lots: [{lot: \"1\", price: "
                        + "{total: …, currency: …}}, …]), not one price; move it into the lot it prices")
            }
            lots = lotTenders(lotsNode)
            // The tender's own price stands for the first lot's until a lot is chosen (Submission.lot(_:)).
            price = lots.first?.price
        } else if stage != nil, !fields.has("price") {
            // A request to participate (a participation stage) carries no price; ProcurementMatcher refuses an
            // unpriced document for any other stage.
            price = Price(total: 0, currency: "")
        } else {
            price = fields.require("price", "for example price: {total: 1024000, currency: GBP}").flatMap(priceInfo)
        }
        let marks = marks(fields.take("marks"))
        let outcomes = outcomes(fields.take("outcomes"))
        for key in Self.freeFormKeys { _ = fields.take(key) }
        fields.finish(note: "Put narrative and evidence under answers, innovation, social_value or supply_chain")
        guard let procurement, let supplier, let price, !diagnostics.hasErrors,
            let content = read.freeForm(fields.node)
        else { return nil }
        var submission = Submission(
            documentID: documentID, procurement: procurement, lot: lot, tenderID: tenderID, receivedAt: receivedAt,
            supplier: supplier, price: price, marks: marks, outcomes: outcomes, content: content,
            location: diagnostics.location(fields.node), lots: lots)
        submission.stage = stage
        submission.priced = !price.currency.isEmpty
        return submission
    }

    /// The lots of a tender for several lots: each names its lot once and prices it.
    func lotTenders(_ node: YAMLNode) -> [LotTender] {
        guard let items = read.list(node, "lots") else { return [] }
        if items.isEmpty { diagnostics.error(node, "lots must list at least one lot tendered for") }
        var lots: [LotTender] = []
        var seen: [String: YAMLNode] = [:]
        for item in items {
            let name = item["lot"]?.string
            let context = name.map { "lots entry for lot '\($0)'" } ?? "a lots entry"
            guard var fields = Fields(item, context: context, diagnostics: diagnostics) else { continue }
            let lot = read.text(fields.require("lot", "the lot this entry tenders for, for example \"1\""), "lot")
            if let lot, let first = seen[lot] {
                diagnostics.error(
                    item,
                    "lot '\(lot)' is tendered for twice in this submission (first at line \(first.mark.line)); give each "
                        + "lot once, with its price and answers")
            }
            if let lot { seen[lot] = item }
            let price = fields.require(
                "price", "each lot tendered for needs its own price, for example price: {total: 420000, currency: GBP}"
            ).flatMap(priceInfo)
            let marks = marks(fields.take("marks"))
            let outcomesNode = fields.take("outcomes")
            let outcomes = outcomesNode.map { self.outcomes($0) }
            for key in Self.freeFormKeys { _ = fields.take(key) }
            fields.finish(note: "A lot gives its price and, where they differ by lot, answers, outcomes or marks")
            guard let lot, let price, case .map(let content)? = read.freeForm(item) else { continue }
            lots.append(
                LotTender(
                    lot: lot, price: price, content: content, marks: marks, outcomes: outcomes,
                    location: diagnostics.location(item)))
        }
        return lots
    }

    func marks(_ node: YAMLNode?) -> [String: QuestionMarks] {
        var marks: [String: QuestionMarks] = [:]
        guard let node, let marksFields = Fields(node, context: "marks", diagnostics: diagnostics) else { return marks }
        for pair in marksFields.pairs {
            if let questionMarks = MarksDecoder(diagnostics: diagnostics).questionMarks(pair.value, question: pair.key)
            {
                marks[pair.key] = questionMarks
            }
        }
        return marks
    }

    func outcomes(_ node: YAMLNode?) -> [[String: DocumentValue]] {
        var outcomes: [[String: DocumentValue]] = []
        guard let items = read.list(node, "outcomes") else { return outcomes }
        for item in items {
            guard case .mapping = item, case .map(let members)? = read.freeForm(item) else {
                diagnostics.error(item, "each outcome must be a mapping such as {metric: …, baseline: …, target: …}")
                continue
            }
            outcomes.append(members)
        }
        return outcomes
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
