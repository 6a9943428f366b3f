public import TenderScoring

/// Checks that documents belong to the procurement (and lot) a methodology evaluates.
public struct ProcurementMatcher: Sendable {
    public let methodology: Methodology

    public init(methodology: Methodology) {
        self.methodology = methodology
    }

    /// Problems that stop a document from being evaluated under this methodology.
    public func problems(_ document: ParsedDocument) -> [String] {
        let info = methodology.procurement
        var problems: [String] = []
        let (procurement, lot): (String?, String?)
        switch document {
        case .submission(let submission):
            (procurement, lot) = (submission.procurement, submission.lot)
            if submission.price.currency != info.currency {
                problems.append(
                    "price.currency is \(submission.price.currency) but procurement \(info.reference) is priced in "
                        + "\(info.currency); convert the price or correct the currency")
            }
        case .marks(let marks):
            (procurement, lot) = (marks.procurement, marks.lot)
        case .decision(let decision):
            (procurement, lot) = (decision.procurement, decision.lot)
        case .close(let close):
            (procurement, lot) = (close.procurement, close.lot)
        case .methodology, .ruleTests:
            return ["a \(document.kind) document is not a tender document; pass submissions and marks"]
        }
        if let procurement, procurement != info.reference {
            problems.insert(
                "procurement '\(procurement)' is not \(info.reference), the procurement methodology \(methodology.id) "
                    + "evaluates; use the methodology for that procurement", at: 0)
        } else if info.lot != lot {
            problems.insert(
                "lot \(lot.map { "'\($0)'" } ?? "(none)") does not match methodology \(methodology.id), which "
                    + "evaluates lot \(info.lot.map { "'\($0)'" } ?? "(none)")", at: 0)
        }
        return problems
    }
}
