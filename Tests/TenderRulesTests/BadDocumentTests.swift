import Foundation
import TenderRules
import TenderScoring
import Testing

/// Every bad file gets exactly these messages (`line:col: severity: message`), all of them at once.
struct BadDocumentTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let expectations: [(String, [String])] = [
        (
            "bad/alias-bomb",
            [
                "6:10: error: the document expands to more than 200000 values through aliases (a YAML alias bomb?) or nests too deeply; documents must be plain data"
            ]
        ),
        (
            "bad/bad-deadline",
            [
                "8:20: error: procurement.tender_deadline must be an RFC 3339 date and time with a zone, such as 2026-12-01T12:00:00Z; found '1 December 2026'"
            ]
        ),
        (
            "bad/bad-regime",
            [
                "5:11: error: procurement.regime 'PA2030' is not one of: PA2023, PCR2015, PCSR2015; did you mean 'PA2023'?"
            ]
        ),
        (
            "bad/binary",
            [
                "2:1: error: the file contains a NUL byte: it looks like binary data, not YAML or JSON"
            ]
        ),
        (
            "bad/deep-nesting",
            [
                "2:73: error: the document nests deeper than 64 levels; flatten it"
            ]
        ),
        (
            "bad/duplicate-criterion",
            [
                "20:5: error: duplicate criterion id 'quality' (first defined at line 15)"
            ]
        ),
        (
            "bad/duplicate-key",
            [
                "3:1: error: duplicate key 'procurement' in one mapping (first at line 2); each key may appear once"
            ]
        ),
        (
            "bad/duplicate-question",
            [
                "20:124: error: duplicate question id 'Q1' (first defined at line 19); question ids must be unique across the methodology because marks refer to them"
            ]
        ),
        (
            "bad/empty",
            [
                "1:1: error: the file is empty; expected a YAML or JSON document with a top-level 'kind'"
            ]
        ),
        (
            "bad/formula-missing-parameters",
            [
                "14:5: error: price formula 'bounded-linear' needs 'worst' (the price that earns nothing, fixed before opening)"
            ]
        ),
        (
            "bad/gate-missing-field",
            [
                "12:5: error: gate 'exclusion' is missing 'field'; the dotted path of the submission field, e.g. price.total"
            ]
        ),
        (
            "bad/invalid-yaml",
            [
                "5:1: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 3)"
            ]
        ),
        (
            "bad/kind-and-parts",
            [
                "14:5: error: criterion 'price' has both 'kind' and 'parts'; use one: a single kind, or weighted parts",
                "14:5: error: criterion 'price' parts must not be empty",
            ]
        ),
        (
            "bad/label-outside-scale",
            [
                "20:91: error: label for 6 is outside the scale 0–5"
            ]
        ),
        (
            "bad/latin1",
            [
                "2:22: error: the file is not UTF-8 text (invalid byte at offset 38); save it as UTF-8 YAML or JSON"
            ]
        ),
        (
            "bad/log-a-too-small",
            [
                "14:67: error: criterion 'price' a must be greater than 1 (the price multiple that scores 0)"
            ]
        ),
        (
            "bad/marks-without-mark",
            [
                "6:7: error: mark for Q1 is missing 'mark'"
            ]
        ),
        (
            "bad/minimum-above-scale",
            [
                "19:46: error: question 'Q1' minimum 7 is above the scale maximum 5: no mark could pass"
            ]
        ),
        (
            "bad/decision-clarification-dates",
            [
                "12:14: error: answered_on 2026-12-04 is before asked_on 2026-12-05",
                "13:1: error: unknown key 'outcome' in the document; allowed keys: answer, answered_on, asked_on, "
                    + "basis, decided_at, decided_by, decision, kind, lot, procurement, question, reasons, stage, tender. A "
                    + "'clarification' decision takes: question, asked_on, answer, answered_on",
            ]
        ),
        (
            "bad/decision-disregard-early",
            [
                "12:11: error: the supplier has until 2026-12-09 to respond and no response is recorded; disregard it "
                    + "only after the deadline (decided_at 2026-12-03) or once its response is in"
            ]
        ),
        (
            "bad/decision-many-mistakes",
            [
                "4:11: error: decision 'flag-gates' is not one of: abnormally-low, flag-gate, withdrawal, exclusion, "
                    + "clarification; did you mean 'flag-gate'?",
                "5:13: error: decided_by must be a mapping of keys to values, found the value 'J Okafor'",
                "6:13: error: decided_at must be an RFC 3339 date and time with a zone, such as 2026-12-01T12:00:00Z; "
                    + "found '2026-12-03'",
            ]
        ),
        (
            "bad/missing-kind",
            [
                "1:1: error: the document is missing 'kind'; add 'kind: methodology|submission|marks|decision|close|rule-tests|framework|dynamic-market'"
            ]
        ),
        (
            "bad/ppqp-with-price",
            [
                "14:3: error: criterion 'price' scores price, but price-per-quality-point divides the price by the quality points itself; remove the price criterion and weight the quality criteria to 100"
            ]
        ),
        (
            "bad/submission-missing-price",
            [
                "1:1: error: the document is missing 'price'; for example price: {total: 1024000, currency: GBP}"
            ]
        ),
        (
            "bad/submission-wrong-types",
            [
                "3:14: error: received_at must be an RFC 3339 date and time with a zone, such as 2026-12-01T12:00:00Z; found 'yesterday'",
                "4:40: error: supplier.sme must be true or false, found the value 'yes'",
                "5:16: error: price.total must be a number such as 1024000, found the value '£1,000'",
                "6:1: error: unknown key 'colour' in the document; allowed keys: answers, attachments, declarations, innovation, kind, lot, lots, marks, outcomes, price, procurement, received_at, social_value, stage, supplier, supply_chain, tender_id. Put narrative and evidence under answers, innovation, social_value or supply_chain",
            ]
        ),
        (
            "bad/tie-break-no-criterion",
            [
                "10:15: error: tie-break 'qualty' names no criterion (criteria: price, quality, social-value) and is not lowest-price or earliest-received; did you mean 'quality'?"
            ]
        ),
        (
            "bad/unknown-formula",
            [
                "14:51: error: price formula 'lowest-bid' is not one of: lowest-over-bid, deviation-from-lowest, bounded-linear, logarithmic"
            ]
        ),
        (
            "bad/unknown-key",
            [
                "7:3: error: unknown key 'currancy' in procurement (did you mean 'currency'?); allowed keys: buyer, currency, estimated_value, lot, no_lots_reason, reference, regime, tender_deadline, title"
            ]
        ),
        (
            "bad/unknown-kind",
            [
                "1:7: error: unknown kind 'submision'; expected one of: methodology, submission, marks, decision, close, rule-tests, framework, dynamic-market; did you mean 'submission'?"
            ]
        ),
        (
            "bad/weight-not-number",
            [
                "14:25: error: criterion 'price' weight must be a number such as 40 or 12.5, found the value 'fifty'"
            ]
        ),
        (
            "bad/weights-not-100",
            [
                "14:3: error: criterion weights sum to 95, not 100 (price 45, quality 40, social-value 10); weights are percentages of the total score and must add up to exactly 100"
            ]
        ),
        (
            "lint/gate-without-consequence",
            [
                "12:5: warning: gate 'exclusion' has a threshold without a declared consequence; s.23(3)(a) requires the methodology to say whether failing disqualifies: add on_fail: disregard or on_fail: flag (until then a failure only raises a flag)"
            ]
        ),
        (
            "lint/lowest-price-with-quality-weights",
            [
                "9:11: warning: lowest-price-acceptable awards on price alone, but quality criteria quality, social-value carry weight that will not affect the award; use weighted-sum, or set their weights to 0 and keep them as minimums"
            ]
        ),
        (
            "lint/social-value-low",
            [
                "14:3: warning: social value carries 5% of the total score; PPN 002 expects at least 10%"
            ]
        ),
        (
            "lint/turnover-disproportionate",
            [
                "12:5: warning: gate 'turnover' requires turnover of at least 5,000,000, more than 2× the estimated value 1,000,000: conditions of participation must be proportionate (s.22) and this shuts out smaller suppliers (s.12(4))"
            ]
        ),
    ]

    static func diagnostics(_ name: String) -> [String] {
        let url = fixtures.appendingPathComponent("\(name).yaml")
        let bytes = Array((try? Data(contentsOf: url)) ?? Data())
        do {
            let document = try DocumentParser().parse(bytes, file: "F", documentID: "id")
            guard case .methodology(_, let warnings) = document else { return ["parsed as \(document.kind)"] }
            return warnings.sorted().map(\.description)
        } catch {
            return error.diagnostics.sorted().map(\.description)
        }
    }

    @Test(arguments: expectations.map(\.0))
    func eachBadFileGetsItsExactMessages(_ name: String) {
        let expected = Self.expectations.first { $0.0 == name }!.1.map { "F:" + $0 }
        #expect(Self.diagnostics(name) == expected)
    }

    @Test func everyFixtureIsCoveredByTheTable() throws {
        let names = try ["bad", "lint"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.appendingPathComponent(folder).path)
                .map { "\(folder)/\($0.replacingOccurrences(of: ".yaml", with: ""))" }
        }
        #expect(Set(names) == Set(Self.expectations.map(\.0)))
    }

    @Test(arguments: [([0xE9], 0), ([0x00], nil), ([0x00, 0xFF], 1)] as [([UInt8], Int?)])
    func aFileThatIsNotTextIsNamedSoEvenAfterAnEarlierYAMLError(_ tail: [UInt8], _ invalidAt: Int?) {
        // Given a YAML error on line 2 (a flow list closed with a brace), then 20,400 bytes of comments (more than the
        // 16 KiB libyaml reads and checks at a time, so it stops at the error without reading on), then bytes that
        // are not text: a byte that is not UTF-8, a NUL, a NUL and then a byte that is not UTF-8
        let head = Array("kind: submission\nprice: [1, 2}\n".utf8)
        let padding = Array(String(repeating: "# a comment line\n", count: 1_200).utf8)
        let bytes = head + padding + tail + Array(" b\n".utf8)
        let expected =
            invalidAt.map { "the file is not UTF-8 text (invalid byte at offset \(head.count + padding.count + $0))" }
            ?? "the file contains a NUL byte"
        // When it is parsed
        #expect {
            _ = try DocumentParser().parse(bytes, file: "F", documentID: "id")
        } throws: { error in
            // Then the one message is about what the file is, as when it was checked before the YAML
            let messages = (error as? DocumentError)?.diagnostics.map(\.description) ?? []
            return messages.count == 1 && messages[0].contains(expected) && !messages[0].contains("invalid YAML")
        }
    }

    @Test func aFileInUTF16IsNotUTF8Text() {
        // Given a file saved as UTF-16 with its byte order mark
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("kind: submission\n".utf8).flatMap { [$0, 0] }
        // When it is parsed
        #expect {
            _ = try DocumentParser().parse(bytes, file: "F", documentID: "id")
        } throws: { error in
            // Then the message names its first byte and says what to save it as
            (error as? DocumentError)?.diagnostics.map(\.description) == [
                "F:1:1: error: the file is not UTF-8 text (invalid byte at offset 0); save it as UTF-8 YAML or JSON"
            ]
        }
    }

    @Test func aHundredThousandOpenBracketsGetTheNestingMessageNotLibyamls() throws {
        // Given 100,000 nested flow lists (libyaml's scanner meets its own limit before the composer sees ours)
        let bytes = Array("kind: submission\nprice: ".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        // When it is parsed
        #expect {
            _ = try DocumentParser().parse(bytes, file: "F", documentID: "id")
        } throws: { error in
            // Then the message says what is wrong and what to do, in the composer's words
            let messages = (error as? DocumentError)?.diagnostics.map(\.description) ?? []
            return messages.count == 1 && messages[0].hasSuffix("the document nests deeper than 64 levels; flatten it")
                && !messages[0].contains("yaml_set_max_nest_level")
        }
    }
}
