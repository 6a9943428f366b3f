import Foundation
import TenderPlugins
import TenderScoring
import Testing

/// The shipped plugins were rewritten for speed in 1.1.0 (one pass over each object, digit-driven date search,
/// a raw output buffer in the Swift SDK). The 1.0.0 modules are kept under `Fixtures/plugins-1.0.0` (as shipped,
/// hashes and all), and both versions must give the same fraction, explanation and flags on every input.
@Suite struct ShippedPluginRewriteTests {
    static var earlierDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/plugins-1.0.0")
            .path
    }

    @Test func theRewrittenPluginsGiveTheSameOutcomesAsVersion1_0_0() async throws {
        // Given the 1.0.0 modules and today's, each with the same manifest reads
        let earlier = PluginCatalog.load(directory: Self.earlierDirectory)
        let current = PluginCatalog.load(directory: GuestModules.pluginsDirectory)
        #expect(earlier.problems.isEmpty, "\(earlier.problems)")
        #expect(earlier.names == current.names)
        for name in current.names {
            #expect(earlier[name]?.manifest.version == "1.0.0")
            #expect(current[name]?.manifest.version == "1.1.0")
            #expect(earlier[name]?.moduleSHA256 != current[name]?.moduleSHA256, "\(name) was rebuilt")
        }
        let before = WasmPluginHost(catalog: earlier)
        let now = WasmPluginHost(catalog: current)
        var corpus = Corpus(seed: 20_261_206)
        let cases = (0..<400).map { _ in corpus.submission() } + Self.edgeCases
        let references = Self.references
        // When every plugin scores every submission with both versions
        let pairs = try await offThePool {
            references.flatMap { reference in
                cases.map { submission in
                    (
                        reference.name, submission, before.score(plugin: reference, submission: submission),
                        now.score(plugin: reference, submission: submission)
                    )
                }
            }
        }
        // Then the outcomes agree (fuel and module differ by design), and the corpus reaches every branch that
        // scores: some commitments found, some local spend, some full innovation marks
        var found: [String: Set<String>] = [:]
        for (name, submission, old, new) in pairs {
            #expect(Self.result(new) != nil, "\(name) failed on \(submission.canonicalString)")
            #expect(Self.result(old) == Self.result(new), "\(name) on \(submission.canonicalString)")
            if let result = Self.result(new) { found[name, default: []].insert(result.fraction.description) }
        }
        #expect(found["outcome-language"] == ["0", "0.5", "1"])  // expected 2: none, one, two or more found
        for name in ["local-supply-chain", "innovation-evidence"] {
            #expect((found[name]?.count ?? 0) >= 10, "\(name): \(found[name] ?? [])")
        }
    }

    /// What a plugin decided, without the run (module and fuel): nil for a failed call.
    static func result(_ outcome: PluginOutcome) -> Result? {
        guard case .scored(let fraction, let explanation, let flags, _) = outcome else { return nil }
        return Result(fraction: fraction, explanation: explanation, flags: flags)
    }

    /// The explanation and flags are compared as UTF-8 bytes (String equality would take canonically equivalent
    /// text as equal).
    struct Result: Equatable {
        let fraction: Decimal
        let explanation: [UInt8]
        let flags: [[UInt8]]

        init(fraction: Decimal, explanation: String, flags: [String]) {
            self.fraction = fraction
            self.explanation = Array(explanation.utf8)
            self.flags = flags.map { Array($0.utf8) }
        }
    }

    static let references = [
        PluginReference(
            name: "local-supply-chain",
            config: .map([
                "local_areas": .list([.string("Walsall"), .string("Dudley"), .string("Stoke-on-Trent")]),
                "target_share": .string("0.3"),
            ])),
        PluginReference(name: "innovation-evidence", config: .map(["min_trl": .string("6")])),
        PluginReference(name: "outcome-language", config: .map(["expected": .string("2")])),
    ]

    /// Shapes the generator does not make: missing or mistyped sections and members.
    static let edgeCases: [JSONValue] = [
        [:],
        ["answers": "not an object", "supply_chain": "none", "innovation": 3],
        ["answers": ["Q1": 5, "Q2": .null], "supply_chain": ["subcontracts": "none"], "innovation": ["pilots": "x"]],
        [
            "supply_chain": ["subcontracts": [["spend": "12.345", "sme": true, "area": 7], ["spend": -1], "x"]],
            "price": ["total": "0"],
        ],
        [
            "innovation": ["trl": "7", "pilots": [["sites": 3, "result": "  "], ["homes": 0, "result": "ok"]]],
            "answers": ["Q1": "£5 by 2027. 5 homes by 2027-13-40; 12 homes by 1/2027; Q5 2027 10 FTE; 2027"],
        ],
        // More than 32 runs of digits in one sentence (the search from the first digit to the last), with and without
        // a date; a month name with a full stop and no space before its year.
        [
            "answers": [
                "A": .string(String(repeating: "1 ", count: 33) + "then 5 homes by Q3 2027"),
                "B": .string(String(repeating: "1 ", count: 33) + "then 5 homes by 2027"),
                "C": .string("12 homes by Sept.2027, 40% by Mar.2028 and 3 sites by sept 2029"),
                "D": .string(String(repeating: "7 x ", count: 40) + "£9 in Q4 2030"),
            ]
        ],
    ]
}

