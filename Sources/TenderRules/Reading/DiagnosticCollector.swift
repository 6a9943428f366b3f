import TenderScoring

/// Collects diagnostics for one file while a document is decoded. Used by one decoding pass at a time.
final class DiagnosticCollector {
    let file: String
    /// Plugin names that exist, when known; references to others are errors.
    let availablePlugins: Set<String>?
    private(set) var diagnostics: [Diagnostic] = []
    /// Question ids seen so far in this document, with where each was first defined.
    var questionIDs: [String: YAMLNode] = [:]

    /// Checks plugin configurations, when the plugins are known.
    let pluginConfigValidator: (@Sendable (String, DocumentValue) -> [String])?

    init(
        file: String, availablePlugins: Set<String>? = nil,
        pluginConfigValidator: (@Sendable (String, DocumentValue) -> [String])? = nil
    ) {
        self.file = file
        self.availablePlugins = availablePlugins
        self.pluginConfigValidator = pluginConfigValidator
    }

    func location(_ node: YAMLNode?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ node: YAMLNode?, _ message: String) {
        diagnostics.append(Diagnostic(location: location(node), severity: .error, message: message))
    }

    func warning(_ node: YAMLNode?, _ message: String) {
        diagnostics.append(Diagnostic(location: location(node), severity: .warning, message: message))
    }

    func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
