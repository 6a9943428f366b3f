import TenderScoring
import Testing

@testable import TenderDaemon

@Suite struct BodyMembersTests {
    @Test func aCanonicalBodySplitsIntoItsMembersByteForByte() throws {
        // Given a canonical body with nested objects, arrays, escapes and scalars
        let body: JSONValue = [
            "a": [1, "x,}", ["b": "\"q\"\\"]], "inputs": [["name": "n"]], "result": ["tenders": [["t": "{]"]]],
            "seq": 3, "z": .null,
        ]
        let bytes = body.canonicalBytes
        // When it is split
        let members = try #require(BodyMembers(bytes))
        // Then each member's bytes are its value's canonical bytes, and the body without one member parses to the
        // body without it
        #expect(members.members.map(\.key) == ["a", "inputs", "result", "seq", "z"])
        for (key, value) in try #require(body.objectValue) {
            #expect(members.value(key).map(Array.init) == value.canonicalBytes, "\(key)")
        }
        var rest = try #require(body.objectValue)
        rest["result"] = nil
        #expect(try JSONParser().parse(members.without("result")) == .object(rest))
        #expect(members.without("result") == JSONValue.object(rest).canonicalBytes)
    }

    @Test func whatItCannotSplitIsLeftToTheParser() {
        #expect(BodyMembers(Array("[1]".utf8)) == nil)
        #expect(BodyMembers(Array(#"{"a":1"#.utf8)) == nil)
        #expect(BodyMembers(Array(#"{"a\"b":1}"#.utf8)) == nil)
        #expect(BodyMembers(Array(#"{"a":1}x"#.utf8)) == nil)
        #expect(BodyMembers(Array("{}".utf8))?.members.isEmpty == true)
    }
}