/// A deterministic generator of varied submissions for the shipped plugins: subcontracts with odd spends, cases
/// and areas; innovation sections with missing parts; and narrative answers built from the fragments that
/// outcome-language's rules turn on (numbers, units, money, every date form and near misses, sentence ends,
/// escapes and non-ASCII text).
struct Corpus {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    mutating func submission() -> JSONValue {
        var members: [String: JSONValue] = [:]
        if next(8) != 0 { members["answers"] = answers() }
        if next(6) != 0 { members["supply_chain"] = ["subcontracts": .array((0..<next(6)).map { _ in subcontract() })] }
        if next(6) != 0 { members["innovation"] = innovation() }
        if next(5) != 0 { members["price"] = ["total": pick([.string("\(next(2_000_000))"), .integer(900_000), "x"])] }
        return .object(members)
    }

    private mutating func subcontract() -> JSONValue {
        var members: [String: JSONValue] = ["name": .string("Sub \(next(100)) \"Ltd\"")]
        if next(10) != 0 {
            members["spend"] = pick([
                .string("\(next(200_000))"), .string("\(next(9_999)).\(next(99))"), .integer(Int64(next(90_000))),
                "", "12a", .bool(true),
            ])
        }
        if next(3) != 0 { members["sme"] = .bool(next(2) == 0) }
        if next(3) != 0 { members["vcse"] = pick([.bool(next(2) == 0), "yes"]) }
        if next(8) != 0 { members["area"] = pick(["Dudley", "dudley", "WALSALL", "Leeds", "Stoke-on-Trent", "", 4]) }
        return .object(members)
    }

    private mutating func innovation() -> JSONValue {
        var members: [String: JSONValue] = [:]
        if next(5) != 0 { members["trl"] = pick([.integer(Int64(next(11))), .string("\(next(10))"), "high"]) }
        if next(4) != 0 {
            members["pilots"] = .array(
                (0..<next(4)).map { _ in
                    var pilot: [String: JSONValue] = ["place": "Dudley"]
                    if next(3) != 0 { pilot["homes"] = .integer(Int64(next(60))) }
                    if next(4) == 0 { pilot["sites"] = .integer(Int64(next(5))) }
                    if next(3) != 0 { pilot["result"] = pick(["cut by 20%", "", "  ", "ok \"quoted\""]) }
                    return .object(pilot)
                })
        }
        if next(3) != 0 {
            var improvement: [String: JSONValue] = [:]
            if next(5) != 0 { improvement["metric"] = pick(["days per home", "", "SAP \u{2013} uplift"]) }
            if next(5) != 0 { improvement["baseline"] = pick([.integer(9), "9.5", "x"]) }
            if next(5) != 0 { improvement["target"] = pick([.integer(Int64(next(12))), "9.5000", "6.25"]) }
            members["improvement"] = .object(improvement)
        }
        if next(3) != 0 { members["risk_sharing"] = pick([.bool(true), .bool(false), "yes"]) }
        return .object(members)
    }

    private mutating func answers() -> JSONValue {
        var members: [String: JSONValue] = [:]
        for index in 0..<(1 + next(4)) {
            members[pick(["Q", "SV", "IN", "OF"]) + "\(index)"] = next(10) == 0 ? .integer(3) : .string(answer())
        }
        return .object(members)
    }

    private static let words = [
        "we", "will", "deliver", "homes", "across", "the", "borough", "Sept", "may", "march", "Q3", "q2", "per",
        "cent", "residents", "by", "in", "from", "to", "café", "—", "apprentices", "tonnes", "sapling", "days",
        "Monday", "Mar.", "decades",
    ]

    private mutating func answer() -> String {
        var text = ""
        for _ in 0..<next(40) {
            switch next(10) {
            case 0...3: text += pick(Self.words)
            case 4: text += pick(["12", "1,200", "3.5", "£40,000", "£ 5", "45%", "45 %", "7 homes", "10 FTE", "2035"])
            case 5:
                text += pick([
                    "2027-09-30", "2027-9-30", "09/2027", "9/2027", "123/2027", "Q3 2027", "Q5 2027", "q1 2028",
                    "September 2027", "Sept. 2027", "sept2027", "March  2028", "Mar 20277", "2027", "20270", "12027",
                    "May 2031.", "dec 2029",
                ])
            case 6: text += pick([".", ". ", "; ", "! ", "?", "\n", "\t", "\r\n", "\"", "\\", ".."])
            case 7: text += pick(["5 homes by 2027-09-30", "40% by Q3 2027", "£2,000 by 09/2028", "3 hours"])
            default: text += " "
            }
            if next(2) == 0 { text += " " }
        }
        return text
    }
}
