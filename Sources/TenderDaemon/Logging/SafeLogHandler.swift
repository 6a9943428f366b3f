public import Logging

/// Wraps the daemon's log handler so that nothing a user wrote can forge or hide a log line: in messages and
/// every metadata value (file names, reasons, supplier names, problems), control characters, line and paragraph
/// separators and bidirectional overrides are written as escapes (`\n`, `\u{1B}`, `\u{202E}`) and a backslash as
/// `\\`; a metadata value with a space, quote or `=` (or none at all) is quoted, so `procurement="ocds-1 lot 1"`
/// reads as one value. ``Daemon/build(settings:logger:handleSignals:wallClock:)`` wraps whatever logger it is given.
public struct SafeLogHandler: LogHandler {
    private var upstream: any LogHandler
    public var metadata: Logger.Metadata = [:]
    /// Keeps the last error logged, for `tender status` and the console.
    private let lastError: LastError?

    public init(wrapping upstream: any LogHandler, lastError: LastError? = nil) {
        self.upstream = upstream
        self.lastError = lastError
        metadata = upstream.metadata
        self.upstream.metadata = [:]
    }

    /// `logger` with its handler wrapped.
    public static func wrapping(_ logger: Logger, lastError: LastError? = nil) -> Logger {
        var safe = logger
        safe.handler = SafeLogHandler(wrapping: logger.handler, lastError: lastError)
        return safe
    }

    public var logLevel: Logger.Level {
        get { upstream.logLevel }
        set { upstream.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { upstream.metadataProvider }
        set { upstream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(Self.escaped(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        var safe: Logger.Metadata = [:]
        for (key, value) in merged { safe[Self.escaped(key)] = Self.safe(value) }
        if let error = event.error {
            // An error's text can carry what a user wrote (a path, a document's content): escaped like any value.
            safe["error"] = .string(Self.quoted("\(error)"))
            event.error = nil
        }
        event.metadata = safe
        if event.level >= .error, let lastError {
            lastError.record(event.message.description, error: safe["error"].map { "\($0)" })
        }
        upstream.log(event: event)
    }

    /// A metadata value made safe: strings escaped and, where needed, quoted; lists and dictionaries member by member.
    static func safe(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(quoted(text))
        case .stringConvertible(let convertible): .string(quoted(convertible.description))
        case .array(let values): .array(values.map(safe))
        case .dictionary(let values):
            .dictionary(Dictionary(uniqueKeysWithValues: values.map { (escaped($0.key), safe($0.value)) }))
        }
    }

    /// `text` escaped, and in double quotes when it is empty or has a space, a quote or `=` in it.
    static func quoted(_ text: String) -> String {
        let escaped = escaped(text)
        let needsQuotes = escaped.isEmpty || escaped.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" }
        guard needsQuotes else { return escaped }
        return "\"" + escaped.replacingQuotes() + "\""
    }

    /// `text` with control characters, line and paragraph separators and bidirectional controls escaped, and
    /// backslashes doubled, so one logged value is always one line that shows what was really there.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar {
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default: escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x5C, 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069,
            0xFEFF:
            true
        default:
            false
        }
    }
}

extension String {
    /// Double quotes preceded by a backslash (backslashes are already doubled by the escape).
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" { out += "\\\"" } else { out.append(character) }
        }
        return out
    }
}
