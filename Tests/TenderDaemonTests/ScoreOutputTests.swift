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
        let examples = "\(DaemonHarness.repository)/Rules/examples/wmca-retrofit-2026-lot1"
        let template = try String(contentsOfFile: "\(examples)/T-0002-cladco.yaml", encoding: .utf8)
        for index in 0..<200 {
            let text =
                template
                .replacingOccurrences(of: "tender_id: T-0002", with: "tender_id: T-\(1000 + index)")
                .replacingOccurrences(of: "GB-COH-11223344", with: "GB-COH-\(20_000_000 + index)")
                .replacingOccurrences(of: "Cladco Retrofit Ltd", with: "Cladco \(100 + index) Ltd")
                .replacingOccurrences(of: "total: 905000", with: "total: \(905_000 + index * 1_000)")
            try text.write(toFile: "\(folder)/T-\(1000 + index).yaml", atomically: true, encoding: .utf8)
        }
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
