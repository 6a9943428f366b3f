import Foundation
import TenderReports
import TenderScoring

extension Example {
    struct Tender {
        var key: String
        var name: String
        var identifier: String
        var sme: Bool
        var address: String?
        var received: String
        var price: Decimal
        var mandatory = false
        var discretionary = false
        var marks: [String: (Decimal, String)] = [:]
        var evaluators: [String: [(String, Decimal, String)]] = [:]
        var outcomes: [[String: DocumentValue]] = []
        var extraSupplier: [String: DocumentValue] = [:]
    }

    static func kpi(
        _ metric: String, _ baseline: String?, _ target: String, _ deadline: String?, _ measurement: String?
    )
        -> [String: DocumentValue]
    {
        var kpi: [String: DocumentValue] = ["metric": .string(metric), "target": .number(d(target))]
        if let baseline { kpi["baseline"] = .number(d(baseline)) }
        if let deadline { kpi["deadline"] = .string(deadline) }
        if let measurement { kpi["measurement"] = .string(measurement) }
        return kpi
    }

    static func submission(_ tender: Tender) -> Submission {
        var supplier: [String: DocumentValue] = [
            "name": .string(tender.name), "identifier": .string(tender.identifier), "sme": .bool(tender.sme),
            "vcse": .bool(false),
        ]
        if let address = tender.address { supplier["address"] = .string(address) }
        supplier.merge(tender.extraSupplier) { _, new in new }
        var marks: [String: QuestionMarks] = [:]
        for (question, mark) in tender.marks {
            marks[question] = QuestionMarks(consensus: AwardedMark(mark: mark.0, reason: mark.1), evaluators: [])
        }
        for (question, list) in tender.evaluators {
            marks[question, default: QuestionMarks(consensus: nil, evaluators: [])].evaluators = list.map {
                EvaluatorMark(evaluator: $0.0, mark: AwardedMark(mark: $0.1, reason: $0.2))
            }
        }
        let content: DocumentValue = .map([
            "supplier": .map(supplier),
            "price": .map(["total": .number(tender.price), "currency": .string("GBP")]),
            "declarations": .map([
                "mandatory_exclusion_grounds": .bool(tender.mandatory),
                "discretionary_exclusion_grounds": .bool(tender.discretionary),
            ]),
        ])
        return Submission(
            documentID: "sha256-\(tender.key)", procurement: "ocds-h6vhtk-04a1b2", lot: "1", tenderID: tender.key,
            receivedAt: Timestamp(rfc3339: tender.received),
            supplier: Supplier(name: tender.name, identifier: tender.identifier, sme: tender.sme, vcse: false),
            price: Price(total: tender.price, currency: "GBP"), marks: marks, outcomes: tender.outcomes,
            content: content, location: nil)
    }

