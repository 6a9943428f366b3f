import Foundation

/// What the advisory checks may read: the evaluated tenders and a way to re-rank without one of them.
struct CheckContext {
    let methodology: Methodology
    let working: [ScoringEngine.Working]
    /// The ranking, best first.
    let ordered: [Standing]
    let lowest: Decimal?
    let markBook: MarkBook
    /// Re-ranks the fully marked tenders under another lowest price, leaving one tender out (their criteria without
    /// reasons: only who would win is read).
    let rescore: (_ lowest: Decimal?, _ excluding: String) -> [Standing]

    /// Tenders not disregarded, late or superseded: the set relative formulas and price checks look at (a view of
    /// ``working``, not a copy of thousands of tenders).
    var reference: LazyFilterSequence<[ScoringEngine.Working]> { working.lazy.filter(\.isInRunning) }

    init(
        methodology: Methodology, working: [ScoringEngine.Working], ordered: [Standing], lowest: Decimal?,
        markBook: MarkBook, rescore: @escaping (_ lowest: Decimal?, _ excluding: String) -> [Standing]
    ) {
        self.methodology = methodology
        self.working = working
        self.ordered = ordered
        self.lowest = lowest
        self.markBook = markBook
        self.rescore = rescore
    }

    /// The flags `check` raises for each tender of the reference set (by its key), worked out on every core and
    /// returned in the order of the tenders.
    func eachTender(_ check: @Sendable (_ tender: String) -> [ScoringFlag]) -> [ScoringFlag] {
        let keys = Array(reference.map(\.submission.tenderKey))
        return ConcurrentMap.map(keys.count) { check(keys[$0]) }.flatMap { $0 }
    }
}
