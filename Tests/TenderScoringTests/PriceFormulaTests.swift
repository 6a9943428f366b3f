import Foundation
import TenderScoring
import Testing

/// Each formula against figures worked by hand. The cheaper tender (100) sets P_min.
struct PriceFormulaTests {
    func fraction(_ formula: PriceFormula, price: String) -> Decimal? {
        let methodology = Build.methodology([Build.price(100, formula)])
        let result = Build.evaluate(
            methodology, [Build.submission("LOW", price: 100), Build.submission("BID", price: Build.d(price))])
        return result.tender("BID")?.criteria.first?.fraction
    }

    @Test func lowestOverBidDividesTheLowestPriceByTheBid() {
        // 100 / 125 = 0.8
        #expect(fraction(.lowestOverBid, price: "125") == Build.d("0.8"))
    }

    @Test func deviationFromLowestLosesKPerRelativeDeviationAndStopsAtZero() {
        // k = 2: 1 − 2 × (120 − 100)/100 = 0.6; at 160: 1 − 2 × 0.6 = −0.2 → 0
        #expect(fraction(.deviationFromLowest(k: 2), price: "120") == Build.d("0.6"))
        #expect(fraction(.deviationFromLowest(k: 2), price: "160") == 0)
    }

    @Test func boundedLinearUsesFixedBoundsAndClamps() {
        // best 100, worst 200: (200 − 150)/(200 − 100) = 0.5; 250 → −0.5 → 0; 90 → 1.1 → 1
        let formula = PriceFormula.boundedLinear(best: 100, worst: 200)
        #expect(fraction(formula, price: "150") == Build.d("0.5"))
        #expect(fraction(formula, price: "250") == 0)
        let cheap = Build.evaluate(Build.methodology([Build.price(100, formula)]), [Build.submission("A", price: 90)])
        #expect(cheap.tender("A")?.criteria.first?.fraction == 1)
    }

    @Test func logarithmicScoresZeroAtTheMultipleA() {
        // a = 2: 1 − ln(200/100)/ln 2 = 0; 1 − ln(150/100)/ln 2 = 1 − 0.405465108108…/0.693147180559… = 0.415037499278…
        #expect(fraction(.logarithmic(a: 2), price: "200") == 0)
        let value = fraction(.logarithmic(a: 2), price: "150")!
        #expect(DecimalMath.rounded(value, places: 12) == Build.d("0.415037499279"))
    }

    @Test func relativeFormulasScoreTheLowestTenderOne() {
        for formula in [PriceFormula.lowestOverBid, .deviationFromLowest(k: 1), .logarithmic(a: 3)] {
            let result = Build.evaluate(
                Build.methodology([Build.price(100, formula)]),
                [Build.submission("LOW", price: 100), Build.submission("BID", price: 130)])
            #expect(result.tender("LOW")?.criteria.first?.fraction == 1)
            #expect(result.lowestPrice == 100)
        }
    }

    @Test func disregardedTendersAreNotInTheReferenceSet() {
        // The 50 bid fails the budget gate, so P_min is 100 and the 125 bid scores 100/125 = 0.8.
        let gate = Gate(id: "budget", title: nil, kind: .minimum(field: "price.total", min: 60), onFail: .disregard)
        let methodology = Build.methodology([Build.price(100)], gates: [gate])
        let result = Build.evaluate(
            methodology,
            [
                Build.submission("CHEAP", price: 50), Build.submission("LOW", price: 100),
                Build.submission("BID", price: 125),
            ])
        #expect(result.tender("CHEAP")?.status == .disregarded)
        #expect(result.lowestPrice == 100)
        #expect(result.tender("BID")?.criteria.first?.fraction == Build.d("0.8"))
    }
}
