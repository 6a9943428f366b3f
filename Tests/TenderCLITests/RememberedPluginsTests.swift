import Foundation
import Synchronization
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring
import Testing

/// One evaluation calls each plugin once per tender, however many times it scores the tenders again (each
/// decision's effect is an evaluation without it), and gives the same result as calling it every time.
struct RememberedPluginsTests {
    /// The real host, counting the calls that reach it.
    final class CountingHost: PluginEvaluator {
        let host: WasmPluginHost
        let calls = Mutex(0)

        init(_ host: WasmPluginHost) { self.host = host }

        func score(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
            calls.withLock { $0 += 1 }
            return host.score(plugin: plugin, submission: submission)
        }

        func gate(plugin: PluginReference, submission: JSONValue) -> PluginOutcome {
            calls.withLock { $0 += 1 }
            return host.gate(plugin: plugin, submission: submission)
        }
    }

    @Test func theExampleWithThreeDecisionsCallsEachPluginOncePerTender() throws {
        // Given the example procurement (two plugin rules) with its three decisions on T-0007
        let parser = DocumentParser()
        let methodologyBytes = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.retrofit)))
        guard case .methodology(let methodology, _) = try parser.parse(methodologyBytes, file: "m", documentID: "m")
        else { throw CocoaError(.fileReadCorruptFile) }
        var submissions: [Submission] = []
        var marks: [MarksDocument] = []
        var decisions: [Decision] = []
        for path in Repository.retrofitExamples {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            switch try parser.parse(bytes, file: path, documentID: Hex.sha256(bytes)) {
            case .submission(let submission): submissions.append(submission)
            case .marks(let document): marks.append(document)
            case .decision(let decision): decisions.append(decision)
            default: break
            }
        }
        #expect(decisions.count == 3)
        let host = CountingHost(WasmPluginHost(catalog: PluginCatalog.load(directory: Repository.path("Plugins"))))
        // When it is evaluated
        let result = ScoringEngine(methodology: methodology, plugins: host).evaluate(
            submissions: submissions, marks: marks, decisions: decisions)
        // Then each of the two plugins ran once for each of the five tenders assessed, not again for the
        // evaluation without the disregard
        #expect(host.calls.withLock { $0 } == 10)
        #expect(result.winner == "T-0003")
        // And the disregard's effect, an evaluation without it that reused the outcomes, ranks T-0007 first without
        // it and T-0003 with it, as worked by hand in the rule tests
        let effect = try #require(result.decisions.compactMap(\.effect).first)
        #expect(effect.leaderBefore == "T-0007" && effect.leaderAfter == "T-0003")
    }
}
