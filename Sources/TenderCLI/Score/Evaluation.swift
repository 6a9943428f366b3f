import Foundation
import TenderDaemon
import TenderPlugins
import TenderRules
import TenderScoring

/// A methodology and the documents to evaluate under it, read and checked together.
struct Evaluation {
    let methodologyFile: DocumentFile
    let methodology: Methodology
    /// Every document read, for a ledger record of the evaluation (``EvaluationRecord``); `tender score` without
    /// `--ledger` empties it before it evaluates.
    var documents: [DocumentFile]
    let submissions: [Submission]
    let marks: [MarksDocument]
    /// The buyer's decisions, each checked against the documents given before it.
    let decisions: [Decision]
    /// The plugins the methodology uses, with their bytes (recorded in the ledger with the evaluation).
    let plugins: PluginBundle
    /// For a call-off: the framework or dynamic market record it was resolved against (recorded with it).
    var framework: DocumentFile? = nil

    /// Reads everything and reports every problem in every file at once.
    static func load(
        methodology path: String, documents paths: [String], plugins folder: String = DaemonSettings().plugins,
        frameworks: [DocumentFile] = []
    )
        throws(DocumentError) -> Evaluation
    {
        var problems: [Diagnostic] = []
        let methodologyFile: DocumentFile
        do {
            methodologyFile = try DocumentFile.load(path)
        } catch {
            throw error
        }
        guard case .methodology(var methodology, _) = methodologyFile.parsed else {
            throw DocumentFile.failure(
                path, "is a \(methodologyFile.parsed.kind) document; --rules takes a methodology")
        }
        // A call-off takes the members of its framework or dynamic market, given as another --rules file.
        methodology = try resolveCallOff(methodology, frameworks: frameworks, path: path)
        let framework = methodology.callOff.flatMap { callOff in
            frameworks.first { file in
                if case .framework(let record) = file.parsed { record.id == callOff.framework } else { false }
            }
        }
        let plugins = PluginBundle.load(directory: folder, for: [methodology])
        problems += plugins.problems.map { at(path, $0) }
        let matcher = ProcurementMatcher(methodology: methodology)
        var files: [DocumentFile] = []
        var submissions: [Submission] = []
        var marks: [MarksDocument] = []
        var decisions: [Decision] = []
        var known: [KnownDocument] = []
        let engine = ScoringEngine(methodology: methodology, plugins: plugins.host)
        // No reports are made from these tenders (`tender report` reads the ledger).
        let reads = SubmissionReads(methodology: methodology, plugins: plugins.host, reports: false)
        let read = documents(paths, problems: &problems, reads: reads, matcher: { _ in matcher })
        // Sized once: grown by doubling, the three would hold room for up to twice the documents of a large procurement.
        files.reserveCapacity(read.count)
        submissions.reserveCapacity(read.count)
        known.reserveCapacity(read.count)
        for (documentPath, file) in read {
            switch file.parsed {
            case .submission(let submission): submissions.append(submission)
            case .marks(let document): marks.append(document)
            case .decision(let decision): decisions.append(decision)
            case .close, .methodology, .ruleTests, .framework: break
            }
            files.append(file)
            var decision: Decision?
            if case .decision(let value) = file.parsed { decision = value }
            known.append(
                KnownDocument(
                    name: (documentPath as NSString).lastPathComponent, sha256: file.sha256, kind: file.parsed.kind,
                    decision: decision))
        }
        // Decisions and the clarifications marks name are checked as the daemon checks them, against every
        // document given (named by file name or SHA-256), in whatever order the shell listed them.
        for decision in decisions {
            do {
                _ = try engine.decisionTender(decision, submissions: submissions, known: known)
            } catch {
                problems.append(at(decision.location, decision.documentID, "decision not accepted: \(error.reason)"))
            }
        }
        for document in marks {
            if let problem = ScoringEngine.clarificationProblem(document, known: known, submissions: submissions) {
                problems.append(at(document.location, document.documentID, problem))
            }
        }
        guard problems.isEmpty else { throw DocumentError(diagnostics: problems) }
        return Evaluation(
            methodologyFile: methodologyFile, methodology: methodology, documents: files, submissions: submissions,
            marks: marks, decisions: decisions, plugins: plugins, framework: framework)
    }

