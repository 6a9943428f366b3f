import Foundation
import TenderScoring
import TenderTestSupport
import Testing

@testable import TenderLedger

/// The verifier's one-pass body check must never vouch for a body that parse + re-serialise would reject,
/// must agree with it on `seq`, `type` and blob references, and must vouch for the bodies the ledger writes.
struct CanonicalBodyScannerTests {
    static let hash = String(repeating: "ab", count: 32)

    /// Canonical bodies the scanner must accept (and agree on).
    static let canonical: [String] = [
        #"{"seq":0,"type":"t"}"#,
        #"{}"#,
        #"{"a":[],"b":{},"c":null,"d":true,"e":false,"seq":-9223372036854775808,"type":""}"#,
        #"{"n":9223372036854775807,"seq":7,"type":"x"}"#,
        #"{"s":"quote \" backslash \\ nl \n cr \r tab \t bs \b ff \f nul \u0000 us \u001f","seq":1}"#,
        "{\"s\":\"del \u{7F}\",\"seq\":1}",
        #"{"s":"£ € 𝄞 é – slash /","seq":2,"type":"entrée"}"#,
        #"{"document_sha256":"\#(hash)","list_sha256":["\#(hash)","\#(hash)"],"none_sha256":null,"seq":3,"type":"t"}"#,
        #"{"a":[{"b_sha256":"\#(hash)"},[{"c_sha256":[]}]],"seq":4,"type":"t"}"#,
        #"{"A":1,"Z":2,"_":3,"a":4,"a b":5,"ab":6,"seq":5,"type":"t","~":7}"#,
        #"{"seq":6,"type":"t","x":[0,-1,10,[[[]]]]}"#,
    ]

    /// Bodies the scanner must leave to the reference path: non-canonical, not JSON, or unusual.
    static let leftToReference: [String] = [
        #" {"seq":0}"#, #"{"seq":0} "#, #"{"seq": 0}"#, #"{ "seq":0}"#, #"{"a":1 ,"seq":0}"#,
        #"{"seq":0,"a":1}"#, #"{"a":1,"a":1}"#, #"{"a":1,"a":2,"seq":0}"#,
        #"{"n":-0}"#, #"{"n":01}"#, #"{"n":-01}"#, #"{"n":1.0}"#, #"{"n":1e3}"#, #"{"n":1E3}"#, #"{"n":+1}"#,
        #"{"n":9223372036854775808}"#, #"{"n":-9223372036854775809}"#, #"{"n":-}"#,
        #"{"s":"\u0041"}"#, #"{"s":"\/"}"#, #"{"s":"\u000a"}"#, #"{"s":"\u001F"}"#, #"{"s":"\u0008"}"#,
        #"{"s":"\u00e9"}"#, #"{"s":"\ud834\udd1e"}"#, #"{"s":"\x"}"#, #"{"s":"\u00"}"#,
        "{\"s\":\"tab\there\"}", "{\"s\":\"nl\nhere\"}",
        #"{"k\"":1}"#, #"{"é":1}"#, #"{"s":"unterminated}"#, #"{"s":1"#, #"{"s":1,}"#, #"{"s":[1,]}"#,
        #"["seq",0]"#, #""text""#, "0", "null", "", "{", "}", #"{"a":nul}"#, #"{"a":True}"#,
        #"{"x_sha256":"ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB"}"#,
        #"{"x_sha256":"abc"}"#, #"{"x_sha256":1}"#, #"{"x_sha256":{}}"#, #"{"x_sha256":[null]}"#,
        #"{"x_sha256":["\#(hash)",1]}"#,
        String(repeating: "[", count: 200).replacingOccurrences(
            of: "^\\[", with: "{\"a\":[", options: .regularExpression)
            + String(repeating: "]", count: 200) + "}",
    ]

