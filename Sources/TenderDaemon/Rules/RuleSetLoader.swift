import Foundation
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring

/// Reads the rules folder, validates every methodology, runs the rule tests, and builds a ``RuleSet`` —
/// or reports every problem. Nothing is activated unless everything passes (Prometheus, OPA).
public struct RuleSetLoader: Sendable {
    let rules: String
    let plugins: String

    init(rules: String, plugins: String) {
        self.rules = rules
        self.plugins = plugins
    }

    /// Every problem that would keep the daemon from activating the rules folder `rules` (with the plugins in
    /// `plugins`), exactly as the daemon finds them: each methodology, one methodology per procurement and lot,
    /// the plugins, then the rule tests. `tender rules check` runs this on a folder.
    public static func problems(rules: String, plugins: String) -> [String] {
        let loader = RuleSetLoader(rules: rules, plugins: plugins)
        switch loader.load(loader.files()) {
        case .success: return []
        case .failure(let failure): return failure.problems
        }
    }

    /// What failed, one line per problem (`file:line:col: message` where known).
    struct Failure: Error, CustomStringConvertible {
        var digest: String
        var problems: [String]
        var description: String { problems.joined(separator: "\n") }
    }

    /// The files that make up the rule set: methodologies in the folder, rule tests in `tests/`, and each
    /// plugin's manifest and module (a rebuilt plugin is a rule change too).
    func files() -> [RuleSet.File] {
        let tests = (rules as NSString).appendingPathComponent("tests")
        let pluginFiles = FileSystem.names(in: plugins).flatMap { folder -> [String] in
            let path = (plugins as NSString).appendingPathComponent(folder)
            return FileSystem.names(in: path).filter { $0 == "plugin.yaml" || $0.hasSuffix(".wasm") }
                .map { (path as NSString).appendingPathComponent($0) }
        }
        let paths = Self.documents(in: rules) + Self.documents(in: tests) + pluginFiles
        return paths.compactMap { path in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let bytes = Array(data)
            return RuleSet.File(name: path, bytes: bytes, sha256: Hex.sha256(bytes))
        }
    }

    static func documents(in folder: String) -> [String] {
        FileSystem.names(in: folder).filter { name in
            !name.hasPrefix(".") && [".yaml", ".yml", ".json"].contains { name.hasSuffix($0) }
        }.map { (folder as NSString).appendingPathComponent($0) }
    }

    public static func digest(_ files: [RuleSet.File]) -> String {
        Hex.sha256(Array(files.map { "\($0.name) \($0.sha256)\n" }.sorted().joined().utf8))
    }

