import ArgumentParser
import Foundation
import TenderTestSupport
import Testing

@testable import TenderCLI

/// `tender score` run as a process: what it prints is what the command renders.
@Suite struct ScoreOutputTests {
    @Test func theTableAndTheJSONArePrintedAsTheCommandRendersThem() async throws {
        // Given a procurement of 200 tenders: a table of over 64 KiB, and JSON on one line several times the
        // 64 KiB the command gathers its writes into
        let folder = try TestFolders.make("score-output")
        _ = try RetrofitCopies.write(
            200, from: "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1", into: folder)
        let rules = "\(DaemonHarness.repository)/Rules/wmca-retrofit-2026-lot1.yaml"
        for json in [false, true] {
            let arguments = ["score"] + (json ? ["--json"] : []) + ["--rules", rules, folder]
            // When it prints them
            let printed = try await Subprocess.output(arguments)
            // Then it prints what the command renders, and a newline
            let command = try #require(try TenderCommand.parseAsRoot(arguments) as? ScoreCommand)
            let rendered = try command.render()
            #expect(printed.status == 0, "\(printed.errors)")
            #expect(printed.out == rendered + "\n")
            #expect(rendered.utf8.count > (json ? 4 << 16 : 1 << 16))
        }
    }
}
