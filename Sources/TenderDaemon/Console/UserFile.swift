import Crypto
import Foundation
import Synchronization
import TenderLedger

/// The console's users in `users.json` under the state folder (mode 0600): names, roles and the SHA-256 of
/// each token. Tokens are 256 random bits, so a fast hash is enough (as for API tokens generally); the token
/// itself is printed once by `tender users add` and kept nowhere.
///
/// The daemon reads the file again whenever it changes, so users added or removed take effect at once.
public final class UserFile: Sendable {
    public let path: String
    private let cache = Mutex<
        (stamp: FileSystem.Stamp?, byToken: [String: ConsoleUser], byName: [String: ConsoleUser])
    >(
        (nil, [:], [:]))

    /// What cannot be done, with what to do instead.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(path: String) {
        self.path = path
    }

    /// Every user, by name.
    public func users() throws(Problem) -> [ConsoleUser] {
        if case .missing = FileSystem.kind(path) { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "cannot read \(path); check its owner and mode (0600, the daemon's user)")
        }
        do {
            return try JSONDecoder().decode(Listing.self, from: data).users.sorted { $0.name < $1.name }
        } catch {
            throw Problem(
                description: "\(path) is not a users file (\(error)); restore it from a backup or remove it and add "
                    + "the users again")
        }
    }

    /// Adds a user with a new token and returns the token (the only time it exists outside the caller).
    public func add(name: String, role: ConsoleRole, now: String) throws(Problem) -> String {
        guard ConsoleUser.isValidName(name) else {
            throw Problem(
                description: "user name '\(name)' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit")
        }
        var all = try users()
        guard !all.contains(where: { $0.name == name }) else {
            throw Problem(description: "user '\(name)' exists; remove it first to issue a new token")
        }
        let token = Self.newToken()
        all.append(ConsoleUser(name: name, role: role, tokenSHA256: Self.hash(token), createdAt: now))
        try save(all)
        return token
    }

    /// Removes a user; their token and sessions stop working at once.
    public func remove(name: String) throws(Problem) {
        var all = try users()
        guard all.contains(where: { $0.name == name }) else {
            throw Problem(description: "no user '\(name)'; `tender users list` shows who there is")
        }
        all.removeAll { $0.name == name }
        try save(all)
    }

    /// The user holding `token`, if any (the file is read again when it has changed).
    public func user(token: String) -> ConsoleUser? {
        refresh().byToken[Self.hash(token)]
    }

    /// The user called `name`, if there still is one.
    public func user(name: String) -> ConsoleUser? {
        refresh().byName[name]
    }

    private func refresh() -> (byToken: [String: ConsoleUser], byName: [String: ConsoleUser]) {
        let stamp = FileSystem.stamp(path)
        return cache.withLock { cached in
            if cached.stamp != stamp || stamp == nil {
                let all = (try? users()) ?? []
                cached = (
                    stamp, Dictionary(all.map { ($0.tokenSHA256, $0) }, uniquingKeysWith: { first, _ in first }),
                    Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                )
            }
            return (cached.byToken, cached.byName)
        }
    }

    private func save(_ users: [ConsoleUser]) throws(Problem) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let data = try encoder.encode(Listing(users: users.sorted { $0.name < $1.name }))
            try FileSystem.createDirectory((path as NSString).deletingLastPathComponent)
            let temporary = path + ".tmp"
            try FileSystem.write(temporary, [UInt8](data) + [10], sync: true, mode: 0o600)
            try FileSystem.move(temporary, to: path)
        } catch {
            throw Problem(description: "cannot write \(path): \(error)")
        }
    }

    private struct Listing: Codable {
        var users: [ConsoleUser]
    }

    /// `tdr_` and 256 random bits in base64url.
    static func newToken() -> String {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        let text = bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "tdr_" + text
    }

    static func hash(_ token: String) -> String { Hex.sha256(Array(token.utf8)) }
}
