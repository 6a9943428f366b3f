import Foundation

/// Deterministic synthetic procurements for the shipped retrofit methodology
/// (`Rules/wmca-retrofit-2026-lot1.yaml`): distinct suppliers, prices, narrative answers of realistic length,
/// panel and evaluator marks with reasons, outcome KPIs, and the supply-chain and innovation data the shipped
/// plugins read, so that every gate, criterion and check runs.
struct Generator {
    /// The shipped methodology's text; each procurement gets a copy with its own id and reference.
    let methodologyText: String
    /// Marks questions beyond the shipped ones (those of ``builtInOnly(_:)``'s replacement parts).
    var extraQuestions: [String] = []
    /// Target size of one submission document in bytes (the narrative answers make up most of it).
    let documentBytes: Int
    private var random: SplitMix

    init(methodologyText: String, documentBytes: Int = 8_192, seed: UInt64 = 0x7E4D_E7) {
        self.methodologyText = methodologyText
        self.documentBytes = documentBytes
        self.random = SplitMix(seed: seed)
    }

    /// The methodology id of procurement `index`.
    static func methodologyID(_ index: Int) -> String { String(format: "wmca-retrofit-bench-p%04d", index) }

    /// The procurement reference of procurement `index`.
    static func reference(_ index: Int) -> String { String(format: "ocds-bench-p%04d", index) }

    /// The methodology of procurement `index`: the shipped one with a distinct id and reference.
    func methodology(_ index: Int) -> String {
        methodologyText
            .replacingOccurrences(of: "\nid: wmca-retrofit-2026-lot1\n", with: "\nid: \(Self.methodologyID(index))\n")
            .replacingOccurrences(of: "reference: ocds-h6vhtk-04a1b2", with: "reference: \(Self.reference(index))")
    }

    /// One submission document (YAML bytes) for tender `tender` of procurement `procurement`.
    mutating func submission(procurement: Int, tender: Int) -> [UInt8] {
        let id = String(format: "T-%05d", tender)
        let company = String(format: "%08d", 10_000_000 + procurement * 100_000 + tender)
        let supplier = "\(Self.pick(Self.prefixes, &random)) \(Self.pick(Self.trades, &random)) \(tender) Ltd"
        // Prices from £700k to £1.45m, so the price formula, abnormally-low and identical-price checks all
        // have work; one tender in 97 is over budget and one in 89 declares a mandatory exclusion ground.
        let price = 700_000 + Int(random.next(750)) * 1_000
        let overBudget = tender % 97 == 96
        let mandatory = tender % 89 == 88
        let discretionary = tender % 23 == 22
        let day = 1 + Int(random.next(28))
        var text = """
            kind: submission
            procurement: \(Self.reference(procurement))
            lot: "1"
            tender_id: \(id)
            received_at: 2026-11-\(String(format: "%02d", min(day, 30)))T09:\(String(format: "%02d", tender % 60)):00Z
            supplier: {name: \(supplier), identifier: GB-COH-\(company), sme: \(tender % 3 == 0), vcse: false, \
            address: "Unit \(tender % 40 + 1), Enterprise Park, Birmingham B\(tender % 40 + 1) 2AA"}
            price: {total: \(overBudget ? 1_600_000 : price), currency: GBP}
            declarations: {mandatory_exclusion_grounds: \(mandatory), discretionary_exclusion_grounds: \(discretionary)}
            answers:

            """
        let shares = [("Q1", 32), ("Q2", 32), ("SV1", 18), ("IN1", 18)]
        let narrative = max(documentBytes - 2_900, 500)
        for (question, share) in shares {
            text += "  \(question): >-\n" + paragraph(bytes: narrative * share / 100, indent: "    ") + "\n"
        }
        text += pluginData(tender: tender)
        text += "marks:\n"
        for question in ["Q1", "Q2", "SV1", "IN1"] + extraQuestions {
            let mark = random.next(15) == 0 ? 1 : 2 + Int(random.next(4))
            let reason = self.reason(question: question, tender: tender)
            if question == "Q1" || question == "Q2" {
                text += "  \(question):\n    consensus: {mark: \(mark), reason: \"\(reason)\"}\n    evaluators:\n"
                for evaluator in ["E1", "E2", "E3"] {
                    // One tender in 41 has an outlying third evaluator, for the evaluator-spread check.
                    let outlier = tender % 41 == 40 && evaluator == "E3" ? 3 : 0
                    let own = max(0, min(5, mark + Int(random.next(3)) - 1 + outlier))
                    text +=
                        "      - {evaluator: \(evaluator), mark: \(own), reason: \"\(self.reason(question: question, tender: tender))\"}\n"
                }
            } else {
                text += "  \(question): {mark: \(mark), reason: \"\(reason)\"}\n"
            }
        }
        text += "outcomes:\n"
        let kpis = tender % 7 == 6 ? 2 : 3
        for index in 0..<kpis {
            let measurement =
                tender % 11 == 10 && index == 0 ? "" : ", measurement: Independent survey of all households"
            text +=
                "  - {metric: \(Self.metrics[index]), baseline: \(50 + index), target: \(70 + index + tender % 9), "
                + "unit: points, deadline: 2027-09-30\(measurement)}\n"
        }
        return Array(text.utf8)
    }

