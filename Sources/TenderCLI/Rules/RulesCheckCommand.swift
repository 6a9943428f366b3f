import ArgumentParser
import Foundation
import TenderDaemon
import TenderPlugins
import TenderRules
import TenderScoring

/// `tender rules check`: every problem in every methodology at once, `file:line:col: message`.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate methodologies: all problems at once, with file, line and column.",
        discussion: """
            Checks methodology files (a folder means the YAML and JSON files directly inside it) and the \
            plugins they name. A folder is also checked exactly as the daemon checks its rules folder before \
            activating it: one methodology per procurement and lot, and the rule tests in its tests/ folder. \
            Procurement Act lint is reported as warnings. \
            Exit status: 0 clean, 1 errors, 3 warnings only.
            """
    )

    @Argument(help: ArgumentHelp("Methodology files or folders.", valueName: "path"))
    var paths: [String] = [DaemonSettings().rules]

    @Option(name: .long, help: ArgumentHelp("The plugins folder (one folder per plugin).", valueName: "folder"))
    var plugins = DaemonSettings().plugins

    func run() throws {
        let outcome = check()
        for line in outcome.lines { Console.out(line) }
        Console.error(
            "checked \(outcome.files) file(s): \(outcome.errors) error(s), \(outcome.warnings) warning(s)")
        if outcome.errors > 0 { throw ExitCodes.failure }
        if outcome.warnings > 0 { throw ExitCodes.lintWarnings }
    }

    struct Outcome {
        var lines: [String] = []
        var files = 0
        var errors = 0
        var warnings = 0
    }

    func check() -> Outcome {
        var outcome = Outcome()
        var files: [String] = []
        var folders: [String] = []
        for path in paths {
            if DocumentFile.isDirectory(path) {
                folders.append(path)
                let found = DocumentFile.documents(in: path)
                if found.isEmpty { outcome.lines.append("\(path): warning: no methodology files in this folder") }
                files += found
            } else {
                files.append(path)
            }
        }
        let catalog = DocumentFile.isDirectory(plugins) ? PluginCatalog.load(directory: plugins) : PluginCatalog()
        let parser = DocumentParser(
            availablePlugins: PluginBundle.installedNames(in: plugins),
            pluginConfigValidator: { name, config in
                catalog[name] == nil ? [] : catalog.validateConfig(config, for: name)
            })
        var reportedPlugins: Set<String> = []
        for file in files {
            outcome.files += 1
            var diagnostics: [Diagnostic]
            do {
                let document = try DocumentFile.load(file, parser: parser)
                switch document.parsed {
                case .methodology(let methodology, let warnings):
                    diagnostics = warnings
                    // The plugins it uses: manifest and module problems, each at its own file and position, once.
                    for name in PluginBundle.referenced(by: [methodology]) where reportedPlugins.insert(name).inserted {
                        diagnostics += catalog.problems.filter { $0.plugin == name }.map {
                            Diagnostic(
                                location: SourceLocation(file: $0.file, line: $0.line ?? 1, column: $0.column ?? 1),
                                severity: .error, message: "plugin '\($0.plugin)': \($0.message)")
                        }
                    }
                case .framework:
                    // Checked with the call-offs that name it, in the folder pass below.
                    diagnostics = []
                default:
                    diagnostics = [
                        DocumentFile.failure(
                            file,
                            "is a \(document.parsed.kind) document, not a methodology, framework or dynamic market"
                        )
                        .diagnostics[0]
                    ]
                }
            } catch {
                diagnostics = error.diagnostics
            }
            for diagnostic in diagnostics.sorted() {
                outcome.lines.append(diagnostic.description)
                if diagnostic.severity == .error { outcome.errors += 1 } else { outcome.warnings += 1 }
            }
        }
        // A folder as the daemon sees it: what the file-by-file pass above cannot see (two methodologies for one
        // procurement and lot, failing rule tests) is reported too, in the daemon's own words.
        for folder in folders {
            let reported = Set(outcome.lines)
            for problem in RuleSetLoader.problems(rules: folder, plugins: plugins) where !reported.contains(problem) {
                outcome.lines.append(problem)
                if !problem.hasPrefix(" ") { outcome.errors += 1 }  // indented lines detail the one before
            }
        }
        return outcome
    }
}
