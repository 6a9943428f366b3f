public import TenderScoring

/// How entry bodies reference stored blobs.
///
/// Rule: at any depth, an object member whose key ends in `_sha256` is a blob reference. Its value is a
/// lowercase hex SHA-256 string, an array of such strings, or `null` (no reference). Every referenced hash
/// must exist in the `blobs` table. Use another suffix (e.g. `_digest`) for hashes of things not stored.
public enum BlobReferences {
    /// The key suffix that marks a blob reference.
    public static let keySuffix = "_sha256"

    /// The referenced hashes and any malformed reference values (`key: reason`) in `value`.
    public static func collect(in value: JSONValue) -> (references: [String], malformed: [String]) {
        var references: [String] = []
        var malformed: [String] = []
        walk(value, references: &references, malformed: &malformed)
        return (references, malformed)
    }

    private static func walk(_ value: JSONValue, references: inout [String], malformed: inout [String]) {
        switch value {
        case .object(let members):
            for (key, member) in members {
                if isReferenceKey(key) {
                    reference(key: key, member, references: &references, malformed: &malformed)
                } else {
                    walk(member, references: &references, malformed: &malformed)
                }
            }
        case .array(let items):
            for item in items { walk(item, references: &references, malformed: &malformed) }
        default:
            return
        }
    }

    private static let suffixBytes = Array(keySuffix.utf8)

    /// Whether `key` ends in ``keySuffix`` (compared as bytes: this runs on every key of every body appended).
    static func isReferenceKey(_ key: String) -> Bool {
        let bytes = key.utf8
        return bytes.count >= suffixBytes.count && bytes.suffix(suffixBytes.count).elementsEqual(suffixBytes)
    }

    private static func reference(
        key: String, _ value: JSONValue, references: inout [String], malformed: inout [String]
    ) {
        let found = referenceValue(value)
        references += found.references
        malformed += found.problems.map { "\(key): \($0)" }
    }

    /// The hashes `value` references when it is the value of a reference key, and what is wrong with it.
    static func referenceValue(_ value: JSONValue) -> (references: [String], problems: [String]) {
        switch value {
        case .null:
            return ([], [])
        case .string(let text) where Hex.isSHA256(text):
            return ([text], [])
        case .array(let items):
            var references: [String] = []
            var problems: [String] = []
            for item in items {
                if case .string(let text) = item, Hex.isSHA256(text) {
                    references.append(text)
                } else {
                    problems.append("array items must be 64 lowercase hex digits")
                }
            }
            return (references, problems)
        default:
            return ([], ["must be 64 lowercase hex digits, an array of them, or null"])
        }
    }
}
