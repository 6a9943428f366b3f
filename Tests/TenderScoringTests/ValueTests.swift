import Foundation
import TenderScoring
import Testing

struct ValueTests {
    @Test func canonicalJSONSortsKeysByCodePointAndEscapesLikePython() {
        let value: JSONValue = ["b": 1, "a": ["é": "x\"\n\u{1}", "Z": true, "z": nil], "ä": []]
        // Python: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        #expect(value.canonicalString == #"{"a":{"Z":true,"z":null,"é":"x\"\n\u0001"},"b":1,"ä":[]}"#)
    }

    @Test func canonicalJSONWritesIntegerExtremesAndEveryControlCharacterLikePython() {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let value: JSONValue = [
            "n": [0, -7, .integer(.max), .integer(.min)], "s": .string(controls + "ab\u{7F}\"\\é"),
        ]
        // Python: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        let escaped =
            #"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
        let expected =
            #"{"n":[0,-7,9223372036854775807,-9223372036854775808],"s":""# + escaped + "ab\u{7F}"
            + #"\"\\é"}"#
        #expect(value.canonicalString == expected)
    }

    @Test func theParserRoundTripsCanonicalText() throws {
        let text = #"{"a":[1,-2,"\u00e9\ud83d\ude00"],"b":{"c":null,"d":false}}"#
        let value = try JSONParser().parse(text)
        #expect(value.canonicalString == #"{"a":[1,-2,"é😀"],"b":{"c":null,"d":false}}"#)
    }

    @Test func theParserRejectsFractionsDuplicatesAndDeepNesting() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser().parse("[1.5]") }
        #expect(throws: JSONParser.Failure.self) { try JSONParser().parse(#"{"a":1,"a":2}"#) }
        #expect(throws: JSONParser.Failure.self) {
            try JSONParser(maximumDepth: 10).parse(
                String(repeating: "[", count: 11) + String(repeating: "]", count: 11))
        }
    }

    @Test func publishedFiguresRoundHalfToEven() {
        #expect(DecimalText.published(Build.d("2.345"), places: 2) == "2.34")
        #expect(DecimalText.published(Build.d("2.355"), places: 2) == "2.36")
        #expect(DecimalText.published(Build.d("7"), places: 2) == "7.00")
        #expect(DecimalText.published(Build.d("0.5"), places: 0) == "0")
    }

    @Test func decimalLiteralsAreParsedExactlyOrRefused() {
        #expect(DecimalText.parse("1024000") == Build.d("1024000"))
        #expect(DecimalText.parse("-0.125") == Build.d("-0.125"))
        for bad in ["1e3", "1,000", "12.", "", "-", "0x10", "1.2.3"] {
            #expect(DecimalText.parse(bad) == nil, "\(bad) should be refused")
        }
    }

    @Test func naturalLogarithmMatchesKnownValues() throws {
        // ln 2 = 0.693147180559945309417232121458176568…, ln 10 = 2.302585092994045684017991454684364207…
        #expect(
            DecimalMath.rounded(try #require(DecimalMath.ln(2)), places: 30)
                == Build.d("0.693147180559945309417232121458"))
        #expect(
            DecimalMath.rounded(try #require(DecimalMath.ln(10)), places: 30)
                == Build.d("2.302585092994045684017991454684"))
        #expect(DecimalMath.ln(1) == 0)
        #expect(DecimalMath.ln(0) == nil)
    }

    @Test func timestampsParseZonesAndRejectNonsense() throws {
        let utc = try #require(Timestamp(rfc3339: "2026-12-01T12:00:00Z"))
        let offset = try #require(Timestamp(rfc3339: "2026-12-01T13:00:00+01:00"))
        #expect(utc == offset)
        #expect(utc.seconds == 1_796_126_400)
        #expect(utc.description == "2026-12-01T12:00:00Z")
        #expect(Timestamp(rfc3339: "2026-12-01T12:00:00.250Z")?.description == "2026-12-01T12:00:00.25Z")
        for bad in ["2026-02-30T00:00:00Z", "2026-12-01 12:00", "2026-12-01T12:00:00", "tomorrow"] {
            #expect(Timestamp(rfc3339: bad) == nil, "\(bad) should be refused")
        }
    }

    @Test func moneyIsGroupedForReading() {
        #expect(Money.text(Build.d("1024000"), "GBP") == "GBP 1,024,000")
        #expect(Money.grouped(Build.d("-1234.5")) == "-1,234.5")
        // Every length of whole part, both signs, with and without a fraction: commas every three digits from the point.
        for length in 1...20 {
            let whole = String((1...length).map { Character(String($0 % 10)) })
            for text in [whole, "-" + whole, whole + ".05", "-" + whole + ".123456"] {
                let (sign, unsigned) = text.hasPrefix("-") ? ("-", String(text.dropFirst())) : ("", text)
                let parts = unsigned.split(separator: ".", maxSplits: 1)
                var groups: [String] = []
                var rest = String(parts[0])
                while rest.count > 3 {
                    groups.insert(String(rest.suffix(3)), at: 0)
                    rest.removeLast(3)
                }
                groups.insert(rest, at: 0)
                let expected = sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
                #expect(Money.grouped(Build.d(text)) == expected, "\(text)")
            }
        }
        #expect(Money.grouped(0) == "0")
        #expect(Money.grouped(Decimal(string: "1e6")!) == "1,000,000")
    }
}
