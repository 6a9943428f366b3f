import Foundation

/// Makes one self-contained schema from the embedded files (``SchemaFiles``): the kind's schema, with every file it
/// refers to, directly or not, embedded under `$defs` with its own `$id` (the JSON Schema 2020-12 way of bundling),
/// so references such as `common.schema.json#/$defs/text` resolve inside the one document.
enum SchemaBundle {
    /// The document kinds with a schema.
    static let kinds = [
        "methodology", "submission", "marks", "decision", "close", "rule-tests", "plugin-manifest", "settings",
        "framework", "dynamic-market",
    ]

    /// The ledger entry types with a schema.
    static var ledgerTypes: [String] {
        SchemaFiles.texts.keys.filter { $0.hasPrefix("ledger/") && !$0.hasSuffix("/common.schema.json") }
            .map { String($0.dropFirst("ledger/".count).dropLast(".schema.json".count)) }.sorted()
    }

    /// The file of `kind` (`methodology`, `ledger/document-received`), if there is one.
    static func file(for kind: String) -> String? {
        // A dynamic market's record shares the framework's schema.
        let file = (kind == "dynamic-market" ? "framework" : kind) + ".schema.json"
        guard kind != "common", kind != "ledger/common", SchemaFiles.texts[file] != nil else { return nil }
        return file
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The bundled schema of `kind`, as pretty-printed JSON with sorted keys.
    static func bundle(_ kind: String) throws -> String {
        guard let file = file(for: kind) else { throw Failure(description: "no schema '\(kind)'") }
        var root = try object(file)
        var embedded: [String: Any] = [:]
        var pending = references(in: root, from: file)
        while let next = pending.popLast() {
            guard embedded[next] == nil, next != file else { continue }
            let resource = try object(next)
            embedded[next] = resource
            pending += references(in: resource, from: next)
        }
        if !embedded.isEmpty {
            var definitions = root["$defs"] as? [String: Any] ?? [:]
            for (name, resource) in embedded { definitions[name] = resource }
            root["$defs"] = definitions
        }
        let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A schema file as a JSON object, its `$id` its path in `Schemas/`.
    private static func object(_ file: String) throws -> [String: Any] {
        guard let text = SchemaFiles.texts[file],
            var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { throw Failure(description: "the embedded schema \(file) is not a JSON object") }
        object["$id"] = file
        return object
    }

    /// The other files a schema's `$ref`s name, as paths in `Schemas/` (`common.schema.json` from `ledger/x` is
    /// `ledger/common.schema.json`).
    private static func references(in value: Any, from file: String) -> [String] {
        var found: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String, let target = reference.split(separator: "#").first,
                    !reference.hasPrefix("#")
                {
                    let folder = (file as NSString).deletingLastPathComponent
                    let path = folder.isEmpty ? String(target) : "\(folder)/\(target)"
                    found.append((path as NSString).standardizingPath)
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(value)
        return found
    }
}
