import Foundation
import TenderDaemon
import TenderTestSupport
import Testing

/// The console's users file: hashed tokens only, readable by the daemon's user alone, names checked.
struct UserFileTests {
    @Test func aTokenIsShownOnceAndOnlyItsHashIsKept() throws {
        // Given an empty state folder
        let path = "\(try TestFolders.make("users"))/users.json"
        let users = UserFile(path: path)
        #expect(try users.users().isEmpty)
        // When a buyer is added
        let token = try users.add(name: "b.ellis", role: .buyer, now: "2026-12-06T10:00:00Z")
        // Then the token signs in as that user, and the file holds its SHA-256, never the token
        #expect(token.hasPrefix("tdr_") && token.count == 47)
        #expect(users.user(token: token)?.name == "b.ellis")
        #expect(users.user(token: token + "x") == nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(token) && !text.contains(String(token.dropFirst(4))))
        #expect(text.contains("\"token_sha256\""))
        // And only the owner may read the file
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // And two users never share a token
        let other = try users.add(name: "a.auditor", role: .auditor, now: "2026-12-06T10:00:00Z")
        #expect(other != token)
        #expect(try users.users().map(\.name) == ["a.auditor", "b.ellis"])
        // When the buyer is removed, their token stops working
        try users.remove(name: "b.ellis")
        #expect(users.user(token: token) == nil)
        #expect(users.user(token: other)?.role == .auditor)
    }

    @Test func wrongNamesAndRepeatsAreRefusedWithWhatToDo() throws {
        let users = UserFile(path: "\(try TestFolders.make("users"))/users.json")
        _ = try users.add(name: "op", role: .operator, now: "2026-12-06T10:00:00Z")
        for (name, message) in [
            ("op", "user 'op' exists; remove it first to issue a new token"),
            (
                "a b",
                "user name 'a b' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
            ),
            ("-x", "user name '-x' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        ] {
            #expect {
                _ = try users.add(name: name, role: .buyer, now: "2026-12-06T10:00:00Z")
            } throws: { ($0 as? UserFile.Problem)?.description == message }
        }
        #expect {
            try users.remove(name: "nobody")
        } throws: {
            ($0 as? UserFile.Problem)?.description == "no user 'nobody'; `tender users list` shows who there is"
        }
    }
}
