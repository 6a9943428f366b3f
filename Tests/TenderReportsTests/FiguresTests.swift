import Foundation
import TenderScoring
import Testing

struct FiguresTests {
    @Test func pointsAreRoundedAndMissingOnesFollowTheMedium() {
        // Given a published figure and a missing one
        // When / Then points round half-even to the places given, and a missing figure is the medium's placeholder
        #expect(Figures.points(Example.d("86.285"), places: 2, in: .document) == "86.28")
        #expect(Figures.points(10, places: 2, in: .terminal) == "10.00")
        #expect(Figures.points(nil, places: 2, in: .spreadsheet) == "")
        #expect(Figures.points(nil, places: 2, in: .document) == "—")
        #expect(Figures.points(nil, places: 2, in: .terminal) == "-")
    }

    @Test func weightsAreExactAndMoneyIsGrouped() {
        // Given weights and amounts
        // When / Then weights are written as given and money with separators and the currency's symbol
        #expect(Figures.weight(40) == "40")
        #expect(Figures.weight(Example.d("12.5")) == "12.5")
        #expect(Figures.money(1_180_000, currency: "GBP") == "£1,180,000")
        #expect(Figures.money(Example.d("905000.5"), currency: "EUR") == "€905,000.5")
        #expect(Figures.money(-5_000, currency: "GBP") == "-£5,000")
        #expect(Figures.money(1_000, currency: "USD") == "USD 1,000")
        #expect(Figures.money(1_180_000, currency: nil) == "1,180,000")
    }

    @Test func longNamesAreCutAtAWordWithAnEllipsis() {
        // Given the score table's 28-character supplier column
        // When / Then a long name is cut after its last whole word and ends with "…" (the old table printed
        // "Midlands Thermal Solutions L": cut mid-word, no ellipsis)
        #expect(Figures.truncated("Midlands Thermal Solutions Ltd", to: 28) == "Midlands Thermal Solutions…")
        #expect(Figures.truncated("Brightwall Insulation Ltd", to: 28) == "Brightwall Insulation Ltd")
        #expect(Figures.truncated("Cladco, Retrofit and Facades", to: 12) == "Cladco…")
        // And a name with no word boundary in reach is cut mid-word, still within the width
        #expect(Figures.truncated("Supercalifragilistic Ltd", to: 10) == "Supercali…")
        #expect(Figures.truncated("Supercalifragilistic Ltd", to: 10).count == 10)
    }
}
