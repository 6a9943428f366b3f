import Foundation
import TenderPlugins
import TenderScoring
import Testing

/// The WAT example in Plugins/README.md (kept in Plugins/sdk/wat/example.wat) works as documented.
struct GuideExampleTests {
    @Test func theGuidesWATExampleScoresHalfMarks() throws {
        // Given
        let path = GuestModules.pluginsDirectory + "/sdk/wat/example.wat"
        let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        let host = try GuestModules.host(text, maxMemoryPages: 4)
        // When
        let outcome = host.score(plugin: GuestModules.probe, submission: ["any": "thing"])
        // Then
        #expect(outcome.fraction == DecimalText.parse("0.5"))
        #expect(outcome.explanation == "half marks, always")
    }
}