    @Test(arguments: canonical)
    func acceptsCanonicalBodies(body: String) throws {
        let bytes = Array(body.utf8)
        let summary = try #require(CanonicalBodyScanner.scan(bytes), "scanner refused \(body)")
        try expectAgreement(bytes, summary)
    }

    @Test(arguments: leftToReference)
    func leavesOtherBodiesToTheReferencePath(body: String) {
        #expect(CanonicalBodyScanner.scan(Array(body.utf8)) == nil, "scanner vouched for \(body)")
    }

    @Test func refusesMalformedUTF8() {
        let prefix = Array(#"{"s":""#.utf8)
        let suffix = Array(#""}"#.utf8)
        let bad: [[UInt8]] = [
            [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x82], [0xF0, 0x9D, 0x84], [0xC3, 0x22],
        ]
        for sequence in bad {
            let body = prefix + sequence + suffix
            #expect(CanonicalBodyScanner.scan(body) == nil, "scanner vouched for \(sequence)")
            #expect((try? JSONParser(maximumDepth: 256).parse(body)) == nil)
        }
    }

    @Test func findsASpecialByteAtEveryPlaceInAWordOfAStringOrKey() throws {
        // Given one byte that is not plain text (or is plain but next to the limits of the word-at-a-time check)
        // at every position of strings and keys of 1 to 24 bytes that start at every alignment, among neighbours
        // that the check could confuse with it
        let specials: [[UInt8]] = [[0x00], [0x1F], [0x22], [0x5C], [0x7F], [0x20], [0x80], [0xC3, 0xA9], [0xFF]]
        let neighbours: [UInt8] = [0x61, 0x21, 0x23, 0x5B, 0x5D, 0x20, 0x7E]
        var vouched = 0
        for padding in 0..<8 {
            for length in 1...24 {
                for position in 0..<length {
                    for special in specials {
                        let neighbour = neighbours[(padding + length + position) % neighbours.count]
                        var text = [UInt8](repeating: neighbour, count: length)
                        text.replaceSubrange(position...position, with: special)
                        let key = Array(String(repeating: "k", count: padding + 1).utf8)
                        // When the scanner reads it as a string value, and as a key
                        for body in [
                            [0x7B, 0x22] + key + [0x22, 0x3A, 0x22] + text + [0x22, 0x7D],
                            [0x7B, 0x22] + text + [0x22, 0x3A, 0x30, 0x7D],
                        ] {
                            // Then it vouches for the body exactly when the reference path finds it canonical
                            let canonical = (try? JSONParser(maximumDepth: 8).parse(body))?.canonicalBytes == body
                            let summary = CanonicalBodyScanner.scan(body)
                            if summary != nil { vouched += 1 }
                            #expect(
                                summary == nil || canonical,
                                "scanner vouched for \(body) (special \(special) at \(position) of \(length))")
                        }
                    }
                }
            }
        }
        #expect(vouched > 0)
    }

    @Test func agreesWithTheReferenceOnRandomTreesAndTheirMutations() throws {
        // Given random values serialised canonically, and random one-byte edits of them
        var random = SplitMix64(seed: 0x7E4D_E7)
        var vouched = 0
        for round in 0..<3000 {
            var members: [String: JSONValue] = ["seq": .integer(Int64(round)), "type": "t"]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                members[Self.randomKey(using: &random)] = Self.randomValue(depth: 0, using: &random)
            }
            let value = JSONValue.object(members)
            let bytes = value.canonicalBytes
            // Then every canonical body with plain keys and well-formed references is accepted and agrees
            let plain = Self.hasPlainKeys(value) && BlobReferences.collect(in: value).malformed.isEmpty
            let summary = CanonicalBodyScanner.scan(bytes)
            #expect((summary != nil) == plain, "\(String(decoding: bytes, as: UTF8.self))")
            if let summary { try expectAgreement(bytes, summary) }
            // And an edited body is either refused or agrees with the reference path
            for _ in 0..<4 {
                var edited = bytes
                let position = Int.random(in: 0..<edited.count, using: &random)
                let byte = Self.editBytes.randomElement(using: &random)!
                switch Int.random(in: 0..<3, using: &random) {
                case 0: edited[position] = byte
                case 1: edited.insert(byte, at: position)
                default: edited.remove(at: position)
                }
                if let summary = CanonicalBodyScanner.scan(edited) {
                    vouched += 1
                    try expectAgreement(edited, summary)
                }
            }
        }
        #expect(vouched > 0)
    }

