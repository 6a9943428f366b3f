/// Lowercase hexadecimal text for hashes and key ids.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lowercase hex of `bytes`.
    /// The lowercase hex SHA-256 of `bytes`: a document's identity, a blob's name.
    public static func sha256(_ bytes: [UInt8]) -> String {
        encode(SHA256Hashing.sha256(bytes))
    }

    /// The lowercase hex SHA-256 of the bytes `produce` hands to its argument, one piece after another as they are
    /// made: a result or a file of any size hashed without holding it.
    public static func sha256(producing produce: (_ piece: ([UInt8]) -> Void) -> Void) -> String {
        encode(SHA256Hashing.sha256(producing: produce))
    }

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes of an even-length hex string (either case), or nil when it is not hex.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// True when `text` is exactly 64 lowercase hex digits (a SHA-256 in the ledger's spelling).
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case 48...57: char - 48
        case 97...102: char - 87
        case 65...70: char - 55
        default: nil
        }
    }
}
