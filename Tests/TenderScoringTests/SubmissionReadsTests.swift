import Foundation
import TenderScoring
import Testing

/// What an evaluation keeps of each submission's tree: the members its gates, its plugin rules and the reports read.
struct SubmissionReadsTests {
    typealias B = Build

    /// A plugin evaluator that declares what each plugin reads and explains each call with exactly what it was
    /// given of those paths (as a plugin host gives it), so a result changes if a plugin is given anything else.
    struct DeclaringPlugins: PluginEvaluator {
        var declared: [String: [String]]

        func given(_ plugin: String, _ submission: JSONValue) -> String {
            (declared[plugin] ?? []).map { path in
                var value: JSONValue? = submission
                for member in path.split(separator: ".") { value = value?[String(member)] }
                return "\(path)=\(value?.canonicalString ?? "absent")"
            }.joined(separator: "; ")
        }

        func score(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
            .scored(
                fraction: 1, explanation: given(plugin.name, submission), flags: [],
                run: PluginRun(moduleSHA256: "", fuelUsed: 0))
        }

        func gate(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
            .gate(pass: true, reason: given(plugin.name, submission), run: PluginRun(moduleSHA256: "", fuelUsed: 0))
        }

        func reads(plugin name: String) -> [String]? { declared[name] }
    }

    static let fields: [String: DocumentValue] = [
        "supplier": .map(["address": .string("1 Canal St")]),
        "declarations": .map(["mandatory": .bool(false)]),
        "answers": .map(["approach": .string("A long narrative no rule reads.")]),
        "supply_chain": .map(["subcontracts": .list([])]),
        "innovation": .map(["trl": .number(7)]),
    ]

    static func plugin(_ name: String) -> Criterion {
        Criterion(
            id: name, title: nil, weight: 10, category: nil,
            parts: [CriterionPart(weight: 1, kind: .plugin(PluginReference(name: name, config: .null)))],
            isSplit: false)
    }

    static func members(_ submission: Submission) -> Set<String> {
        guard case .map(let members) = submission.content else { return [] }
        return Set(members.keys)
    }

    @Test func theTreeKeepsWhatGatesPluginsAndReportsRead() {
        // Given a gate on a declaration and a plugin that reads the supply chain and the price
        let methodology = B.methodology(
            [B.price(90), Self.plugin("local")],
            gates: [
                Gate(
                    id: "g", title: nil, kind: .declaration(field: "declarations.mandatory", equals: .bool(false)),
                    onFail: .disregard)
            ])
        let plugins = DeclaringPlugins(declared: ["local": ["supply_chain.subcontracts", "price.total"]])
        let reads = SubmissionReads(methodology: methodology, plugins: plugins)
        // Then the supplier (for the reports), the declarations, the supply chain and the price are kept
        #expect(reads.members == ["supplier", "declarations", "supply_chain", "price"])
        let trimmed = reads.trimmed(B.submission("A", price: 100, fields: Self.fields))
        #expect(Self.members(trimmed) == ["supplier", "declarations", "supply_chain", "price"])
        // And the evaluation is the same with the trimmed tree as with the whole one, the plugin's explanation (what
        // it was given) included
        let whole = B.submission("A", price: 100, fields: Self.fields)
        let engine = ScoringEngine(methodology: methodology, plugins: plugins)
        let result = engine.evaluate(submissions: [trimmed], marks: [])
        #expect(result.canonicalBytes == engine.evaluate(submissions: [whole], marks: []).canonicalBytes)
        let explanation = result.tenders.first?.criteria.first { $0.id == "local" }?.parts.first?.reason ?? ""
        #expect(explanation.contains("supply_chain.subcontracts=[]") && explanation.contains("price.total="))
        #expect(!explanation.contains("absent"))
    }

    @Test func aPluginGivenTheWholeSubmissionKeepsEveryMember() {
        let methodology = B.methodology([B.price(90), Self.plugin("local"), Self.plugin("everything")])
        let plugins = DeclaringPlugins(declared: ["local": ["supply_chain.subcontracts"]])
        let reads = SubmissionReads(methodology: methodology, plugins: plugins)
        #expect(reads.members == nil)
        let submission = B.submission("A", price: 100, fields: Self.fields)
        #expect(reads.trimmed(submission) == submission)
        // A methodology with plugin rules and no evaluator to say what they read keeps everything too
        #expect(SubmissionReads(methodology: methodology, plugins: nil).members == nil)
    }