    @Test func vouchesForEveryEntryOfAGeneratedLedger() throws {
        // Given a ledger written by the store (documents, decimals, non-ASCII notes, checkpoints)
        let folder = try TemporaryFolder()
        let fixture = try LedgerFixture(in: folder, count: 120)
        let entries = try LedgerStore(readOnlyAt: fixture.ledgerPath).entries()
        #expect(entries.count == 120)
        // Then the scanner accepts every body and agrees with parse + canonicalBytes on each
        for entry in entries {
            let summary = try #require(CanonicalBodyScanner.scan(entry.body), "\(entry.bodyText)")
            try expectAgreement(entry.body, summary)
            #expect(summary.seq == Int64(entry.seq))
        }
    }

    /// The scanner vouched for `bytes`: the reference path must find it canonical with the same summary.
    func expectAgreement(_ bytes: [UInt8], _ summary: CanonicalBodyScanner.Summary) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let value = try JSONParser(maximumDepth: 256).parse(bytes)
        #expect(value.canonicalBytes == bytes, "not canonical: \(text)")
        if case .integer(let seq) = value["seq"] {
            #expect(summary.seq == seq, "\(text)")
        } else {
            #expect(summary.seq == nil, "\(text)")
        }
        let type = summary.type.map { String(decoding: bytes[$0], as: UTF8.self) }
        if let type {
            #expect(value["type"] == .string(type), "\(text)")
        } else if case .string(let expected) = value["type"] {
            // Only a type string with escapes is left to the reference path.
            #expect(JSONValue.string(expected).canonicalString.contains("\\"), "\(text)")
        }
        let found = BlobReferences.collect(in: value)
        #expect(found.malformed.isEmpty, "\(text)")
        let references = summary.references.map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(references.sorted() == found.references.sorted(), "\(text)")
    }

    /// Every key is printable ASCII needing no escape.
    static func hasPlainKeys(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members):
            members.allSatisfy { key, member in
                key.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C } && hasPlainKeys(member)
            }
        case .array(let items): items.allSatisfy(hasPlainKeys)
        default: true
        }
    }

    static let editBytes: [UInt8] = Array(#" "\{}[],:-01.eE9au_"#.utf8) + [0x00, 0x0A, 0x7F, 0x80, 0xC3, 0xE2, 0xFF]

    static func randomKey(using random: inout SplitMix64) -> String {
        let keys = ["a", "b", "ab", "x_sha256", "list_sha256", "Z", "_", "seq2", "type_", "k y", "€", "e\u{301}"]
        return keys.randomElement(using: &random)!
    }

    static func randomValue(depth: Int, using random: inout SplitMix64) -> JSONValue {
        let choice = Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &random)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let numbers: [Int64] = [0, 1, -1, 42, Int64.max, Int64.min, 1_000_000]
            return .integer(numbers.randomElement(using: &random)!)
        case 3:
            let strings = [
                "", "plain", "£1,000.50", "tab\there", "quote\"", "back\\slash", "\u{0}\u{1F}\u{7F}", "𝄞", hash,
            ]
            return .string(strings.randomElement(using: &random)!)
        case 4: return .string(hash)
        case 5:
            return .array(
                (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    randomValue(depth: depth + 1, using: &random)
                })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                members[randomKey(using: &random)] = randomValue(depth: depth + 1, using: &random)
            }
            return .object(members)
        }
    }
}