    static let tenders: [Tender] = [
        Tender(
            key: "T-0001", name: "Brightwall Insulation Ltd", identifier: "GB-COH-09876543", sme: true,
            address: "Unit 4, Tame Valley Business Park, Tamworth B77 5BY", received: "2026-11-28T09:14:00Z",
            price: 1_024_000,
            marks: [
                "Q1": (
                    4, "Section 2.3 gives a week-by-week programme with named crews and a scaffold float per phase."
                ),
                "Q2": (
                    3,
                    "Liaison officer and translated packs are credible; no plan for residents who refuse access "
                        + "(section 3.1)."
                ),
                "SV1": (
                    4, "Six FTE apprentices through the WMCA hub at the Real Living Wage, with named recruitment dates."
                ),
                "IN1": (
                    3, "Drone thermography is a sensible improvement but the report does not quantify the benefit."
                ),
                "IN2": (4, "Walsall pilot on 18 homes with a measured 40% fall in snagging visits."),
            ],
            evaluators: [
                "Q2": [
                    ("E1", 3, "Good on communication, silent on access refusals in section 3.1."),
                    ("E2", 4, "Home visits for every household and a vulnerability list agreed with housing."),
                ]
            ],
            outcomes: [
                kpi("Average SAP uplift", "54", "72", "2027-09-30", "EPC reassessment of every home"),
                kpi("Resident satisfaction", "61", "85", "2027-10-31", "Independent survey of all households"),
                kpi("Snagging visits per home", "1.6", "0.8", "2027-09-30", "Job management system report"),
            ]),
        Tender(
            key: "T-0002", name: "Cladco Retrofit Ltd", identifier: "GB-COH-11223344", sme: false,
            address: "21 Great Charles Street, Birmingham B3 3JY", received: "2026-11-30T16:40:00Z", price: 905_000,
            marks: [
                "Q1": (3, "Programme meets the 40-week limit but gives no phasing or crew numbers beyond a headline."),
                "Q2": (3, "Acceptable."),
                "SV1": (2, "Two apprentices drawn from an existing scheme; no new local recruitment is committed."),
                "IN1": (2, "Standard system only; no improvement over current practice is described."),
                "IN2": (2, "No pilot evidence offered; the answer refers to generic case studies only."),
            ],
            outcomes: [
                kpi("Homes completed", "0", "212", "2027-09-30", "Completion certificates"),
                kpi("Average SAP uplift", "54", "68", "2027-09-30", "EPC reassessment"),
                kpi("Complaints", nil, "5", "2027-09-30", "Complaints log"),
            ]),
        Tender(
            key: "T-0003", name: "Midlands Thermal Solutions Ltd", identifier: "GB-COH-55667788", sme: true,
            address: "8 Foundry Lane, Wolverhampton WV1 1XX", received: "2026-12-01T10:02:00Z", price: 1_180_000,
            marks: [
                "Q1": (5, "Appendix B is resource-loaded with a critical path and a 12-day weather float per phase."),
                "SV1": (
                    5,
                    "Ten new local FTE apprenticeships and 300 hours of school engagement, each with a named measure."
                ),
                "IN1": (
                    4,
                    "Off-site prefabrication from laser-scanned digital twins is a real improvement on current practice."
                ),
                "IN2": (4, "Two pilots with 65 homes in total and a measured 28% cut in installation time."),
            ],
            outcomes: [
                kpi("Average SAP uplift", "54", "75", "2027-08-31", "EPC reassessment of every home"),
                kpi("Installation time per home", "9", "6.5", "2027-08-31", "Site diaries audited monthly"),
                kpi("Local apprentices in post", "0", "10", "2027-03-31", "Payroll records"),
            ]),
        Tender(
            key: "T-0004", name: "ShellGuard Facades Ltd", identifier: "GB-COH-99887766", sme: false, address: nil,
            received: "2026-11-29T11:00:00Z", price: 870_000, mandatory: true,
            marks: [
                "Q1": (3, "A 34-week programme with three crews, but no phasing is shown for occupied blocks."),
                "Q2": (2, "Leaflets and a website only; no face-to-face liaison for vulnerable residents."),
                "SV1": (2, "One apprentice, not local, with no measure of fair-work commitments."),
                "IN1": (2, "No improvement on current practice is described in the answer."),
                "IN2": (1, "No pilot evidence at all; one anecdote from an unrelated project."),
            ]),
        Tender(
            key: "T-0005", name: "QuickFix Homes Ltd", identifier: "GB-COH-12121212", sme: true, address: nil,
            received: "2026-11-27T15:30:00Z", price: 760_000, discretionary: true,
            marks: [
                "Q1": (1, "A 20-week claim for 212 homes with no programme, crews or sequencing behind it."),
                "Q2": (2, "Notice of arrival only; no liaison officer and nothing for vulnerable residents."),
                "SV1": (1, "No social value commitments beyond a general statement of good intent."),
                "IN1": (1, "Nothing beyond the standard installation method is offered in the response."),
                "IN2": (0, "No evidence of any pilot or trial is given anywhere in the response."),
            ],
            outcomes: [["metric": .string("Homes completed"), "target": .number(212)]]),
        Tender(
            key: "T-0006", name: "Latecomer Contracts Ltd", identifier: "GB-COH-31313131", sme: true, address: nil,
            received: "2026-12-01T12:05:00Z", price: 990_000),
    ]

    static let submissions: [Submission] = tenders.map(submission)

    /// `count` copies of the first tender, each with its own key, supplier and price, and a second version from the
    /// eighth supplier (received an hour later): a large procurement for the reports made in pieces.
    static func manySubmissions(_ count: Int) -> [Submission] {
        var many = (0..<count).map { index in
            var tender = tenders[0]
            tender.key = String(format: "T-%05d", index)
            tender.name = "Supplier \(index) Ltd"
            tender.identifier = String(format: "GB-COH-%08d", index)
            tender.price = 900_000 + Decimal(index)
            return tender
        }
        var again = many[7]
        again.received = "2026-11-28T10:14:00Z"
        many.append(again)
        return many.map(submission)
    }

    static let marks = [
        MarksDocument(
            documentID: "sha256-T-0003-panel", procurement: "ocds-h6vhtk-04a1b2", lot: "1", tender: "T-0003",
            evaluator: MarksDocument.panel,
            marks: [
                "Q2": AwardedMark(
                    mark: 4,
                    reason: "Two bilingual liaison officers, a show home per estate and an agreed access-refusal "
                        + "protocol (section 5.4).")
            ], location: nil)
    ]

    static func evaluate(_ submissions: [Submission] = submissions, methodology: Methodology = methodology)
        -> EvaluationResult
    {
        ScoringEngine(methodology: methodology).evaluate(submissions: submissions, marks: marks)
    }

    static let context = ReportContext(
        noticeDate: CalendarDate(iso: "2026-12-21"), publishedAt: Timestamp(rfc3339: "2026-12-21T09:00:00Z")!,
        rulesetDigest: "9f2c4e0b7a1d3c5e8f6a2b4d6c8e0f1a3b5d7c9e1f2a4b6c8d0e2f4a6b8c0d2e",
        ledger: LedgerReference(
            file: "var/ledger/tender.sqlite", sequence: 42, entryHash: "5be0c3", checkpoint: "root 7d1a"))
}
