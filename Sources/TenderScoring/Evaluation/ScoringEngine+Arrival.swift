import Foundation

extension ScoringEngine {
    /// Assesses one submission as it arrives: lateness, gates, the criteria that do not depend on other
    /// tenders, and minimums. Relative price is left unscored until the procurement is evaluated.
    ///
    /// - Parameters:
    ///   - submission: the new submission.
    ///   - marks: marks documents already received for it.
    public func assessOnArrival(_ submission: Submission, marks: [MarksDocument]) -> TenderResult {
        var flags: [ScoringFlag] = []
        var working = admit([submission])[0]
        let markBook = MarkBook(methodology: methodology, submissions: [submission], documents: marks)
        let scorer = PartScorer(methodology: methodology, markBook: markBook, plugins: plugins)
        if working.status == .assessed {
            assessAbsolute(&working, scorer: scorer, flags: &flags)
        }
        let criteria = working.parts.isEmpty ? [] : self.criteria(working, lowest: nil, scorer: scorer)
        var reasons = working.reasons
        if working.status == .assessed { reasons.append("assessed on arrival; price and ranking at evaluation") }
        reasons += flags.map(\.message)
        return TenderResult(
            key: submission.tenderKey, documentID: submission.documentID, supplier: submission.supplier,
            receivedAt: submission.receivedAt, price: submission.price, status: working.status, reasons: reasons,
            rank: nil, total: nil, qualityPoints: nil, pricePerQualityPoint: nil, gates: working.gates,
            criteria: criteria)
    }

    /// Why a marks document would not be used (unlisted or conflicted evaluator, unknown tender or question,
    /// a mark off the scale), checked against the current submissions exactly as ``evaluate(submissions:marks:)``
    /// checks it, without evaluating anything; `nil` when it is acceptable.
    public func marksProblem(_ document: MarksDocument, submissions: [Submission]) -> String? {
        let current = admit(submissions).filter { $0.status == .assessed }.map(\.submission)
        return MarkBook(methodology: methodology, submissions: current, documents: [document]).rejected
            .first { $0.documentID == document.documentID }?.reason
    }
}
