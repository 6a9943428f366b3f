import Foundation
import TenderScoring

/// Scenario: close a lotted procurement: `lots` lots of `tendersPerLot` tenders each, every tender in three lots
/// (each document a tender for three lots, a price per lot), a limit of one lot a supplier with `best-combination`,
/// at most three lots tendered for. Timed: every lot's evaluation and the award across lots with its cross-lot
/// effects, as `LotsEngine` makes them for the daemon's close, under the shipped lotted methodology
/// (`gm-highways-2027`: price, quality, social value; abnormally-low, identical-prices and mark-reasons checks) and,
/// for comparison, under the retrofit methodology of the core scenario (five criteria, every check including
/// leave-one-out).
struct LotsScenario {
    let lots: Int
    let tendersPerLot: Int
    let repeats: Int
    let variant: MethodologyVariant
    /// The shipped lotted methodology (`Rules/gm-highways-2027.yaml`).
    let lottedText: String

    func run(into report: inout Report) throws {
        let generator = variant.generator()
        var lotted = try Documents.methodology(lottedText)
        lotted.procurement.reference = Generator.reference(0)
        try run(lotted, label: "gm-highways-2027", target: true, generator: generator, into: &report)
        try run(
            Documents.methodology(generator.methodology(0)), label: "retrofit, every check", target: false,
            generator: generator, into: &report)
    }

    func run(_ base: Methodology, label: String, target: Bool, generator: Generator, into report: inout Report) throws {
        var generator = generator
        var methodology = base
        methodology.procurement.lot = nil
        // Holds would leave every lot provisional; the award is computed all the same, but a final one is the case
        // to time.
        methodology.evaluation.holds = []
        let ids = (1...lots).map(String.init)
        methodology.lotting = Lotting(
            lots: ids.map { LotDeclaration(id: $0, title: "Lot \($0)", estimatedValue: nil) },
            limits: LotLimits(maxTendered: 3, maxAwarded: 1, mechanism: .bestCombination), awardOrder: ids,
            orderRule: "as listed")
        let documents = lots * tendersPerLot / 3
        let singles = try (0..<documents).map {
            try Documents.submission(generator.submission(procurement: 0, tender: $0))
        }
        // Tender i goes to lots i, i + 7 and i + 13 (mod L): every lot gets about the same number of tenders, and
        // neighbouring suppliers meet in different lots. Each lot's price varies the tender's by up to ±12%.
        let submissions = singles.enumerated().map { index, single in
            let chosen = [0, 7, 13].map { ids[(index + $0) % lots] }
            let tenders = chosen.enumerated().map { offset, lot in
                let factor = Decimal(88 + (index * 7 + offset * 11) % 25) / 100
                return LotTender(
                    lot: lot, price: Price(total: single.price.total * factor, currency: single.price.currency),
                    content: [:], marks: [:], outcomes: nil, location: nil)
            }
            return Submission(
                documentID: single.documentID, procurement: single.procurement, lot: nil, tenderID: single.tenderID,
                receivedAt: single.receivedAt, supplier: single.supplier, price: tenders[0].price, marks: single.marks,
                outcomes: single.outcomes, content: single.content, location: nil, lots: tenders)
        }
        let engine = LotsEngine(methodology: methodology)
        var times: [Double] = []
        var outcome: LotsEngine.Outcome?
        for _ in 0..<repeats {
            let (closed, seconds) = Timing.measure { engine.evaluate(submissions: submissions, marks: []) }
            times.append(seconds)
            outcome = closed
        }
        // Where the time goes: the lots' tenders (views and the limit), each lot's evaluation, the award, its effects.
        let (views, viewing) = Timing.measure {
            ids.map { LotsEngine.tenders(for: $0, of: submissions, methodology: methodology) }
        }
        let (results, evaluating) = Timing.measure {
            Dictionary(
                uniqueKeysWithValues: zip(ids, views).map { id, tenders in
                    (id, ScoringEngine(methodology: methodology.lot(id)).evaluate(submissions: tenders, marks: []))
                })
        }
        let awarder = LotAwarder(lotting: methodology.lotting!, procurement: methodology.procurement.reference)
        let (plain, awarding) = Timing.measure { awarder.award(results) }
        let lotted = methodology
        let (_, effects) = Timing.measure {
            awarder.effects(of: plain, results: results) { lot, supplier in
                ScoringEngine(methodology: lotted.lot(lot)).ranking(
                    submissions: views[ids.firstIndex(of: lot)!].filter { $0.supplier.identity != supplier }, marks: [])
            }
        }
        report.add("lots", "\(label): of which each lot's tenders (views, limit on tendered lots)", viewing, "s")
        report.add("lots", "\(label): of which every lot's evaluation, one core", evaluating, "s")
        report.add("lots", "\(label): of which the award (best-combination)", awarding, "s")
        report.add("lots", "\(label): of which the cross-lot effects", effects, "s")
        let median = Timing.median(times)
        let award = outcome?.award
        let moved = award?.lots.filter(\.moved).count ?? 0
        let perLot = (outcome?.results.values.map(\.tenders.count) ?? []).sorted()
        report.notes.append(
            "lots (\(label)): \(lots) lots, \(documents) tenders for three lots each (\(perLot.first ?? 0)–\(perLot.last ?? 0) a "
                + "lot), award \(award?.isFinal == true ? "final" : "provisional"), \(moved) lots moved by the limit, "
                + "\(award?.effects.count ?? 0) tenders whose removal would change an award, weighted total "
                + (award?.weightedTotal.map { DecimalText.published($0, places: 2) } ?? "none"))
        let figure =
            "\(label): close \(lots) lots × \(tendersPerLot) tenders (each in 3 lots), best-combination, median of "
            + "\(repeats)"
        if target {
            report.add("lots", figure, median, "s", target: "< 2 s", met: median < 2)
        } else {
            report.add("lots", figure, median, "s")
        }
        report.add("lots", "\(label): close, best of \(repeats)", times.min() ?? .nan, "s")
    }
}
