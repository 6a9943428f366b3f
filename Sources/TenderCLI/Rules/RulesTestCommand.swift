import ArgumentParser
import Foundation
import TenderDaemon
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring

/// `tender rules test`: runs rule tests (documents in, expected results out), like `promtool test rules`.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule tests: documents in, expected statuses, points, ranks and flags out.",
        discussion: """
            Runs rule-test files (kind: rule-tests; a folder means the files directly inside it). A failing \
            expectation prints where it is written, what was expected and what the evaluation gave. \
            Exit status: 0 all passed, 1 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("Rule-test files or folders.", valueName: "path"))
    var paths: [String] = ["Rules/tests"]

    @Option(
        name: .long,
        help: ArgumentHelp("The plugins folder (for methodologies with plugin rules).", valueName: "folder"))
    var plugins = DaemonSettings().plugins

    func run() throws {
        let summary = runAll()
        for line in summary.lines { Console.out(line) }
        Console.out("rule tests: \(summary.passed) passed, \(summary.failed) failed")
        if summary.failed > 0 || summary.passed == 0 { throw ExitCodes.failure }
    }

    struct Summary {
        var lines: [String] = []
        var passed = 0
        var failed = 0
    }

    func runAll() -> Summary {
        var summary = Summary()
        var files: [(String, Bool)] = []
        for path in paths {
            files +=
                DocumentFile.isDirectory(path) ? DocumentFile.documents(in: path).map { ($0, true) } : [(path, false)]
        }
        if files.isEmpty { summary.lines.append("no rule-test files found in \(paths.joined(separator: ", "))") }
        for (file, inFolder) in files {
            run(file, inFolder: inFolder, into: &summary)
        }
        return summary
    }

    func run(_ file: String, inFolder: Bool, into summary: inout Summary) {
        let testFile: RuleTestFile
        do {
            let document = try DocumentFile.load(file)
            guard case .ruleTests(let tests) = document.parsed else {
                if inFolder { return }  // a folder may also hold the methodologies its tests use
                summary.lines.append("\(file):1:1: error: is a \(document.parsed.kind) document, not kind: rule-tests")
                summary.failed += 1
                return
            }
            testFile = tests
        } catch {
            summary.lines += error.diagnostics.map(\.description)
            summary.failed += 1
            return
        }
        let folder = (file as NSString).deletingLastPathComponent
        let outcomes: [RuleTestRunner.Outcome]
        do {
            let folderOfPlugins = plugins
            let runner = RuleTestRunner { methodologies in
                PluginBundle.load(directory: folderOfPlugins, for: methodologies).host
            }
            outcomes = try runner.run(testFile) { relative in
                let path = relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
                let normalized = (path as NSString).standardizingPath
                let bytes = try DocumentFile.read(normalized)
                return RuleTestRunner.LoadedFile(
                    bytes: bytes, displayName: normalized, documentID: Hex.sha256(bytes))
            }
        } catch {
            summary.lines += error.diagnostics.map(\.description)
            summary.failed += 1
            return
        }
        for outcome in outcomes {
            if outcome.passed {
                summary.passed += 1
                summary.lines.append("ok    \(file): \(outcome.name)")
            } else {
                summary.failed += 1
                summary.lines.append("FAIL  \(file): \(outcome.name)")
                summary.lines += outcome.failures.map { "      \($0)" }
            }
        }
    }
}
