public import HummingbirdAuth

/// A console user: a name, a role, and the SHA-256 of the token they were given (never the token itself).
public struct ConsoleUser: Sendable, Hashable, Codable, RoleProviding {
    public var name: String
    public var role: ConsoleRole
    /// Lowercase hex SHA-256 of the token.
    public var tokenSHA256: String
    /// RFC 3339 UTC.
    public var createdAt: String

    public init(name: String, role: ConsoleRole, tokenSHA256: String, createdAt: String) {
        self.name = name
        self.role = role
        self.tokenSHA256 = tokenSHA256
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case name, role
        case tokenSHA256 = "token_sha256"
        case createdAt = "created_at"
    }

    /// The areas the user may use (hummingbird-auth's `RolePolicy` checks a route's area against these).
    public var roles: Set<ConsoleRole.Area> { role.areas }

    /// A user name: 1 to 64 of letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64 else { return false }
        func ascii(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return ascii(first) && name.unicodeScalars.allSatisfy { ascii($0) || "._-".unicodeScalars.contains($0) }
    }
}
