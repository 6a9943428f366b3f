import Foundation
import TenderScoring

/// Checks a plugin's output bytes and turns them into the scoring core's terms.
///
/// Score plugins return `{"fraction": "<decimal in [0, 1]>", "explanation": "<text>", "flags": ["…"]}` (flags
/// optional); gate plugins return `{"pass": true|false, "reason": "<text>"}`. Any other key, type or value is an
/// error that quotes what came back.
struct PluginOutputDecoder {
    /// How much of a bad output a failure message quotes.
    static let quoteLimit = 200

    let plugin: String

    enum Decoded: Equatable {
        case score(fraction: Decimal, explanation: String, flags: [String])
        case gate(pass: Bool, reason: String)
    }

    func decode(_ bytes: [UInt8], kind: PluginKind) -> Result<Decoded, PluginError> {
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            return .failure(.invalidJSON(plugin: plugin, problem: error.description, quoted: Self.quote(bytes)))
        }
        guard let members = value.objectValue else {
            return fail("a JSON value that is not an object", bytes)
        }
        switch kind {
        case .score: return decodeScore(members, bytes)
        case .gate: return decodeGate(members, bytes)
        }
    }

    private func decodeScore(_ members: [String: JSONValue], _ bytes: [UInt8]) -> Result<Decoded, PluginError> {
        if let extra = Self.firstUnexpected(members, allowed: ["fraction", "explanation", "flags"]) {
            return fail("an unexpected key '\(extra)' (a score plugin returns fraction, explanation, flags)", bytes)
        }
        guard let text = members["fraction"]?.stringValue else {
            return fail("no 'fraction' decimal string such as \"0.75\"", bytes)
        }
        guard let fraction = DecimalText.parse(text), fraction >= 0, fraction <= 1 else {
            return fail("fraction \"\(text)\", which is not a decimal from 0 to 1", bytes)
        }
        guard let explanation = members["explanation"]?.stringValue,
            !explanation.allSatisfy(\.isWhitespace)
        else {
            return fail("no non-empty 'explanation' string", bytes)
        }
        var flags: [String] = []
        if let raw = members["flags"] {
            guard let items = raw.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                return fail("'flags' that is not a list of strings", bytes)
            }
            flags = items.compactMap(\.stringValue)
        }
        return .success(.score(fraction: fraction, explanation: explanation, flags: flags))
    }

    private func decodeGate(_ members: [String: JSONValue], _ bytes: [UInt8]) -> Result<Decoded, PluginError> {
        if let extra = Self.firstUnexpected(members, allowed: ["pass", "reason"]) {
            return fail("an unexpected key '\(extra)' (a gate plugin returns pass, reason)", bytes)
        }
        guard case .bool(let pass) = members["pass"] else {
            return fail("no 'pass' true or false", bytes)
        }
        guard let reason = members["reason"]?.stringValue, !reason.allSatisfy(\.isWhitespace) else {
            return fail("no non-empty 'reason' string", bytes)
        }
        return .success(.gate(pass: pass, reason: reason))
    }

    /// The first key in sorted order that is not `allowed` (found without sorting every key of every output).
    private static func firstUnexpected(_ members: [String: JSONValue], allowed: Set<String>) -> String? {
        members.keys.filter { !allowed.contains($0) }.min()
    }

    private func fail(_ problem: String, _ bytes: [UInt8]) -> Result<Decoded, PluginError> {
        .failure(.invalidOutput(plugin: plugin, problem: problem, quoted: Self.quote(bytes)))
    }

    /// The first bytes of `bytes` as a JSON string literal, with an ellipsis when cut.
    static func quote(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes.prefix(quoteLimit), as: UTF8.self)
        if bytes.count > quoteLimit { text += "…" }
        return JSONValue.string(text).canonicalString
    }
}
