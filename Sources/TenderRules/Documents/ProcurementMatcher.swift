public import TenderScoring

/// Checks that documents belong to the procurement (and lot) a methodology evaluates.
///
/// For a methodology with lots (the whole lotted methodology, or one lot's, which keeps the lots), a document may
/// name any of its lots: a submission one lot (`lot`) or several (`lots`), marks and decisions the lot they concern,
/// a close request one lot or none (every lot).
public struct ProcurementMatcher: Sendable {
    public let methodology: Methodology

    public init(methodology: Methodology) {
        self.methodology = methodology
    }

    /// Problems that stop a document from being evaluated under this methodology.
    public func problems(_ document: ParsedDocument) -> [String] {
        let info = methodology.procurement
        var problems: [String] = []
        let procurement: String
        var lots: [String?]
        switch document {
        case .submission(let submission):
            procurement = submission.procurement
            lots = submission.lots.isEmpty ? [submission.lot] : submission.lots.map(\.lot)
            let prices =
                !submission.priced ? [] : submission.lots.isEmpty ? [submission.price] : submission.lots.map(\.price)
            if !submission.priced, methodology.stage?.kind != .participation {
                problems.append(
                    "the submission gives no price; only a request to participate (a participation stage) may leave it "
                        + "out: add price: {total: …, currency: \(info.currency)}")
            }
            for price in Set(prices.map(\.currency)) where price != info.currency {
                problems.append(
                    "price.currency is \(price) but procurement \(info.reference) is priced in "
                        + "\(info.currency); convert the price or correct the currency")
            }
            if !submission.lots.isEmpty, methodology.lotting == nil {
                problems.append(
                    "the submission tenders for lots \(submission.tenderedLots.joined(separator: ", ")), but methodology "
                        + "\(methodology.id) evaluates \(info.lot.map { "lot '\($0)' alone" } ?? "a procurement without lots"); "
                        + "give one lot and its price")
                return problems
            }
        case .marks(let marks):
            (procurement, lots) = (marks.procurement, [marks.lot])
        case .decision(let decision):
            (procurement, lots) = (decision.procurement, [decision.lot])
        case .close(let close):
            procurement = close.procurement
            lots = close.lot == nil && methodology.lotting != nil ? [] : [close.lot]
        case .methodology, .ruleTests, .framework:
            return ["a \(document.kind) document is not a tender document; pass submissions and marks"]
        }
        if let problem = stageProblem(document) { problems.append(problem) }
        if procurement != info.reference {
            problems.insert(
                "procurement '\(procurement)' is not \(info.reference), the procurement methodology \(methodology.id) "
                    + "evaluates; use the methodology for that procurement", at: 0)
            return problems
        }
        guard let lotting = methodology.lotting else {
            if let lot = lots.first, lot != info.lot {
                problems.insert(
                    "lot \(lot.map { "'\($0)'" } ?? "(none)") does not match methodology \(methodology.id), which "
                        + "evaluates lot \(info.lot.map { "'\($0)'" } ?? "(none)")", at: 0)
            }
            return problems
        }
        for lot in lots where !lotting.ids.contains(lot ?? "") {
            let what =
                lot.map { "lot '\($0)' is not a lot of procurement \(info.reference)" }
                ?? "procurement \(info.reference) is divided into lots: the \(document.kind) document must name its lot"
            problems.insert("\(what) (lots: \(lotting.ids.joined(separator: ", ")))", at: 0)
        }
        return problems
    }

    /// Why the document's `stage` does not fit the methodology: a procedure with stages needs every document to name
    /// its stage, and one without stages takes none.
    func stageProblem(_ document: ParsedDocument) -> String? {
        let named = document.stage
        switch (methodology.stage, named) {
        case (nil, nil): return nil
        case (nil, let named?):
            return "stage '\(named)': procurement \(methodology.procurement.reference) is not evaluated in stages "
                + "(methodology \(methodology.id) declares none); remove stage"
        case (let stage?, nil):
            return "procurement \(methodology.procurement.reference) is evaluated in stages: the \(document.kind) "
                + "document must say which stage it is for (stage: \(stage.id), for \(stage.label))"
        case (let stage?, let named?):
            return named == stage.id
                ? nil
                : "stage '\(named)' is not \(stage.label), the stage methodology \(methodology.id) evaluates"
        }
    }
}
