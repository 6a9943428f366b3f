import Foundation
import TenderScoring
import Testing

struct DeterminismTests {
    func evaluation() -> EvaluationResult {
        let quality = Build.marks("quality", 60, questions: [Build.question("Q1", weight: 2), Build.question("Q2")])
        let methodology = Build.methodology(
            [Build.price(40, .logarithmic(a: 2)), quality],
            checks: [
                Check(id: "loo", kind: .leaveOneOut),
                Check(id: "alt", kind: .abnormallyLow(belowMedianBy: Build.d("0.2"))),
            ])
        let tenders = (1...25).map { (index: Int) -> Submission in
            let price = Decimal(1000 + (index * 37) % 400)
            let marks: [String: Decimal] = ["Q1": Decimal(index % 6), "Q2": Decimal((index * 7) % 6)]
            return Build.submission("T\(index)", price: price, marks: marks)
        }
        return Build.evaluate(methodology, tenders)
    }

    @Test func theSameInputsGiveTheSameBytes() {
        let first = evaluation().json.canonicalBytes
        for _ in 0..<5 {
            #expect(evaluation().json.canonicalBytes == first)
        }
    }

    @Test func resultsCarryExactAndPublishedFigures() throws {
        let json = evaluation().json
        let tender = try #require(json["tenders"]?.arrayValue?.first)
        let total = try #require(tender["total"]?.stringValue)
        let published = try #require(tender["total_published"]?.stringValue)
        #expect(published.split(separator: ".").last?.count == 2)
        #expect(DecimalText.published(Build.d(total), places: 2) == published)
        #expect(json["engine"] == .string(ScoringEngine.version))
    }
}
