import Foundation

/// What the advisory checks may read: the evaluated tenders and a way to re-rank without one of them.
struct CheckContext {
    let methodology: Methodology
    let working: [ScoringEngine.Working]
    /// The ranking, best first.
    let ordered: [Standing]
    let lowest: Decimal?
    let markBook: MarkBook
    /// Re-ranks the fully marked tenders under another lowest price, leaving one tender out.
    let rescore: (_ lowest: Decimal?, _ excluding: String) -> [Standing]

    /// Tenders not disregarded, late or superseded: the set relative formulas and price checks look at.
    var reference: [ScoringEngine.Working] {
        working.filter(\.isInRunning)
    }
}
