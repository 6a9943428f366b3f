public import TenderScoring

extension PluginCatalog {
    /// Checks a methodology's `config:` for a plugin against the keys its manifest declares.
    ///
    /// - Returns: One message per problem (unknown key, missing required key, wrong type); empty when valid.
    public func validateConfig(_ config: DocumentValue, for plugin: String) -> [String] {
        guard let manifest = plugins[plugin]?.manifest else {
            return ["plugin '\(plugin)' is not loaded, so its config cannot be checked"]
        }
        let members: [String: DocumentValue]
        switch config {
        case .map(let map): members = map
        case .null: members = [:]
        default: return ["plugin '\(plugin)' config must be a mapping of keys to values"]
        }
        let declared = Dictionary(manifest.config.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let known =
            manifest.config.isEmpty ? "it takes none" : "known: " + manifest.config.map(\.name).joined(separator: ", ")
        var messages: [String] = []
        for key in members.keys.sorted() where declared[key] == nil {
            messages.append("plugin '\(plugin)' has no config key '\(key)' (\(known))")
        }
        for field in manifest.config {
            guard let value = members[field.name] else {
                if field.required {
                    messages.append(
                        "plugin '\(plugin)' needs config key '\(field.name)' (\(field.type.rawValue)): \(field.description)"
                    )
                }
                continue
            }
            if !Self.value(value, matches: field.type) {
                messages.append(
                    "plugin '\(plugin)' config key '\(field.name)' must be \(Self.article(field.type)), found \(value.displayText)"
                )
            }
        }
        return messages
    }

    static func value(_ value: DocumentValue, matches type: PluginConfigType) -> Bool {
        switch (type, value) {
        case (.number, .number): return true
        case (.number, .string(let text)): return DecimalText.parse(text) != nil
        case (.integer, .number(let number)): return DecimalMath.rounded(number, places: 0) == number
        case (.string, .string), (.boolean, .bool), (.list, .list), (.map, .map): return true
        default: return false
        }
    }

    static func article(_ type: PluginConfigType) -> String {
        switch type {
        case .number: return "a number (such as 0.25 or \"0.25\")"
        case .integer: return "a whole number"
        case .string: return "text"
        case .boolean: return "true or false"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}
