import Foundation

/// The ledger's Ed25519 signing key, kept in a file outside the database.
///
/// The file holds one line of Go signer-key text, `PRIVATE+KEY+<name>+<hex8 key id>+<base64(0x01 ‖ seed)>`
/// (readable by `golang.org/x/mod/sumdb/note.NewSigner`). It is created on first use with mode 0600 in a
/// folder created with mode 0700, and refused later if group or others can read it. The default key name is
/// `tender.ledger/<first 8 hex digits of SHA-256(public key)>`, which is stable for the life of the key; it
/// is also the checkpoint origin.
///
/// ```swift
/// let key = try LedgerKey.loadOrCreate(at: LedgerKey.defaultPath(forLedger: "var/ledger.sqlite"))
/// print(key.verifier.verifierKey)   // give this to auditors
/// ```
public struct LedgerKey: Sendable {
    /// The key file path.
    public let path: String
    /// The signer.
    public let signer: NoteSigner

    /// The public verifier.
    public var verifier: NoteVerifier { signer.verifier }

    /// `<ledger folder>/keys/ledger.ed25519`.
    public static func defaultPath(forLedger ledgerPath: String) -> String {
        URL(fileURLWithPath: ledgerPath).deletingLastPathComponent()
            .appendingPathComponent("keys").appendingPathComponent("ledger.ed25519").path
    }

    /// `tender.ledger/<first 8 hex digits of SHA-256(public key)>`.
    public static func defaultName(publicKey: [UInt8]) -> String {
        "tender.ledger/" + Hex.encode(SHA256Hashing.sha256(publicKey).prefix(4))
    }

    /// Loads the key at `path`, creating it (and its folder) if it does not exist.
    ///
    /// - Parameter name: the key name for a new key; nil uses ``defaultName(publicKey:)``. Ignored when the
    ///   file exists (its name wins).
    /// - Throws: ``LedgerError/keyFile(path:reason:)`` when the file cannot be created, read or trusted.
    public static func loadOrCreate(at path: String, name: String? = nil) throws(LedgerError) -> LedgerKey {
        if FileManager.default.fileExists(atPath: path) { return try load(at: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try createPrivateFolder(folder)
        let signer: NoteSigner
        do {
            let draft = try NoteSigner.generate(name: "tender.ledger")
            signer = try NoteSigner(name: name ?? defaultName(publicKey: draft.verifier.publicKey), seed: draft.seed)
        } catch {
            throw .keyFile(path: path, reason: error.description)
        }
        do {
            try FileSystem.createExclusive(path: path, bytes: Array((signer.signerKey + "\n").utf8), mode: 0o600)
        } catch {
            if FileManager.default.fileExists(atPath: path) { return try load(at: path) }
            throw .keyFile(path: path, reason: "cannot create it: \(error.description)")
        }
        return LedgerKey(path: path, signer: signer)
    }

    /// Loads an existing key file.
    ///
    /// - Throws: ``LedgerError/keyFile(path:reason:)`` when it is missing, unreadable, readable by group or
    ///   others, or not a signer key.
    public static func load(at path: String) throws(LedgerError) -> LedgerKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .keyFile(
                path: path,
                reason: "no such file (tender creates it beside the ledger on first write; to verify a copy of a "
                    + "ledger, give 'tender ledger verify --key' the verifier key its owner gave you)")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .keyFile(path: path, reason: "group or others can access it; run 'chmod 600 \(path)'")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .keyFile(path: path, reason: "cannot read it as UTF-8 text")
        }
        do {
            return LedgerKey(path: path, signer: try NoteSigner(signerKey: text))
        } catch {
            throw .keyFile(path: path, reason: error.description)
        }
    }

    private static func createPrivateFolder(_ folder: String) throws(LedgerError) {
        if FileManager.default.fileExists(atPath: folder) { return }
        do {
            let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateDirectory(path: folder, reason: "\(error)")
        }
        guard chmod(folder, 0o700) == 0 else {
            throw .cannotCreateDirectory(path: folder, reason: String(cString: strerror(errno)))
        }
    }
}
