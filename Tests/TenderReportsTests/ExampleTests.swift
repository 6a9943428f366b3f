import Foundation
import TenderScoring
import Testing

struct ExampleTests {
    @Test func fixtureReproducesTheShippedExample() {
        // Given the example procurement built in Swift
        // When it is evaluated
        let result = Example.evaluate()

        // Then the published figures match the shipped example
        #expect(result.isFinal)
        #expect(result.winner == "T-0003")
        let totals = result.tenders.compactMap { tender in
            tender.total.map { "\(tender.key) \(DecimalText.published($0, places: 2))" }
        }
        #expect(totals == ["T-0003 86.28", "T-0001 81.55", "T-0002 72.67"])
        #expect(result.tender("T-0004")?.status == .disregarded)
        #expect(result.tender("T-0005")?.status == .disregarded)
        #expect(result.tender("T-0006")?.status == .late)
    }
}
