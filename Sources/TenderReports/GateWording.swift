import Foundation
import TenderScoring

/// A gate's verdict in plain words, derived from the gate's kind, field and declared consequence: a short line for
/// the buyer's gate table ("declared no mandatory exclusion grounds: passed") and a sentence for the letter to the
/// supplier ("You declared that mandatory exclusion grounds apply …, so your tender was disregarded").
///
/// Well-known fields (the exclusion declarations, the price, turnover) have their own wording; any other field is
/// named in words from its path (`answers.safeguarding_policy` → "safeguarding policy").
struct GateWording {
    /// The methodology's gate, with the values it requires; `nil` when the methodology no longer names it.
    let gate: Gate?
    let verdict: GateResult
    /// The procurement's currency, for money fields.
    let currency: String

    init(_ verdict: GateResult, methodology: Methodology) {
        self.gate = methodology.gates.first { $0.id == verdict.id }
        self.verdict = verdict
        self.currency = methodology.procurement.currency
    }

    /// A declaration with its own wording: what is declared and where the law defines it.
    struct KnownDeclaration {
        /// Plural noun phrase that "apply": `mandatory exclusion grounds`.
        var grounds: String
        /// Where the law defines them.
        var law: String
    }

    static let knownDeclarations: [String: KnownDeclaration] = [
        "declarations.mandatory_exclusion_grounds": KnownDeclaration(
            grounds: "mandatory exclusion grounds", law: "Procurement Act 2023, s.57 and Schedule 6"),
        "declarations.discretionary_exclusion_grounds": KnownDeclaration(
            grounds: "discretionary exclusion grounds", law: "Procurement Act 2023, s.57 and Schedule 7"),
    ]

    /// Numeric fields with their own name; `money` ones are written as amounts in the procurement's currency.
    static let knownNumbers: [String: (name: String, money: Bool)] = [
        "price.total": ("price", true), "supplier.turnover": ("annual turnover", true),
    ]

    /// The condition's name as the tender documents give it.
    var condition: String { gate?.title ?? verdict.id }

    // MARK: For the buyer

    /// `passed` or `failed`.
    var verdictWord: String { verdict.passed ? "passed" : "failed" }

    /// What was checked, without the verdict: `price £1,180,000 within the maximum of £1,500,000`.
    var buyerCheck: String {
        switch gate?.kind {
        case .declaration(let field, let expected)?:
            let observed = Self.value(verdict.observed)
            if let known = Self.knownDeclarations[field] {
                switch observed {
                case .bool(true)?: return "declared \(known.grounds) apply"
                case .bool(false)?: return "declared no \(known.grounds)"
                case nil: return "no declaration on \(known.grounds)"
                default: break
                }
            }
            let name = Self.name(field)
            guard let observed else { return "\(name) not declared (required: \(Self.words(expected)))" }
            if case .bool(let wanted) = expected, case .string(let text) = observed {
                return "declared \(name): the text “\(text)”, not true or false (required: \(wanted))"
            }
            return verdict.passed
                ? "declared \(name): \(Self.words(observed))"
                : "declared \(name): \(Self.words(observed)) (required: \(Self.words(expected)))"
        case .minimum(let field, let bound)?:
            return numberCheck(
                field, bound: bound, within: "meets the minimum of", outside: "below the minimum of",
                requirement: "at least")
        case .maximum(let field, let bound)?:
            return numberCheck(
                field, bound: bound, within: "within the maximum of", outside: "above the maximum of",
                requirement: "at most")
        case .required(let field)?:
            return verdict.passed ? "\(Self.name(field)) given" : "\(Self.name(field)) missing or empty"
        case .plugin(let reference)?:
            return "rule \(reference.name): \(verdict.reason)"
        case nil:
            return verdict.reason
        }
    }

    private func numberCheck(_ field: String, bound: Decimal, within: String, outside: String, requirement: String)
        -> String
    {
        let name = Self.knownNumbers[field]?.name ?? Self.name(field)
        let limit = amount(bound, field: field)
        switch Self.value(verdict.observed) {
        case .number(let number)?:
            return "\(name) \(amount(number, field: field)) \(verdict.passed ? within : outside) \(limit)"
        case let other?:
            return "\(name) \(Self.words(other)) is not a number (required: \(requirement) \(limit))"
        case nil:
            return "\(name) not given (required: \(requirement) \(limit))"
        }
    }

    // MARK: For the supplier

