import Foundation
import TenderScoring

/// Red flags for a lotted procurement: each lot's own (``RedFlags``, with the lot) and the flags across lots:
/// - `L01` suppliers that never compete: several suppliers, no two of them tendering for the same lot (a market
///   shared out lot by lot);
/// - `L02` cover bids: a supplier awarded a lot whose tenders for every other lot are priced at least
///   ``coverMargin`` above that lot's median (bids made to lose, leaving those lots to others).
struct LotRedFlags {
    let context: ReportContext

    /// How far above a lot's median price a tender counts as a possible cover bid (0.2 = 20%).
    static let coverMargin = Decimal(string: "0.2")!

    func document(award: LotAward, methodology: Methodology, lots: [LotReportSet.Lot]) -> JSONDocument {
        var flags: [(lot: String?, flag: RedFlag)] = []
        for lot in lots {
            for flag in RedFlags(settings: context.redFlags).evaluate(
                result: lot.result, methodology: lot.methodology, submissions: lot.submissions)
            {
                flags.append((lot.result.lot, flag))
            }
        }
        flags += acrossLots(award: award, lots: lots).map { (nil, $0) }
        return .object([
            ("procurement", .string(methodology.procurement.reference)), ("methodology", .string(methodology.id)),
            ("final", .bool(award.isFinal)),
            (
                "flags",
                .array(
                    flags.map { lot, flag in
                        .object([
                            ("lot", .optional(lot)), ("code", .string(flag.code)), ("title", .string(flag.title)),
                            ("tenders", .array(flag.tenders.map { .string($0) })), ("message", .string(flag.message)),
                            ("action", .string(flag.action)),
                        ])
                    })
            ),
        ])
    }

    func acrossLots(award: LotAward, lots: [LotReportSet.Lot]) -> [RedFlag] {
        var flags: [RedFlag] = []
        let considered = lots.map { lot in
            (lot.result.lot ?? "", lot.result.tenders.filter { ![.superseded, .late].contains($0.status) })
        }
        var lotsOf: [String: Set<String>] = [:]
        for (lot, tenders) in considered {
            for tender in tenders { lotsOf[tender.supplier.identity, default: []].insert(lot) }
        }
        let overlapping = lotsOf.values.contains { mine in
            lotsOf.values.contains { $0 != mine && !$0.isDisjoint(with: mine) }
        }
        if lots.count > 1, lotsOf.count > 1, !overlapping {
            flags.append(
                RedFlag(
                    code: "L01", title: "Suppliers never compete across lots", tenders: [],
                    message: "\(lotsOf.count) suppliers tendered, but no two of them for the same lot: each lot was "
                        + "contested by one supplier's tenders only",
                    action:
                        "check whether the market was shared out lot by lot (a cartel pattern); compare with earlier "
                        + "procurements and consider referring to the Competition and Markets Authority"))
        }
        for line in award.lots {
            guard let winner = line.awardedSupplier?.identity else { continue }
            var others: [(String, TenderResult, Decimal)] = []
            for (lot, tenders) in considered where lot != line.lot {
                guard let mine = tenders.first(where: { $0.supplier.identity == winner }) else { continue }
                let prices = tenders.filter { [.assessed, .incomplete, .failed].contains($0.status) }.map(\.price.total)
                guard prices.count > 2, let median = DecimalMath.median(prices) else { continue }
                others.append((lot, mine, median))
            }
            guard !others.isEmpty, others.allSatisfy({ $0.1.price.total >= $0.2 * (1 + Self.coverMargin) }) else {
                continue
            }
            flags.append(
                RedFlag(
                    code: "L02", title: "Possible cover bids in other lots", tenders: others.map(\.1.key).sorted(),
                    message: "\(line.awardedSupplier?.name ?? winner), awarded lot \(line.lot), priced its tenders for "
                        + others.map {
                            "lot \($0.0) at \(Figures.money($0.1.price.total, currency: nil)) (median \(Figures.money($0.2, currency: nil)))"
                        }
                        .joined(separator: ", ")
                        + ", each at least \(DecimalText.exact(Self.coverMargin * 100))% above the lot's median",
                    action: "bids priced to lose in the lots a supplier does not win can leave those lots to others by "
                        + "arrangement: review the pattern across the suppliers before award"))
        }
        return flags
    }
}
