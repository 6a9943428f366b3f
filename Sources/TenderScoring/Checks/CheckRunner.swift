public import Foundation

/// Runs the methodology's advisory checks. Checks raise flags for people; they never exclude a tender.
struct CheckRunner {
    let context: CheckContext

    func run() -> [ScoringFlag] {
        context.methodology.checks.flatMap { check -> [ScoringFlag] in
            switch check.kind {
            case .abnormallyLow(let fraction): return abnormallyLow(check, fraction: fraction)
            case .identicalPrices: return identicalPrices(check)
            case .markReasons(let minWords): return MarkReasonCheck(check: check, minWords: minWords).run(context)
            case .evaluatorSpread(let maxSpread): return evaluatorSpread(check, maxSpread: maxSpread)
            case .leaveOneOut: return leaveOneOut(check)
            }
        }
    }

    func abnormallyLow(_ check: Check, fraction: Decimal) -> [ScoringFlag] {
        let prices = Array(context.reference.map(\.submission.price.total))
        guard prices.count >= 2, let median = DecimalMath.median(prices) else { return [] }
        let threshold = median * (1 - fraction)
        let low = context.reference.filter { $0.submission.price.total < threshold }
        return low.map { tender -> ScoringFlag in
            let price = tender.submission.price
            let below = DecimalMath.rounded((median - price.total) / median * 100, places: 1)
            return ScoringFlag(
                check: check.id, kind: "abnormally-low", tender: tender.submission.tenderKey,
                message: "price \(Money.text(price.total, price.currency)) is \(below)% below the median "
                    + "\(Money.text(median, price.currency)) (threshold: \(DecimalText.exact(fraction * 100))% below)",
                action: "hold: under s.19(4)–(5) tell the supplier the price appears abnormally low and give it a "
                    + "reasonable opportunity to show it can perform for that price before deciding whether to "
                    + "disregard it; record the decision")
        }
    }

    func identicalPrices(_ check: Check) -> [ScoringFlag] {
        let bids = context.working.compactMap {
            $0.status == .superseded
                ? nil
                : IdenticalPrices.Bid(
                    tender: $0.submission.tenderKey, supplier: $0.submission.supplier.identity,
                    price: $0.submission.price.total)
        }
        return IdenticalPrices.groups(bids).flatMap { group in
            group.tenders.map { key in
                ScoringFlag(
                    check: check.id, kind: "identical-prices", tender: key, message: group.message,
                    action: IdenticalPrices.action)
            }
        }
    }

    /// Each tender's marks are read on every core; the flags come in the order of the tenders.
    func evaluatorSpread(_ check: Check, maxSpread: Decimal) -> [ScoringFlag] {
        let questions = context.methodology.questions.map(\.question.id)
        let markBook = context.markBook
        return context.eachTender { key in
            var flags: [ScoringFlag] = []
            for question in questions {
                let marks = markBook.entry(tender: key, question: question).evaluators
                guard marks.count >= 2 else { continue }
                let values = marks.map(\.mark.mark)
                let spread = values.max()! - values.min()!
                guard spread > maxSpread else { continue }
                let detail = marks.map { "\($0.evaluator) \(DecimalText.exact($0.mark.mark))" }
                flags.append(
                    ScoringFlag(
                        check: check.id, kind: "evaluator-spread", tender: key,
                        message:
                            "\(question): evaluators' marks differ by \(spread) (\(detail.joined(separator: ", "))), "
                            + "more than \(maxSpread)",
                        action: "moderation must record how the panel reached its mark and why the outliers moved"))
            }
            return flags
        }
    }

    func leaveOneOut(_ check: Check) -> [ScoringFlag] {
        guard let winner = context.ordered.first else { return [] }
        var flags: [ScoringFlag] = []
        let reference = context.reference
        // The reference prices, lowest first: the lowest without a tender is the first that is not its own.
        let prices = reference.map { ($0.submission.tenderKey, $0.submission.price.total) }.sorted { $0.1 < $1.1 }
        for tender in reference where tender.submission.tenderKey != winner.key {
            let key = tender.submission.tenderKey
            let lowest = prices.first { $0.0 != key }?.1
            // The winner can only change when the reference price changes: the ranking of the others is
            // otherwise the same ranking with one non-winner removed.
            guard lowest != context.lowest, context.methodology.hasRelativePrice else { continue }
            guard let newWinner = context.rescore(lowest, key).first, newWinner.key != winner.key else { continue }
            flags.append(
                ScoringFlag(
                    check: check.id, kind: "leave-one-out", tender: key,
                    message: "without \(key) the winner would be \(newWinner.key), not \(winner.key): the relative "
                        + "price formula lets a tender that does not win decide between others (rank reversal)",
                    action: "check that the price formula and weights behave as intended; a formula with bounds "
                        + "fixed before opening (bounded-linear) avoids this"))
        }
        return flags
    }
}

/// Identical prices (OCP Cardinal R028; a CMA bid-rigging warning sign): the one rule behind both the
/// `identical-prices` check, which flags each tender in the result, and the R028 red flag in the reports, so a buyer
/// reads one finding and one piece of advice wherever it appears.
public enum IdenticalPrices {
    /// One tender's price and who offered it.
    public struct Bid: Sendable, Hashable {
        /// The tender key.
        public var tender: String
        /// The supplier's identity (``Supplier/identity``): tenders from one supplier never match each other.
        public var supplier: String
        public var price: Decimal

        public init(tender: String, supplier: String, price: Decimal) {
            self.tender = tender
            self.supplier = supplier
            self.price = price
        }
    }

    /// Tenders from at least two different suppliers with exactly the same price.
    public struct Group: Sendable, Hashable {
        public var price: Decimal
        /// The tender keys, sorted.
        public var tenders: [String]

        /// What was found.
        public var message: String {
            "\(tenders.joined(separator: ", ")) all bid exactly \(Money.grouped(price)) "
                + "(CMA bid-rigging warning sign; OCP red flag R028)"
        }
    }

    /// What the buyer should do next.
    public static let action = "review for collusion before award; consider the s.43 and exclusion grounds"

    /// Every group of identical prices, cheapest first. Pass the tenders received (superseded versions left out).
    public static func groups(_ bids: [Bid]) -> [Group] {
        let byPrice = Dictionary(grouping: bids, by: \.price)
        return byPrice.keys.sorted().compactMap { price in
            let group = byPrice[price]!
            guard Set(group.map(\.supplier)).count >= 2 else { return nil }
            return Group(price: price, tenders: group.map(\.tender).sorted())
        }
    }
}
