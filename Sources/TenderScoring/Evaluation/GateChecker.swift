import Foundation

/// Applies the methodology's pass/fail gates to one tender.
struct GateChecker {
    let plugins: (any PluginEvaluator)?

    func check(_ gate: Gate, tender: Submission) -> GateResult {
        let field = gate.kind.field
        let observed = field.flatMap { tender.content.value(at: $0) }
        let passed: Bool
        let reason: String
        switch gate.kind {
        case .declaration(let path, let expected):
            passed = observed == expected
            if let observed {
                reason =
                    passed
                    ? "\(path) is \(expected.displayText) as required"
                    : "\(path) is \(observed.displayText); the methodology requires \(expected.displayText)"
            } else {
                reason = "\(path) is missing; the methodology requires \(expected.displayText)"
            }
        case .minimum(let path, let minimum):
            (passed, reason) = Self.compare(path, observed, bound: minimum, word: "at least") { $0 >= minimum }
        case .maximum(let path, let maximum):
            (passed, reason) = Self.compare(path, observed, bound: maximum, word: "at most") { $0 <= maximum }
        case .required(let path):
            passed = observed?.isPresent ?? false
            reason = passed ? "\(path) is present" : "\(path) is missing or empty and is required"
        case .plugin(let reference):
            guard let plugins else {
                return GateResult(
                    id: gate.id, kind: gate.kind.name, field: nil, observed: nil, passed: false, onFail: gate.onFail,
                    reason: "plugin '\(reference.name)' cannot run: no plugin host is configured")
            }
            switch plugins.gate(plugin: reference, submission: tender.content.json) {
            case .gate(let pass, let pluginReason, _):
                passed = pass
                reason = pluginReason
            case .scored:
                passed = false
                reason = "plugin '\(reference.name)' answered with a score where a pass/fail was expected"
            case .failed(let failure, _):
                passed = false
                reason = "plugin '\(reference.name)' failed: \(failure)"
            }
        }
        // A reason made here is kept compacted; a plugin's is kept as the plugin host holds it.
        let kept: String = if case .plugin = gate.kind { reason } else { reason.compacted }
        return GateResult(
            id: gate.id, kind: gate.kind.name, field: field, observed: observed?.displayText, passed: passed,
            onFail: gate.onFail, reason: kept)
    }

    private static func compare(
        _ path: String, _ observed: DocumentValue?, bound: Decimal, word: String, test: (Decimal) -> Bool
    ) -> (Bool, String) {
        guard let observed else { return (false, "\(path) is missing; it must be a number \(word) \(bound)") }
        guard case .number(let number) = observed else {
            return (false, "\(path) is \(observed.displayText), not a number; it must be \(word) \(bound)")
        }
        let passed = test(number)
        let verdict = passed ? "meets" : "fails"
        return (
            passed,
            "\(path) is \(Money.grouped(number)), which \(verdict) the requirement of \(word) \(Money.grouped(bound))"
        )
    }
}