    @Test func withoutGatesOrPluginsOnlyTheSupplierIsKept() {
        let reads = SubmissionReads(methodology: B.methodology([B.price(100)]), plugins: nil)
        #expect(reads.members == ["supplier"])
        #expect(Self.members(reads.trimmed(B.submission("A", price: 100, fields: Self.fields))) == ["supplier"])
    }

    @Test func eachLotsOwnEntryIsTrimmed() throws {
        // Given a lotted methodology whose gate reads the price, and a tender for two lots with answers in each lot
        var methodology = LotTests.methodology()
        methodology.gates.append(
            Gate(id: "answered", title: nil, kind: .required(field: "answers.approach"), onFail: .flag))
        var tender = LotTests.tender("A", [("1", 100), ("2", 300)], mark: 5)
        tender.content = .map(Self.fields)
        for index in tender.lots.indices {
            tender.lots[index].content["answers"] = .map(["approach": .string("Lot \(index + 1)'s own approach.")])
            tender.lots[index].content["social_value"] = .map(["pledge": .string("Not read.")])
        }
        let reads = SubmissionReads(methodology: methodology, plugins: nil)
        #expect(reads.members == ["supplier", "price", "answers"])
        let trimmed = reads.trimmed(tender)
        // Then each lot keeps its price and answers and loses the rest, and each lot's view is the same as trimming it
        for lot in trimmed.lots { #expect(Set(lot.content.keys) == ["price", "answers"]) }
        for id in ["1", "2"] {
            let view: Submission = try #require(trimmed.lot(id))
            let wholeView: Submission = try #require(tender.lot(id))
            #expect(view.content.value(at: "answers.approach") == wholeView.content.value(at: "answers.approach"))
            #expect(view.content.value(at: "price.total") == wholeView.content.value(at: "price.total"))
            #expect(wholeView.content.value(at: "social_value") != nil)
            #expect(view.content.value(at: "social_value") == nil)
        }
        let outcome = LotsEngine(methodology: methodology).evaluate(submissions: [trimmed], marks: [])
        let wholeOutcome = LotsEngine(methodology: methodology).evaluate(submissions: [tender], marks: [])
        for lot in ["1", "2"] {
            #expect(outcome.results[lot]?.canonicalBytes == wholeOutcome.results[lot]?.canonicalBytes)
        }
    }

    @Test func withoutReportsOnlyWhatTheEvaluationReadsIsKept() {
        // Given a methodology without gates or plugins, and one whose gate reads the supplier's address
        let plain = SubmissionReads(methodology: B.methodology([B.price(100)]), plugins: nil, reports: false)
        let gated = SubmissionReads(
            methodology: B.methodology(
                [B.price(100)],
                gates: [Gate(id: "g", title: nil, kind: .required(field: "supplier.address"), onFail: .flag)]),
            plugins: nil, reports: false)
        // Then without the reports nothing is kept of the first's trees, and the supplier of the second's
        #expect(plain.members == [])
        #expect(Self.members(plain.trimmed(B.submission("A", price: 100, fields: Self.fields))) == [])
        #expect(gated.members == ["supplier"])
        // And the evaluation is the same without what only the reports read
        let methodology = B.methodology(
            [B.price(90), Self.plugin("local")],
            gates: [Gate(id: "g", title: nil, kind: .required(field: "supplier.address"), onFail: .flag)])
        let plugins = DeclaringPlugins(declared: ["local": ["supply_chain.subcontracts"]])
        let engine = ScoringEngine(methodology: methodology, plugins: plugins)
        let tenders = [B.submission("A", price: 100, fields: Self.fields), B.submission("B", price: 120)]
        let results = [false, true].map { reports in
            let reads = SubmissionReads(methodology: methodology, plugins: plugins, reports: reports)
            return engine.evaluate(submissions: tenders.map(reads.trimmed), marks: []).json.canonicalString
        }
        #expect(results[0] == results[1])
        #expect(results[0] == engine.evaluate(submissions: tenders, marks: []).json.canonicalString)
    }
}
