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

    /// The plugin host for a test's methodologies (one, or every stage of a procedure with stages; nil when they use
    /// no plugins).
    public let plugins: @Sendable ([Methodology]) -> (any PluginEvaluator)?

    public init(plugins: @escaping @Sendable ([Methodology]) -> (any PluginEvaluator)? = { _ in nil }) {
        self.plugins = plugins
    }

    /// Runs every test of a file.
    ///
    /// - Parameter load: reads a path written in the test file (relative to it).
    /// - Throws: ``DocumentError`` when the methodology itself cannot be loaded.
    public func run(_ file: RuleTestFile, load: (String) throws -> LoadedFile) throws(DocumentError) -> [Outcome] {
        let parser = DocumentParser()
        guard !file.stages.isEmpty else {
            var methodology = try loadMethodology(file.methodology, file: file, parser: parser, load: load)
            if methodology.callOff != nil {
                methodology = try resolveCallOff(methodology, file: file, parser: parser, load: load)
            }
            let host = plugins([methodology])
            return file.tests.map {
                run($0, methodology: methodology, procedure: nil, host: host, parser: parser, load: load)
            }
        }
        var methodologies: [Methodology] = []
        for path in file.stages {
            var methodology = try loadMethodology(path, file: file, parser: parser, load: load)
            if methodology.callOff != nil {
                methodology = try resolveCallOff(methodology, file: file, parser: parser, load: load)
            }
            methodologies.append(methodology)
        }
        let (procedures, problems) = StagedProcedure.resolve(methodologies)
        guard problems.isEmpty, procedures.count == 1, let procedure = procedures.first else {
            let messages =
                problems.isEmpty
                ? ["stages must list the methodologies of one procedure with stages (each declares stage:)"]
                : problems.map(\.message)
            throw DocumentError(
                diagnostics: messages.map {
                    Diagnostic(location: file.methodologyLocation, severity: .error, message: $0)
                })
        }
        let host = plugins(procedure.stages)
        return file.tests.map {
            run($0, methodology: procedure.stages[0], procedure: procedure, host: host, parser: parser, load: load)
        }
    }

    /// A call-off's methodology resolved against the frameworks the test file names (`frameworks:`).
    private func resolveCallOff(
        _ methodology: Methodology, file: RuleTestFile, parser: DocumentParser, load: (String) throws -> LoadedFile
    ) throws(DocumentError) -> Methodology {
        var records: [Framework] = []
        for path in file.frameworks {
            let loaded: LoadedFile
            do {
                loaded = try load(path)
            } catch {
                throw DocumentError(diagnostics: [
                    Diagnostic(
                        location: file.methodologyLocation, severity: .error, message: "cannot read \(path): \(error)")
                ])
            }
            if case .framework(let record) = try parser.parse(
                loaded.bytes, file: loaded.displayName, documentID: loaded.documentID)
            {
                records.append(record)
            }
        }
        switch CallOffResolver.resolve(methodology, frameworks: records) {
        case .success(let resolved): return resolved
        case .failure(let failure):
            throw DocumentError(
                diagnostics: failure.messages.map {
                    Diagnostic(
                        location: file.methodologyLocation, severity: .error,
                        message: $0 + " (list its record under frameworks:)")
                })
        }
    }

    /// Reads a methodology the test file names.
    private func loadMethodology(
        _ path: String, file: RuleTestFile, parser: DocumentParser, load: (String) throws -> LoadedFile
    ) throws(DocumentError) -> Methodology {
        let methodologyFile: LoadedFile
        do {
            methodologyFile = try load(path)
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
                    message: "\(path) is a \(parsed.kind) document, not a methodology")
            ])
        }
        return methodology
    }

    func run(
        _ test: RuleTestCase, methodology: Methodology, procedure: StagedProcedure?, host: (any PluginEvaluator)?,
        parser: DocumentParser, load: (String) throws -> LoadedFile
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
            // A procedure with stages: each document is matched against the stage it names.
            let stageMatcher = procedure.flatMap { procedure in
                parsed.stage.flatMap(procedure.stage).map { ProcurementMatcher(methodology: $0) }
            }
            let problems = (stageMatcher ?? matcher).problems(parsed)
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
        if failures.isEmpty, let procedure {
            let (runs, refused) = ProcedureEngine(procedure: procedure, plugins: host).evaluate(
                submissions: submissions, marks: marks, decisions: decisions)
            failures = RuleExpectationMatcher.mismatches(test.expect, stages: runs, refused: refused)
        } else if failures.isEmpty, var lotting = methodology.lotting {
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
