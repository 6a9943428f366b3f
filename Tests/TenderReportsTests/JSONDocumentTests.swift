import Foundation
import Testing

@testable import TenderReports

struct JSONDocumentTests {
    /// A document with lists nested in objects and lists, eager and lazy alike.
    static func document(lazy: Bool) -> JSONDocument {
        func list(_ items: [JSONDocument]) -> JSONDocument {
            lazy ? .lazyArray(count: items.count) { items[$0] } : .array(items)
        }
        let rows = (0..<3_000).map { index -> JSONDocument in
            let tags: [JSONDocument] = index % 3 == 0 ? [] : [.string("a"), .bool(index % 2 == 0), .null]
            let members: [(String, JSONDocument)] = [
                ("id", .string("row-\(index)")), ("value", .number(Decimal(index) / 8)), ("tags", list(tags)),
            ]
            return .object(members)
        }
        return .object([("empty", list([])), ("rows", list(rows)), ("tail", .string("end"))])
    }

    @Test func aLazyArrayIsWrittenAsTheArrayOfItsElements() {
        // Given the same document with eager and with lazy lists
        // Then the text is the same
        #expect(Self.document(lazy: true).text == Self.document(lazy: false).text)
    }

    @Test func writtenInPartsTheTextIsTheSame() {
        // Given a document of about 300 KB
        let document = Self.document(lazy: true)
        // When it is written in parts
        var parts: [String] = []
        document.write { parts.append($0) }
        // Then there are several, none much beyond the part size but the last, and they are the text
        #expect(parts.count > 3)
        #expect(parts.dropLast().allSatisfy { $0.utf8.count >= JSONDocument.partSize })
        #expect(parts.allSatisfy { $0.utf8.count < JSONDocument.partSize + 1_024 })
        #expect(parts.joined() == document.text)
    }

    @Test func theTextIsPrettyPrintedWithTwoSpacesAndKeysInTheOrderGiven() {
        // Given lists, eager and lazy, empty and not, in objects and lists
        let document = JSONDocument.object([
            ("a", .lazyArray(count: 2) { .number(Decimal($0) + Decimal(string: "0.5")!) }),
            ("b", .array([])), ("c", .lazyArray(count: 0) { _ in .null }),
            ("d", .array([.object([("e", .bool(true)), ("f", .string("x\"y"))]), .array([.null])])),
            ("g", .object([])),
        ])
        // Then the text is exactly this
        let expected = """
            {
              "a": [
                0.5,
                1.5
              ],
              "b": [],
              "c": [],
              "d": [
                {
                  "e": true,
                  "f": "x\\"y"
                },
                [
                  null
                ]
              ],
              "g": {}
            }

            """
        #expect(document.text == expected)
        var written = ""
        document.write { written += $0 }
        #expect(written == expected)
    }
}
