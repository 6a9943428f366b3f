import Crypto
import Foundation

/// Domain-separated SHA-256 helpers shared by the tree, the row chain and key ids.
enum SHA256Hashing {
    /// SHA-256 of `prefix ‖ parts…`.
    static func hash(prefix: UInt8, _ parts: [UInt8]...) -> [UInt8] {
        hash(prefix: prefix, pieces: parts)
    }

    /// SHA-256 of `prefix ‖ pieces[0] ‖ pieces[1] ‖ …`.
    static func hash(prefix: UInt8, pieces parts: [[UInt8]]) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: prefix) { hasher.update(bufferPointer: $0) }
        for part in parts {
            part.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// SHA-256 of `prefix ‖ bytes` for a raw buffer (avoids copying stored rows).
    static func hash(prefix: UInt8, buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: prefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: buffer)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// Plain SHA-256 of the pieces `produce` hands to its argument, one after another.
    static func sha256(producing produce: (_ piece: ([UInt8]) -> Void) -> Void) -> [UInt8] {
        var hasher = SHA256()
        produce { piece in piece.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// Plain SHA-256.
    static func sha256(_ bytes: some DataProtocol) -> [UInt8] {
        SHA256.hash(data: bytes).withUnsafeBytes { Array($0) }
    }
}
