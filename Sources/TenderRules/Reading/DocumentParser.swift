import Foundation
public import TenderScoring

/// Turns the bytes of a YAML or JSON file into a validated document, or every problem found in it.
///
/// ```swift
/// let parser = DocumentParser()
/// switch try parser.parse(bytes, file: "Rules/retrofit.yaml", documentID: digest) {
/// case .methodology(let methodology, let warnings): …
/// default: …
/// }
/// ```
public struct DocumentParser: Sendable {
    /// The largest document accepted, in bytes.
    public var maximumBytes: Int
    /// The deepest nesting accepted (lists and mappings).
    public var maximumDepth: Int
    /// Plugin names that exist (folders under `Plugins/`), when known; references to others are errors.
    public var availablePlugins: Set<String>?
    /// Checks a plugin reference's `config` against what the plugin declares; each message is an error at the
    /// `config` key.
    public var pluginConfigValidator: (@Sendable (_ plugin: String, _ config: DocumentValue) -> [String])?

    public init(
        maximumBytes: Int = 4 << 20, maximumDepth: Int = 64, availablePlugins: Set<String>? = nil,
        pluginConfigValidator: (@Sendable (String, DocumentValue) -> [String])? = nil
    ) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.availablePlugins = availablePlugins
        self.pluginConfigValidator = pluginConfigValidator
    }

    /// Parses one document of any kind.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - file: the name used in messages.
    ///   - documentID: the document's identity (normally the SHA-256 of `bytes`).
    /// - Throws: ``DocumentError`` with every problem found, each with line and column.
    public func parse(_ bytes: [UInt8], file: String, documentID: String) throws(DocumentError) -> ParsedDocument {
        let diagnostics = DiagnosticCollector(
            file: file, availablePlugins: availablePlugins, pluginConfigValidator: pluginConfigValidator)
        let root = try compose(bytes, diagnostics: diagnostics)
        return try decode(root, diagnostics: diagnostics, documentID: documentID)
    }

    /// Decodes an already composed node (used for documents written inline in rule tests).
    func decode(_ root: YAMLNode, diagnostics: DiagnosticCollector, documentID: String) throws(DocumentError)
        -> ParsedDocument
    {
        guard var fields = Fields(root, context: "the document", diagnostics: diagnostics) else {
            throw DocumentError(diagnostics: diagnostics.diagnostics)
        }
        let kinds = [
            "methodology", "submission", "marks", "decision", "close", "rule-tests", "framework", "dynamic-market",
        ]
        guard let kindNode = fields.require("kind", "add 'kind: " + kinds.joined(separator: "|") + "'"),
            let kind = ValueReader(diagnostics: diagnostics).text(kindNode, "kind")
        else { throw DocumentError(diagnostics: diagnostics.diagnostics) }
        let result: ParsedDocument?
        switch kind {
        case "methodology":
            result = MethodologyDecoder(diagnostics: diagnostics).decode(&fields).map {
                .methodology($0, warnings: MethodologyLinter(diagnostics: diagnostics).lint($0, root: root))
            }
        case "submission":
            result = SubmissionDecoder(diagnostics: diagnostics).decode(&fields, documentID: documentID).map {
                .submission($0)
            }
        case "marks":
            result = MarksDecoder(diagnostics: diagnostics).decode(&fields, documentID: documentID).map { .marks($0) }
        case "decision":
            result = DecisionDecoder(diagnostics: diagnostics).decode(&fields, documentID: documentID).map {
                .decision($0)
            }
        case "close":
            result = MarksDecoder(diagnostics: diagnostics).decodeClose(&fields).map { .close($0) }
        case "rule-tests":
            result = RuleTestDecoder(diagnostics: diagnostics).decode(&fields).map { .ruleTests($0) }
        case "framework", "dynamic-market":
            let frameworkKind: Framework.Kind = kind == "framework" ? .framework : .dynamicMarket
            result = FrameworkDecoder(diagnostics: diagnostics).decode(&fields, kind: frameworkKind).map {
                .framework($0)
            }
        default:
            let hint = Fields.closest(kind, in: kinds).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error(
                kindNode, "unknown kind '\(kind)'; expected one of: \(kinds.joined(separator: ", "))\(hint)")
            result = nil
        }
        guard let result, !diagnostics.hasErrors else { throw DocumentError(diagnostics: diagnostics.diagnostics) }
        return result
    }

    func compose(_ bytes: [UInt8], diagnostics: DiagnosticCollector) throws(DocumentError) -> YAMLNode {
        func fail(_ message: String, line: Int = 1, column: Int = 1) -> DocumentError {
            DocumentError(diagnostics: [
                Diagnostic(
                    location: SourceLocation(file: diagnostics.file, line: line, column: column), severity: .error,
                    message: message)
            ])
        }
        guard bytes.count <= maximumBytes else {
            throw fail(
                "the file is \(bytes.count) bytes, more than the limit of \(maximumBytes); split it or raise the limit")
        }
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(bytes, maximumDepth: maximumDepth)
        } catch {
            // libyaml reads the whole file and refuses bytes that are not UTF-8 and control characters (a NUL
            // among them), so a file it composes has neither; for one it refuses, either is named first, in the
            // file's own terms, wherever libyaml stopped.
            guard String(validating: bytes, as: UTF8.self) != nil else {
                let offset = Self.firstInvalidUTF8(bytes)
                let (line, column) = Self.position(of: offset, in: bytes)
                throw fail(
                    "the file is not UTF-8 text (invalid byte at offset \(offset)); save it as UTF-8 YAML or JSON",
                    line: line, column: column)
            }
            if let nul = bytes.firstIndex(of: 0) {
                let (line, column) = Self.position(of: nul, in: bytes)
                throw fail(
                    "the file contains a NUL byte: it looks like binary data, not YAML or JSON", line: line,
                    column: column)
            }
            throw fail(error.message, line: error.mark.line, column: error.mark.column)
        }
        guard let root else {
            throw fail("the file is empty; expected a YAML or JSON document with a top-level 'kind'")
        }
        return root
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0..<0x80: length = 1
            case 0xC0..<0xE0: length = 2
            case 0xE0..<0xF0: length = 3
            case 0xF0..<0xF8: length = 4
            default: return index
            }
            guard index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return index }
            index += length
        }
        return index
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

/// A decoded document.
///
/// `indirect`: its cases hold values of a few hundred bytes (a methodology, a submission), and a large procurement
/// keeps a parsed document for each of thousands of files, so each is held in one allocation of its own size rather
/// than all at the size of the largest case.
public indirect enum ParsedDocument: Sendable {
    case methodology(Methodology, warnings: [Diagnostic])
    case submission(Submission)
    case marks(MarksDocument)
    case decision(Decision)
    case close(CloseRequest)
    case ruleTests(RuleTestFile)
    /// A framework or dynamic market record (`kind: framework`, `kind: dynamic-market`).
    case framework(Framework)

    /// The document's kind as written in files.
    public var kind: String {
        switch self {
        case .methodology: return "methodology"
        case .submission: return "submission"
        case .marks: return "marks"
        case .decision: return "decision"
        case .close: return "close"
        case .ruleTests: return "rule-tests"
        case .framework(let framework): return framework.kind.rawValue
        }
    }

    /// The stage of a procedure with stages the document names (`stage:`), if any.
    public var stage: String? {
        switch self {
        case .submission(let submission): return submission.stage
        case .marks(let marks): return marks.stage
        case .decision(let decision): return decision.stage
        case .close(let close): return close.stage
        case .methodology, .ruleTests, .framework: return nil
        }
    }
}
