import Foundation
import Synchronization
import TenderScoring
import Testing

@testable import TenderLedger

/// Members serialized ahead of the append (``SerializedJSON``) are stored exactly as if they had been values,
/// with their blob references checked the same way.
struct SerializedMemberTests {
    @Test func serializedMembersGiveTheSameBytesAsValuesAtEverySeqAndKeyOrder() throws {
        // Given members whose keys sort before, between and after "seq" and "type" (and non-ASCII ones)
        let blob = LedgerBlob(bytes: Array("document".utf8), mediaType: "application/yaml")
        let members: [String: JSONValue] = [
            "a": .array([.integer(-3), .null, .bool(true)]), "s": "x", "seq0": .integer(9), "sep": "\u{1F}",
            "status": .object(["z": "1", "document_sha256": .string(blob.sha256), "é": "accent"]),
            "t": .decimal(Decimal(string: "0.75")!), "typ": "e", "types": "f", "tz": .object([:]), "é": "é",
            "assessment": .object(["criteria": .array([.object(["id": "q", "points": "18.00"])])]),
        ]
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        // When the same members are appended as values, all serialized, and split between the two, at
        // sequence numbers of 1, 2 and 3 digits
        let keys = members.keys.sorted()
        var drafts: [EntryDraft] = []
        for round in 0..<40 {
            let serializedKeys = Set(keys.enumerated().filter { (index, _) in (index + round) % 3 != 0 }.map(\.1))
            let split = round % 4 == 0 ? [] : round % 4 == 1 ? Set(keys) : serializedKeys
            drafts.append(
                EntryDraft(
                    type: round.isMultiple(of: 2) ? "submission-assessed" : "tÿpe",
                    body: members.filter { !split.contains($0.key) },
                    serialized: members.filter { split.contains($0.key) }.mapValues(SerializedJSON.init),
                    blobs: round == 0 ? [blob] : []))
        }
        let first = try store.append(Array(drafts.prefix(8)))
        let rest = try store.append(Array(drafts.dropFirst(8)))
        // Then every body is the canonical serialization of the whole object
        for (index, entry) in (first + rest).enumerated() {
            var whole = members
            whole["seq"] = .integer(Int64(index))
            whole["type"] = .string(drafts[index].type)
            #expect(entry.body == JSONValue.object(whole).canonicalBytes)
        }
        #expect(try store.entries().count == 40)
    }

    @Test func serializedMembersHaveTheirBlobReferencesChecked() throws {
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        let missing = String(repeating: "ab", count: 32)
        // A reference to a blob that is not stored, inside a serialized member, refuses the whole group
        #expect(throws: LedgerError.missingBlob(sha256: missing, entryType: "x")) {
            try store.append([
                EntryDraft(
                    type: "x", body: ["a": 1],
                    serialized: [
                        "assessment": SerializedJSON(.object(["inner": ["document_sha256": .string(missing)]]))
                    ])
            ])
        }
        // A malformed reference, or a member given both ways, or "seq" serialized, is an invalid draft
        for draft in [
            EntryDraft(type: "x", body: [:], serialized: ["note_sha256": SerializedJSON("not a hash")]),
            EntryDraft(type: "x", body: ["a": 1], serialized: ["a": SerializedJSON(2)]),
            EntryDraft(type: "x", body: [:], serialized: ["seq": SerializedJSON(2)]),
        ] {
            #expect {
                try store.append([draft])
            } throws: { error in
                guard case .invalidDraft = error as? LedgerError else { return false }
                return true
            }
        }
        #expect(try store.size() == 0)
    }

    @Test func objectsWrittenAsBytesMatchTheTreePathOrAreMadeCanonical() throws {
        let hash = String(repeating: "0f", count: 32)
        let other = String(repeating: "a1", count: 32)
        let tree: JSONValue = .object([
            "a_sha256": .string(hash),
            "list": .array([.object(["b_sha256": .array([.string(other), .string(hash)])])]),
            "n": .integer(3), "text": "Ł\"x\"\n", "z_sha256": .null,
        ])
        // Canonical bytes (as the writer makes them) are taken as they are, with the tree path's references
        let written = try #require(SerializedJSON(canonicalObject: tree.canonicalBytes))
        let reference = SerializedJSON(tree)
        #expect(written.bytes == reference.bytes)
        #expect(try written.made().nested.references == [hash, other, hash])
        #expect(try written.made().nested.references.sorted() == reference.made().nested.references.sorted())
        #expect(
            try written.made().references(as: "x_sha256").malformed
                == reference.made().references(as: "x_sha256").malformed)
        // Bytes the scan does not vouch for (non-ASCII keys, keys out of order, spaces) are re-serialized
        for text in [#"{"é":1,"a_sha256":"\#(hash)"}"#, #"{"b":1,"a":2}"#, #"{ "a" : [1, 2] }"#] {
            let value = try JSONParser().parse(text)
            let made = try #require(SerializedJSON(canonicalObject: Array(text.utf8)))
            #expect(made.bytes == value.canonicalBytes)
            #expect(try made.made().nested.references == SerializedJSON(value).made().nested.references)
        }
        // Anything but a JSON object is refused
        for text in ["[1]", "\"x\"", "{\"a\":", "not json"] {
            #expect(SerializedJSON(canonicalObject: Array(text.utf8)) == nil)
        }
    }

    @Test func membersMadeLaterAreStoredAsTheSameBytesOrFailTheAppend() throws {
        let folder = try TemporaryFolder()
        let store = try LedgerStore(path: folder.file("ledger.sqlite"), signer: nil)
        let blob = LedgerBlob(bytes: Array("document".utf8), mediaType: "application/yaml")
        let value: JSONValue = .object(["a": 1, "inner": .object(["document_sha256": .string(blob.sha256)])])
        // Given a member made when it is appended (counting how often), and the same member made now
        let calls = Mutex(0)
        let later = SerializedJSON(later: {
            calls.withLock { $0 += 1 }
            return SerializedJSON(value)
        })
        #expect(calls.withLock { $0 } == 0)
        // When both are appended, with the blob the member references
        let entries = try store.append([
            EntryDraft(type: "x", body: ["b": 2], serialized: ["result": later], blobs: [blob]),
            EntryDraft(type: "x", body: ["b": 2], serialized: ["result": SerializedJSON(value)]),
        ])
        // Then it was made once, at the append, and both bodies are the canonical object but for their seq
        #expect(calls.withLock { $0 } == 1)
        for (seq, entry) in entries.enumerated() {
            #expect(
                entry.body
                    == JSONValue.object(["b": 2, "result": value, "seq": .integer(Int64(seq)), "type": "x"])
                    .canonicalBytes)
        }
        // And a member made later has its blob references checked like any other
        let missing = String(repeating: "cd", count: 32)
        let dangling = SerializedJSON(later: { SerializedJSON(.object(["note_sha256": .string(missing)])) })
        #expect(throws: LedgerError.missingBlob(sha256: missing, entryType: "y")) {
            try store.append([EntryDraft(type: "y", body: [:], serialized: ["result": dangling])])
        }
        // And one that cannot be made fails the append with its error, appending nothing of the group
        let failing = SerializedJSON(later: { () throws(LedgerError) in throw .invalidDraft("cannot read it back") })
        #expect(throws: LedgerError.invalidDraft("cannot read it back")) {
            try store.append([
                EntryDraft(type: "y", body: ["ok": true]),
                EntryDraft(type: "y", body: [:], serialized: ["result": failing]),
            ])
        }
        #expect(try store.size() == 2)
    }
}
