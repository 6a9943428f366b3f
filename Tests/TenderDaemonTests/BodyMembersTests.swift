import TenderScoring
import Testing

@testable import TenderDaemon

@Suite struct BodyMembersTests {
    /// A body held in memory, split (read a window at a time).
    func split(_ bytes: [UInt8]) -> BodyMembers? {
        BodyMembers(count: bytes.count) { Array(bytes[$0]) }
    }

    @Test func aCanonicalBodySplitsIntoItsMembersByteForByte() throws {
        // Given a canonical body with nested objects, arrays, escapes and scalars
        let body: JSONValue = [
            "a": [1, "x,}", ["b": "\"q\"\\"]], "inputs": [["name": "n"]], "result": ["tenders": [["t": "{]"]]],
            "seq": 3, "z": .null,
        ]
        let bytes = body.canonicalBytes
        // When it is split
        let members = try #require(split(bytes))
        // Then each member's bytes are its value's canonical bytes, and the body without one member parses to the
        // body without it
        #expect(members.members.map(\.key) == ["a", "inputs", "result", "seq", "z"])
        for (key, value) in try #require(body.objectValue) {
            #expect(members.range(of: key).map { Array(bytes[$0]) } == value.canonicalBytes, "\(key)")
        }
        var rest = try #require(body.objectValue)
        rest["result"] = nil
        let without = try #require(members.without("result") { Array(bytes[$0]) })
        #expect(try JSONParser().parse(without) == .object(rest))
        #expect(without == JSONValue.object(rest).canonicalBytes)
    }

    @Test func aBodyReadAWindowAtATimeSplitsAsTheWholeBodyDoes() throws {
        // Given a body whose strings hold every byte the split looks for, read through windows of every size from
        // one byte up, so that a window boundary falls on each byte
        let body: JSONValue = [
            "a": ["x\\\",}]{[:", ["k\"": [1, "2.5", true]]], "inputs": [], "result": ["t": ["{": "}"]], "seq": 12,
        ]
        let bytes = body.canonicalBytes
        let whole = try #require(split(bytes))
        for window in 1...bytes.count {
            var largest = 0
            let windowed = try #require(
                BodyMembers(count: bytes.count, window: window) { range in
                    largest = max(largest, range.count)
                    return Array(bytes[range])
                }, "window \(window)")
            // Then the members are the same, and no read is larger than the window
            #expect(windowed.members.map(\.key) == whole.members.map(\.key), "window \(window)")
            #expect(windowed.members.map(\.value) == whole.members.map(\.value), "window \(window)")
            #expect(largest <= window)
        }
        // And a read that fails stops the split
        #expect(BodyMembers(count: bytes.count, window: 4) { $0.lowerBound >= 8 ? nil : Array(bytes[$0]) } == nil)
        #expect(whole.without("result") { $0.lowerBound > 0 ? nil : Array(bytes[$0]) } == nil)
    }

    @Test func whatItCannotSplitIsLeftToTheParser() {
        #expect(split(Array("[1]".utf8)) == nil)
        #expect(split(Array(#"{"a":1"#.utf8)) == nil)
        #expect(split(Array(#"{"a\"b":1}"#.utf8)) == nil)
        #expect(split(Array(#"{"a":1}x"#.utf8)) == nil)
        #expect(split(Array(#"{"a":}"#.utf8)) == nil)
        #expect(split(Array(#"{"a":1]"#.utf8)) == nil)
        #expect(split(Array("{}".utf8))?.members.isEmpty == true)
    }
}