    /// What the shipped plugins read: subcontracts (some local SMEs and VCSEs) and innovation evidence.
    private mutating func pluginData(tender: Int) -> String {
        var text = "supply_chain:\n  subcontracts:\n"
        for index in 0..<(1 + Int(random.next(4))) {
            let area = Self.pick(Self.areas, &random)
            let spend = (10 + Int(random.next(190))) * 1_000
            text +=
                "    - {name: \(Self.pick(Self.prefixes, &random)) Subcontract \(tender)-\(index) Ltd, spend: \(spend), "
                + "sme: \(random.next(2) == 0), vcse: \(random.next(5) == 0), area: \(area)}\n"
        }
        text += "innovation:\n  trl: \(1 + random.next(9))\n  pilots:\n"
        for _ in 0..<Int(random.next(3)) {
            text += "    - {place: \(Self.pick(Self.areas, &random)), year: 2025, homes: \(10 + random.next(60)), "
            text += "result: installation time cut by \(5 + random.next(30))%}\n"
        }
        if random.next(4) != 0 {
            text += "  improvement: {metric: installation days per home, baseline: 9, target: \(4 + random.next(5))}\n"
        }
        text += "  risk_sharing: \(random.next(2) == 0)\n"
        return text
    }

    /// A close request for procurement `index` (its lot 1), as `tender close` writes one.
    static func closeRequest(_ index: Int) -> String {
        "kind: close\nprocurement: \"\(reference(index))\"\nlot: \"1\"\n"
            + "requested_at: 2026-12-02T09:00:00Z\nrequested_by: benchmark\n"
    }

    /// The methodology with each plugin part replaced by a marks part of the same weight (questions `P1`, `P2`…,
    /// returned so the generator can mark them): the same evaluation shape with built-in rules only.
    static func builtInOnly(_ text: String) -> (text: String, questions: [String]) {
        var lines: [String] = []
        var questions: [String] = []
        var source = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = source.popFirst() {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            guard body.hasPrefix("- kind: plugin") || body.hasPrefix("- {kind: plugin") else {
                lines.append(line)
                continue
            }
            var part = [line]
            while let next = source.first, next.prefix(while: { $0 == " " }).count > indent {
                part.append(next)
                source.removeFirst()
            }
            let weight =
                part.joined(separator: " ").firstMatch(of: /weight: (\d+)/).map { String($0.1) } ?? "1"
            let question = "P\(questions.count + 1)"
            questions.append(question)
            lines.append(
                String(repeating: " ", count: indent)
                    + "- {kind: marks, weight: \(weight), scale: {min: 0, max: 5}, "
                    + "questions: [{id: \(question), title: In place of a plugin rule, weight: 1}]}")
        }
        return (lines.joined(separator: "\n"), questions)
    }

    /// Words of plausible tender prose, folded at about 100 characters.
    private mutating func paragraph(bytes: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        var total = 0
        while total < bytes {
            let word = Self.pick(Self.words, &random)
            if line.count + word.count + 1 > 104 {
                lines.append(line)
                total += line.count + 1
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// A reason; one in 13 only repeats the scale label or is too short, which the mark-reasons check flags.
    private mutating func reason(question: String, tender: Int) -> String {
        if random.next(13) == 0 { return "Acceptable." }
        let section = "\(1 + random.next(9)).\(1 + random.next(9))"
        return
            "Section \(section) of the \(question) answer gives \(Self.pick(Self.evidence, &random)) for tender \(tender)."
    }

    private static func pick(_ list: [String], _ random: inout SplitMix) -> String {
        list[Int(random.next(UInt64(list.count)))]
    }

    private static let prefixes = [
        "Midlands", "Northfield", "Tame Valley", "Black Country", "Severn", "Arden", "Cannock", "Solihull", "Walsall",
        "Dudley", "Coventry", "Sandwell",
    ]
    private static let trades = [
        "Insulation", "Retrofit", "Thermal", "Facades", "Energy Homes", "Building Services", "Render", "Eco Works",
    ]
    private static let areas = [
        "Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton", "Leeds", "Wakefield",
        "Stoke-on-Trent",
    ]
    private static let metrics = ["Average SAP uplift", "Resident satisfaction", "Snagging visits per home"]
    private static let evidence = [
        "a week-by-week programme with named crews", "measured results from a pilot on occupied homes",
        "a credible resident liaison plan with translated packs", "apprenticeships at the Real Living Wage",
        "thermographic surveys before and after installation", "an agreed access-refusal protocol",
    ]
    private static let words = """
        the programme sets out a phased approach across occupied homes with each street surveyed two weeks ahead \
        of installation named crews of six work two blocks at a time scaffolding is booked through a framework \
        partner with float per phase resident liaison officers are based on site from week one every household \
        receives a home visit and a welcome pack vulnerable residents are identified with the housing team before \
        work starts external wall insulation is installed to PAS 2035 with a retrofit coordinator signing off each \
        stage thermal bridging at window reveals and eaves is detailed in the design pack quality is checked by \
        photographs uploaded at every hold point snagging is closed within ten working days our supply chain uses \
        local subcontractors paid within thirty days apprentices are recruited through the skills hub carbon \
        savings are measured by EPC reassessment and smart meter data complaints are logged and answered within \
        five days the risk register covers access refusals asbestos weather delays and material lead times
        """.split(separator: " ").map(String.init)
}

/// SplitMix64: a small, fast, deterministic generator (the benchmarks must produce the same documents every run).
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A value in `0..<bound`.
    mutating func next(_ bound: UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (z ^ (z >> 31)) % bound
    }
}
