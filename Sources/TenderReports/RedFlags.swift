import Foundation
public import TenderScoring

/// Computes integrity red flags from an evaluation and the submissions it used.
///
/// ```swift
/// let flags = RedFlags().evaluate(result: result, methodology: methodology, submissions: submissions)
/// ```
public struct RedFlags: Sendable {
    public let settings: RedFlagSettings

    public init(settings: RedFlagSettings = RedFlagSettings()) {
        self.settings = settings
    }

    /// Every red flag, in code order.
    public func evaluate(result: EvaluationResult, methodology: Methodology, submissions: [Submission]) -> [RedFlag] {
        let received = result.tenders.filter { $0.status != .superseded }
        var flags: [RedFlag] = []
        flags += singleTender(received.filter { $0.status != .late })
        flags += closeToRunnerUp(result)
        flags += identicalPrices(received)
        flags += lateWinner(result, deadline: methodology.procurement.tenderDeadline)
        flags += allButWinnerDisqualified(result)
        flags += lowestDisqualified(received.filter { $0.status != .late }, methodology: methodology)
        flags += sharedDetails(received, submissions: submissions)
        return flags
    }

    /// R018: one tenderer only.
    func singleTender(_ considered: [TenderResult]) -> [RedFlag] {
        let suppliers = Set(considered.map(\.supplier.identity))
        guard suppliers.count == 1 else { return [] }
        return [
            RedFlag(
                code: "R018", title: "Single tender", tenders: considered.map(\.key).sorted(),
                message: "only one supplier tendered in time for this competitive procedure",
                action: "record why competition failed (market, specification, timescale) before award; consider "
                    + "whether the requirement or the route to market should change")
        ]
    }

    /// R024 (adapted to MAT): the winner's price is within the threshold of the runner-up's.
    func closeToRunnerUp(_ result: EvaluationResult) -> [RedFlag] {
        let ranked = result.tenders.filter { $0.rank != nil }.sorted { $0.rank! < $1.rank! }
        guard ranked.count >= 2, ranked[0].price.total > 0 else { return [] }
        let (winner, runnerUp) = (ranked[0], ranked[1])
        let gap = abs(runnerUp.price.total - winner.price.total) / winner.price.total
        guard gap <= settings.closePriceFraction else { return [] }
        let percent = DecimalText.published(gap * 100, places: 2)
        return [
            RedFlag(
                code: "R024", title: "Winning price close to the runner-up's", tenders: [winner.key, runnerUp.key],
                message: "\(winner.key)'s price is within \(percent)% of \(runnerUp.key)'s (threshold "
                    + "\(DecimalText.exact(settings.closePriceFraction * 100))%; Cardinal R024 adapted to "
                    + "most-advantageous-tender awards)",
                action: "look for cover pricing (CMA warning signs): compare the pricing schedules line by line and "
                    + "the documents' metadata before award")
        ]
    }

    /// R028: different suppliers with exactly the same price. The rule, the finding and the advice are the
    /// `identical-prices` check's (`IdenticalPrices` in TenderScoring): the buyer reads the same words in both.
    func identicalPrices(_ received: [TenderResult]) -> [RedFlag] {
        let bids = received.map {
            IdenticalPrices.Bid(tender: $0.key, supplier: $0.supplier.identity, price: $0.price.total)
        }
        return IdenticalPrices.groups(bids).map { group in
            RedFlag(
                code: "R028", title: "Identical prices", tenders: group.tenders, message: group.message,
                action: IdenticalPrices.action)
        }
    }

    /// R030: the winning tender was received after the deadline.
    func lateWinner(_ result: EvaluationResult, deadline: Timestamp?) -> [RedFlag] {
        guard let deadline, let key = result.winner, let winner = result.tender(key),
            let received = winner.receivedAt, received > deadline
        else { return [] }
        return [
            RedFlag(
                code: "R030", title: "Late tender won", tenders: [key],
                message: "the winning tender \(key) was received \(received), after the deadline \(deadline)",
                action: "do not award on this evaluation: check the receipt record and either disregard the late "
                    + "tender (s.19(3)) or record the lawful reason it was accepted")
        ]
    }

    /// R035: every tender but the winner was disqualified.
    func allButWinnerDisqualified(_ result: EvaluationResult) -> [RedFlag] {
        guard let key = result.winner else { return [] }
        let valid = result.tenders.filter { $0.status == .assessed || $0.status == .incomplete }
        let disqualified = result.tenders.filter { $0.status == .disregarded }
        guard valid.map(\.key) == [key], !disqualified.isEmpty else { return [] }
        return [
            RedFlag(
                code: "R035", title: "All tenders but the winner disqualified",
                tenders: ([key] + disqualified.map(\.key)).sorted(),
                message: "\(key) is the only tender left in: \(disqualified.count) other tender(s) were disregarded",
                action: "have someone independent of the evaluation check each disqualification against the "
                    + "published conditions before award")
        ]
    }

    /// R036 (adapted): the lowest-priced tender was disqualified, and price was not the only criterion.
    func lowestDisqualified(_ considered: [TenderResult], methodology: Methodology) -> [RedFlag] {
        guard considered.count >= 2, let lowest = considered.map(\.price.total).min() else { return [] }
        let cheapest = considered.filter { $0.price.total == lowest }
        let disqualified = cheapest.filter { $0.status == .disregarded }
        guard !disqualified.isEmpty else { return [] }
        let priceOnly =
            methodology.evaluation.method == .lowestPriceAcceptable || methodology.criteria.allSatisfy(\.isPrice)
        let basis = priceOnly ? "price is the only criterion" : "price is not the only criterion (R036 adapted)"
        return [
            RedFlag(
                code: "R036", title: "Lowest-priced tender disqualified", tenders: disqualified.map(\.key).sorted(),
                message: "the lowest-priced tender (\(disqualified.map(\.key).sorted().joined(separator: ", "))) was "
                    + "disregarded; \(basis)",
                action: "confirm the disqualification rests on a published gate or minimum and is recorded with "
                    + "evidence; a disqualified cheapest bid is a common ground of challenge")
        ]
    }
}
