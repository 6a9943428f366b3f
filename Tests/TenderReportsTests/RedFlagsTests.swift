import Foundation
import TenderReports
import TenderScoring
import Testing

struct RedFlagsTests {
    func flags(
        _ submissions: [Submission], evaluateWith: Methodology = Example.methodology,
        settings: RedFlagSettings = .init()
    )
        -> [RedFlag]
    {
        let result = Example.evaluate(submissions, methodology: evaluateWith)
        return RedFlags(settings: settings).evaluate(
            result: result, methodology: Example.methodology, submissions: submissions)
    }

    func tender(_ key: String, _ change: (inout Example.Tender) -> Void = { _ in }) -> Submission {
        var tender = Example.tenders.first { $0.key == key }!
        change(&tender)
        return Example.submission(tender)
    }

    @Test func exampleRaisesOnlyTheDisqualifiedLowestPrice() {
        // Given the example / When red flags are computed
        let found = flags(Example.submissions)

        // Then only R036 (T-0005, the cheapest, disregarded; price is not the only criterion)
        #expect(found.map(\.code) == ["R036"])
        #expect(found.first?.tenders == ["T-0005"])
        #expect(found.first?.message.contains("not the only criterion") == true)
    }

    @Test func singleTender() {
        // Given only one tender in time
        // When / Then R018
        #expect(flags([tender("T-0003"), tender("T-0006")]).map(\.code) == ["R018"])
    }

    @Test func identicalPricesFromDifferentSuppliers() {
        // Given T-0002 bidding exactly T-0001's price
        let submissions = [tender("T-0001"), tender("T-0002") { $0.price = 1_024_000 }, tender("T-0003")]

        // When / Then R028 names both
        let found = flags(submissions).filter { $0.code == "R028" }
        #expect(found.map(\.tenders) == [["T-0001", "T-0002"]])
    }

    @Test func winnerPriceCloseToRunnerUp() {
        // Given the runner-up T-0001 priced 0.5% below the winner
        let submissions = [tender("T-0001") { $0.price = 1_174_100 }, tender("T-0003")]

        // When / Then R024 fires at 1% and not at 0.1%
        #expect(flags(submissions).map(\.code).contains("R024"))
        let tight = RedFlagSettings(closePriceFraction: Example.d("0.001"))
        #expect(!flags(submissions, settings: tight).map(\.code).contains("R024"))
    }

    @Test func lateWinner() {
        // Given the winner's receipt after the deadline, evaluated by a methodology that did not apply it
        var noDeadline = Example.methodology
        noDeadline.procurement.tenderDeadline = nil
        let submissions = [tender("T-0001"), tender("T-0003") { $0.received = "2026-12-01T12:30:00Z" }]

        // When / Then R030
        let found = flags(submissions, evaluateWith: noDeadline).filter { $0.code == "R030" }
        #expect(found.map(\.tenders) == [["T-0003"]])
    }

    @Test func allButWinnerDisqualified() {
        // Given the winner and two tenders that are disregarded
        let submissions = [tender("T-0003"), tender("T-0004"), tender("T-0005")]

        // When / Then R035 lists all three
        let found = flags(submissions).filter { $0.code == "R035" }
        #expect(found.map(\.tenders) == [["T-0003", "T-0004", "T-0005"]])
    }

    @Test func sharedAddressDespiteFormatting() {
        // Given T-0002 giving T-0001's address in other case, spacing and postcode form, and a shared phone
        let submissions = [
            tender("T-0001") { $0.extraSupplier = ["contact": .map(["phone": .string("+44 121 496 0000")])] },
            tender("T-0002") {
                $0.address = "unit 4 tame valley  business park, TAMWORTH b775by"
                $0.extraSupplier = ["contact": .map(["phone": .string("0121-496-0000"), "name": .string("A. Person")])]
            },
            tender("T-0003"),
        ]

        // When red flags are computed
        let found = flags(submissions).filter { $0.code == "R044" }

        // Then both the address and the contact details are flagged for the pair
        #expect(found.map(\.title) == ["Tenderers share address", "Tenderers share contact details"])
        #expect(found.allSatisfy { $0.tenders == ["T-0001", "T-0002"] })
    }

    @Test func identicalPricesRedFlagIsTheChecksFinding() throws {
        // Given T-0002 bidding exactly T-0001's price, evaluated under a methodology with the identical-prices check
        let submissions = [tender("T-0001"), tender("T-0002") { $0.price = 1_024_000 }, tender("T-0003")]
        let result = Example.evaluate(submissions)

        // When red flags are computed
        let red = try #require(
            RedFlags().evaluate(result: result, methodology: Example.methodology, submissions: submissions).first {
                $0.code == "R028"
            })

        // Then R028 names the same tenders with the check's message and advice (the old R028 had its own message,
        // "… all bid exactly GBP 1,024,000", and its own advice, so the buyer read two different next steps)
        let checks = result.flags.filter { $0.kind == "identical-prices" }
        #expect(checks.compactMap(\.tender) == red.tenders)
        #expect(checks.allSatisfy { $0.message == red.message && $0.action == red.action })
        #expect(
            red.message == "T-0001, T-0002 all bid exactly 1,024,000 (CMA bid-rigging warning sign; OCP red flag R028)"
        )
    }

    @Test func identicalPricesFromOneSupplierAreNotFlagged() {
        // Given the same supplier at one price twice (a resubmission read as two tenders) and another supplier
        let groups = IdenticalPrices.groups([
            IdenticalPrices.Bid(tender: "T-1", supplier: "gb-1", price: 100),
            IdenticalPrices.Bid(tender: "T-2", supplier: "gb-1", price: 100),
            IdenticalPrices.Bid(tender: "T-3", supplier: "gb-2", price: 101),
        ])

        // When / Then the one rule finds nothing: identical prices need two different suppliers
        #expect(groups.isEmpty)
    }
}