    /// The failure told to the supplier, with its consequence: one or two sentences, ending with a full stop.
    var supplierSentence: String {
        let what = supplierFinding
        switch verdict.onFail {
        case .disregard:
            return "\(what), so your tender was disregarded under condition “\(condition)” of the tender documents."
        case .flag:
            return "\(what). Under condition “\(condition)” of the tender documents this does not by itself disregard "
                + "a tender: the authority decides and records why."
        }
    }

    /// What the tender said against what was required, addressed to the supplier.
    var supplierFinding: String {
        switch gate?.kind {
        case .declaration(let field, let expected)?:
            let observed = Self.value(verdict.observed)
            if let known = Self.knownDeclarations[field] {
                switch observed {
                case .bool(true)?: return "You declared that \(known.grounds) apply (\(known.law))"
                case .bool(false)?: return "You declared that no \(known.grounds) apply (\(known.law))"
                case nil: return "Your tender did not declare whether \(known.grounds) apply (\(known.law))"
                default: break
                }
            }
            let name = Self.name(field)
            guard let observed else {
                return "Your tender did not answer “\(name)”, where the tender documents require "
                    + "“\(Self.words(expected))”"
            }
            if case .bool(let wanted) = expected, case .string(let text) = observed {
                return "Your tender answered “\(name)” with the text “\(text)” rather than true or false; the tender "
                    + "documents require \(wanted ? "true (yes)" : "false (no)")"
            }
            return "You answered “\(Self.words(observed))” to “\(name)”, where the tender documents require "
                + "“\(Self.words(expected))”"
        case .minimum(let field, let bound)?:
            return numberFinding(field, bound: bound, comparison: "below the minimum of", requirement: "at least")
        case .maximum(let field, let bound)?:
            return numberFinding(field, bound: bound, comparison: "above the maximum of", requirement: "at most")
        case .required(let field)?:
            return "Your tender did not include “\(Self.name(field))”, which the tender documents require"
        case .plugin(let reference)?:
            return "Your tender did not meet the condition checked by the published rule “\(reference.name)”: "
                + verdict.reason
        case nil:
            return "Your tender did not meet the condition “\(condition)”: \(verdict.reason)"
        }
    }

    private func numberFinding(_ field: String, bound: Decimal, comparison: String, requirement: String) -> String {
        let limit = amount(bound, field: field)
        let known = Self.knownNumbers[field]
        let name = known?.name ?? Self.name(field)
        switch Self.value(verdict.observed) {
        case nil:
            return "Your tender did not give \(known == nil ? "“\(name)”" : "its \(name)"), which the tender "
                + "documents require to be \(requirement) \(limit)"
        case .number(let number)?:
            let given = amount(number, field: field)
            if known != nil { return "Your \(name) of \(given) is \(comparison) \(limit) in the tender documents" }
            return "Your tender gave \(given) for “\(name)”, \(comparison) \(limit) in the tender documents"
        case let other?:
            return "Your tender gave “\(Self.words(other))” for “\(name)”, which is not a number; the tender "
                + "documents require \(requirement) \(limit)"
        }
    }

    // MARK: Values

    /// A number as money when the field is a known amount, else exactly.
    private func amount(_ value: Decimal, field: String) -> String {
        Self.knownNumbers[field]?.money == true ? Figures.money(value, currency: currency) : DecimalText.exact(value)
    }

    /// The observed value back from the result's display text (`true`, `1180000`, `"text"`); `nil` when absent.
    static func value(_ observed: String?) -> DocumentValue? {
        guard let observed else { return nil }
        switch observed {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            if let number = DecimalText.parse(observed) { return .number(number) }
            if observed.count >= 2, observed.hasPrefix("\""), observed.hasSuffix("\"") {
                return .string(String(observed.dropFirst().dropLast()))
            }
            return .string(observed)
        }
    }

    /// A value in words: yes, no, the number or the text.
    static func words(_ value: DocumentValue) -> String {
        switch value {
        case .bool(let flag): return flag ? "yes" : "no"
        case .null: return "nothing"
        case .number(let number): return DecimalText.exact(number)
        case .string(let text): return text
        case .list, .map: return value.displayText
        }
    }

    /// A field path in words: the document section it sits in is dropped, underscores and dashes become spaces
    /// (`declarations.modern_slavery_breach` → `modern slavery breach`).
    static func name(_ field: String) -> String {
        var parts = field.split(separator: ".").map(String.init)
        if parts.count > 1, ["declarations", "answers", "supplier"].contains(parts[0]) { parts.removeFirst() }
        return parts.joined(separator: " ").replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "-", with: " ")
    }
}