    /// A call-off's methodology (read from `path`) with the members of its framework or dynamic market, from the
    /// records among `frameworks`; any other methodology as it is.
    static func resolveCallOff(_ methodology: Methodology, frameworks: [DocumentFile], path: String)
        throws(DocumentError) -> Methodology
    {
        guard methodology.callOff != nil else { return methodology }
        let records = frameworks.compactMap { file -> Framework? in
            if case .framework(let record) = file.parsed { record } else { nil }
        }
        switch CallOffResolver.resolve(methodology, frameworks: records) {
        case .success(let resolved): return resolved
        case .failure(let failure):
            throw DocumentError(diagnostics: failure.messages.map { at(path, $0 + " (give its record with --rules)") })
        }
    }

    /// The documents at `paths` (a folder standing for the documents inside it), read and parsed on every core, in
    /// order: every problem (a file that does not parse, a duplicate, a document `matcher` refuses, a close request)
    /// added to `problems`, and each file that parsed and is not a duplicate returned with its path, a submission's
    /// tree cut down to what `reads` keeps.
    static func documents(
        _ paths: [String], problems: inout [Diagnostic], reads: SubmissionReads = .everything,
        matcher: (ParsedDocument) -> ProcurementMatcher
    ) -> [(path: String, file: DocumentFile)] {
        var seen: [String: String] = [:]
        var files: [(path: String, file: DocumentFile)] = []
        let paths = expand(paths, problems: &problems)
        files.reserveCapacity(paths.count)
        for (path, loaded) in zip(paths, readAndParse(paths, reads: reads)) {
            let file: DocumentFile
            switch loaded {
            case .success(let parsed): file = parsed
            case .failure(let error):
                problems += error.diagnostics
                continue
            }
            if let first = seen[file.sha256] {
                problems.append(
                    at(path, "has the same bytes as \(first): a duplicate is recorded once, not scored twice"))
                continue
            }
            seen[file.sha256] = path
            for problem in matcher(file.parsed).problems(file.parsed) { problems.append(at(path, problem)) }
            if case .close = file.parsed {
                problems.append(
                    at(path, "close requests go to the daemon's inbox; tender score always evaluates everything given"))
            }
            files.append((path, file))
        }
        return files
    }

    /// The document paths given, with each folder standing for the documents directly inside it, in name order.
    static func expand(_ paths: [String], problems: inout [Diagnostic]) -> [String] {
        var expanded: [String] = []
        for path in paths {
            guard DocumentFile.isDirectory(path) else {
                expanded.append(path)
                continue
            }
            let inside = DocumentFile.documents(in: path)
            if inside.isEmpty {
                problems.append(
                    at(
                        path,
                        "is a folder with no .yaml, .yml or .json document directly inside it, or one that cannot be "
                            + "read; give document files or a folder of them"))
            }
            expanded += inside
        }
        return expanded
    }

    /// Every file read and parsed, on every core (parsing is most of a large procurement's time), in the given order;
    /// each submission's tree cut down as it is read, and its bytes let go (a ledger record reads them again), so a
    /// large procurement never holds the members no rule reads, nor every file's bytes.
    static func readAndParse(_ paths: [String], reads: SubmissionReads = .everything)
        -> [Result<DocumentFile, DocumentError>]
    {
        ConcurrentMap.map(paths.count) { index in
            Result { () throws(DocumentError) -> DocumentFile in
                try DocumentFile.load(paths[index]).trimmed(reads).releasingBytes()
            }
        }
    }

    static func at(_ path: String, _ message: String) -> Diagnostic {
        Diagnostic(location: SourceLocation(file: path, line: 1, column: 1), severity: .error, message: message)
    }

    static func at(_ location: SourceLocation?, _ path: String, _ message: String) -> Diagnostic {
        Diagnostic(
            location: location ?? SourceLocation(file: path, line: 1, column: 1), severity: .error, message: message)
    }

    /// Every lot of a lotted procurement and the award across them.
    func evaluateLots() -> LotsEngine.Outcome {
        LotsEngine(methodology: methodology, plugins: plugins.host).evaluate(
            submissions: submissions, marks: marks, decisions: decisions)
    }

    func evaluate() -> EvaluationResult {
        ScoringEngine(methodology: methodology, plugins: plugins.host).evaluate(
            submissions: submissions, marks: marks, decisions: decisions)
    }
}
