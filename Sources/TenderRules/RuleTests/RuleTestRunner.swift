import Foundation
public import TenderScoring

/// Runs rule tests: evaluates each test's documents and compares the result with what the test expects.
public struct RuleTestRunner: Sendable {
    /// A file the runner asked for: its bytes, the name to show, and its identity.
    public struct LoadedFile: Sendable {
        public var bytes: [UInt8]
        public var displayName: String
        public var documentID: String

        public init(bytes: [UInt8], displayName: String, documentID: String) {
            self.bytes = bytes
            self.displayName = displayName
            self.documentID = documentID
        }
    }

    /// One test's verdict: no failures means it passed.
    public struct Outcome: Sendable {
        public var name: String
        public var location: SourceLocation
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    /// The plugin host for a test's methodology (nil when it uses no plugins).
    public let plugins: @Sendable (Methodology) -> (any PluginEvaluator)?

    public init(plugins: @escaping @Sendable (Methodology) -> (any PluginEvaluator)? = { _ in nil }) {
        self.plugins = plugins
    }

    /// Runs every test of a file.
    ///
    /// - Parameter load: reads a path written in the test file (relative to it).
    /// - Throws: ``DocumentError`` when the methodology itself cannot be loaded.
    public func run(_ file: RuleTestFile, load: (String) throws -> LoadedFile) throws(DocumentError) -> [Outcome] {
        let parser = DocumentParser()
        let methodologyFile: LoadedFile
        do {
            methodologyFile = try load(file.methodology)
        } catch {
            throw DocumentError(diagnostics: [
                Diagnostic(
                    location: file.methodologyLocation, severity: .error, message: "cannot read methodology: \(error)")
            ])
        }
        let parsed = try parser.parse(
            methodologyFile.bytes, file: methodologyFile.displayName, documentID: methodologyFile.documentID)
        guard case .methodology(let methodology, _) = parsed else {
            throw DocumentError(diagnostics: [
                Diagnostic(
                    location: file.methodologyLocation, severity: .error,
                    message: "\(file.methodology) is a \(parsed.kind) document, not a methodology")
            ])
        }
        let host = plugins(methodology)
        return file.tests.map { run($0, methodology: methodology, host: host, parser: parser, load: load) }
    }

    func run(
        _ test: RuleTestCase, methodology: Methodology, host: (any PluginEvaluator)?, parser: DocumentParser,
        load: (String) throws -> LoadedFile
    )
        -> Outcome
    {
        var failures: [String] = []
        var submissions: [Submission] = []
        var marks: [MarksDocument] = []
        var decisions: [Decision] = []
        let matcher = ProcurementMatcher(methodology: methodology)
        for document in test.documents {
            let parsed: ParsedDocument
            switch document {
            case .inline(let inline, _):
                parsed = inline
            case .path(let path, let location):
                do {
                    let loaded = try load(path)
                    parsed = try parser.parse(loaded.bytes, file: loaded.displayName, documentID: loaded.documentID)
                } catch let error as DocumentError {
                    failures.append(contentsOf: error.diagnostics.map(\.description))
                    continue
                } catch {
                    failures.append("\(location): cannot read \(path): \(error)")
                    continue
                }
            }
            let problems = matcher.problems(parsed)
            guard problems.isEmpty else {
                failures.append(contentsOf: problems)
                continue
            }
            switch parsed {
            case .submission(let submission): submissions.append(submission)
            case .marks(let document): marks.append(document)
            case .decision(let decision): decisions.append(decision)
            default: break
            }
        }
        if failures.isEmpty, var lotting = methodology.lotting {
            if let mechanism = test.mechanism { lotting.limits.mechanism = mechanism }
            var lotted = methodology
            lotted.lotting = lotting
            let outcome = LotsEngine(methodology: lotted, plugins: host).evaluate(
                submissions: submissions, marks: marks, decisions: decisions)
            failures = RuleExpectationMatcher.mismatches(test.expect, outcome: outcome)
        } else if failures.isEmpty {
            let result = ScoringEngine(methodology: methodology, plugins: host).evaluate(
                submissions: submissions, marks: marks, decisions: decisions)
            failures = RuleExpectationMatcher(result: result).mismatches(test.expect)
            if test.mechanism != nil || !test.expect.lots.isEmpty || !test.expect.award.isEmpty {
                failures.append(
                    "\(test.location): mechanism, expect.lots and expect.award are for a methodology with lots; "
                        + "\(methodology.id) has none")
            }
        }
        return Outcome(name: test.name, location: test.location, failures: failures)
    }
}