    /// Validates and tests `files` (as read by ``files()``) into a rule set.
    func load(_ files: [RuleSet.File]) -> Result<RuleSet, Failure> {
        let digest = Self.digest(files)
        let tests = (rules as NSString).appendingPathComponent("tests")
        let parser = DocumentParser(availablePlugins: PluginBundle.installedNames(in: plugins))
        var problems: [String] = []
        var methodologies: [ProcurementKey: RuleSet.Entry] = [:]
        /// Each file's methodology once (its lots' are the same rules): what the plugins are loaded for.
        var parsed: [Methodology] = []
        var staged: [RuleSet.Entry] = []
        var read: [RuleSet.Entry] = []
        var frameworks: [(framework: Framework, file: RuleSet.File)] = []
        for file in files where (file.name as NSString).deletingLastPathComponent == rules {
            do {
                switch try parser.parse(file.bytes, file: file.name, documentID: file.sha256) {
                case .methodology(let methodology, _): read.append(RuleSet.Entry(methodology: methodology, file: file))
                case .framework(let framework): frameworks.append((framework, file))
                default:
                    problems.append(
                        "\(file.name):1:1: error: only methodologies, frameworks and dynamic markets belong in the rules "
                            + "folder")
                }
            } catch {
                problems += error.diagnostics.sorted().map(\.description)
            }
        }
        // Ids name methodologies and records across files (refinements, call-offs): each once.
        var owners: [String: String] = [:]
        for (id, name) in read.map({ ($0.methodology.id, $0.file.name) })
            + frameworks.map({ ($0.framework.id, $0.file.name) })
        {
            if let first = owners[id] {
                problems.append(
                    "\(name):1:1: error: id '\(id)' is already used by \(first); give each methodology, framework and "
                        + "dynamic market in the rules folder its own id")
            }
            owners[id] = owners[id] ?? name
        }
        // A call-off is checked against its framework or dynamic market, whose members it takes (s.45–47, s.34–40).
        for (index, entry) in read.enumerated() where entry.methodology.callOff != nil {
            switch CallOffResolver.resolve(entry.methodology, frameworks: frameworks.map(\.framework)) {
            case .success(let resolved):
                read[index].methodology = resolved
                read[index].framework = frameworks.first { $0.framework.id == resolved.callOff?.framework }?.file
            case .failure(let failure):
                problems += failure.messages.map { "\(entry.file.name):1:1: error: \($0)" }
            }
        }
        for entry in read {
            let (methodology, file) = (entry.methodology, entry.file)
            parsed.append(methodology)
            // The stages of a procedure are taken together once every file is read (a refinement replaces the
            // methodology it refines).
            if methodology.stage != nil {
                staged.append(entry)
                continue
            }
            // A methodology with lots evaluates the procurement as a whole (a tender for several lots, a close of
            // every lot) and each lot under its own methodology.
            let evaluated =
                [(ProcurementKey(methodology.procurement), methodology)]
                + (methodology.lotting == nil
                    ? [] : methodology.lotMethodologies.map { (ProcurementKey($0.procurement), $0) })
            for (key, evaluating) in evaluated {
                if let other = methodologies[key] {
                    problems.append(
                        "\(file.name):1:1: error: procurement \(key) is already evaluated by \(other.file.name); "
                            + "one methodology per procurement and lot")
                    continue
                }
                var evaluated = entry
                evaluated.methodology = evaluating
                methodologies[key] = evaluated
            }
        }
        let (resolved, stageProblems) = StagedProcedure.resolve(staged.map(\.methodology))
        func file(of id: String) -> String { staged.first { $0.methodology.id == id }?.file.name ?? rules }
        problems += stageProblems.map { "\(file(of: $0.methodology)):1:1: error: \($0.message)" }
        var procedures: [ProcurementKey: StagedProcedure] = [:]
        for procedure in resolved {
            let whole = ProcurementKey(reference: procedure.reference, lot: procedure.lot)
            if let other = methodologies[whole] {
                problems.append(
                    "\(file(of: procedure.stages[0].id)):1:1: error: procurement \(whole) is already evaluated by "
                        + "\(other.file.name) without stages; one methodology per procurement and lot, or one per stage"
                )
                continue
            }
            procedures[whole] = procedure
            for methodology in procedure.stages {
                let entry = staged.first { $0.methodology.id == methodology.id }!
                methodologies[ProcurementKey(methodology)] = entry
            }
        }
        let bundle = PluginBundle.load(directory: plugins, for: parsed)
        problems += bundle.problems
        if problems.isEmpty {
            problems += runTests(files.filter { $0.name.hasPrefix(tests + "/") }, parser: parser, host: bundle.host)
        }
        guard problems.isEmpty else { return .failure(Failure(digest: digest, problems: problems)) }
        return .success(
            RuleSet(
                digest: digest, methodologies: methodologies, files: files, plugins: bundle, procedures: procedures))
    }

    /// Runs the rule tests; every failing expectation is a problem.
    func runTests(_ files: [RuleSet.File], parser: DocumentParser, host: (any PluginEvaluator)?) -> [String] {
        var problems: [String] = []
        for file in files {
            do {
                guard
                    case .ruleTests(let tests) = try parser.parse(file.bytes, file: file.name, documentID: file.sha256)
                else {
                    problems.append("\(file.name):1:1: error: files in tests/ must be kind: rule-tests")
                    continue
                }
                let folder = (file.name as NSString).deletingLastPathComponent
                let outcomes = try RuleTestRunner(plugins: { _ in host }).run(tests) { relative in
                    let path = ((folder as NSString).appendingPathComponent(relative) as NSString).standardizingPath
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw FileSystem.Failure(description: "no such file \(path)")
                    }
                    return RuleTestRunner.LoadedFile(
                        bytes: Array(data), displayName: path, documentID: Hex.sha256(Array(data)))
                }
                for outcome in outcomes where !outcome.passed {
                    problems.append("\(outcome.location): error: rule test '\(outcome.name)' failed")
                    problems += outcome.failures.map { "    \($0)" }
                }
            } catch {
                problems += error.diagnostics.sorted().map(\.description)
            }
        }
        return problems
    }
}
