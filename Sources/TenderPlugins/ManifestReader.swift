import Yams

/// Walks a manifest's YAML nodes, collecting problems instead of stopping at the first.
struct ManifestReader {
    let file: String
    let plugin: String
    var problems: [PluginProblem] = []

    init(file: String, plugin: String) {
        self.file = file
        self.plugin = plugin
    }

    mutating func problem(_ mark: Mark?, _ message: String) {
        problems.append(
            PluginProblem(file: file, line: mark?.line, column: mark?.column, plugin: plugin, message: message))
    }

    mutating func read(yaml: String, folderName: String) -> PluginManifest? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            problem(Self.mark(of: error), "is not valid YAML: \(Self.problemText(of: error))")
            return nil
        } catch {
            problem(nil, "is not valid YAML: \(error)")
            return nil
        }
        guard let root, let mapping = root.mapping else {
            problem(root?.mark, "must be a mapping with name, version, kind, sha256, fuel and max_memory_pages")
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if PluginManifest.knownKeys.contains(key) {
                values[key] = value
            } else {
                problem(
                    keyNode.mark, "unknown key '\(key)'; allowed: \(PluginManifest.knownKeys.joined(separator: ", "))")
            }
        }
        let name = requiredString(values["name"], "name", in: root)
        if let name, name != folderName {
            problem(values["name"]?.mark, "name '\(name)' must equal the folder name '\(folderName)'")
        }
        let version = requiredString(values["version"], "version", in: root)
        let kind = requiredString(values["kind"], "kind", in: root).flatMap { text -> PluginKind? in
            if let kind = PluginKind(rawValue: text) { return kind }
            problem(values["kind"]?.mark, "kind '\(text)' is not one of: score, gate")
            return nil
        }
        let module = values["module"].flatMap { node -> String? in
            guard let text = node.scalar?.string, text.hasSuffix(".wasm"), !text.contains("/"), text != ".wasm" else {
                problem(
                    node.mark,
                    "module must be a file name in the plugin folder ending in .wasm, such as '\(folderName).wasm'")
                return nil
            }
            return text
        }
        let sha256 = requiredString(values["sha256"], "sha256", in: root).flatMap { text -> String? in
            let hex = Set("0123456789abcdef")
            guard text.count == 64, text.allSatisfy(hex.contains) else {
                problem(
                    values["sha256"]?.mark,
                    "sha256 must be 64 lowercase hex digits (run Plugins/build.sh to refresh it)")
                return nil
            }
            return text
        }
        let fuel = integer(values["fuel"], "fuel", in: root, range: 1...Int(PluginManifest.fuelLimit))
        let pages = integer(
            values["max_memory_pages"], "max_memory_pages", in: root, range: 1...PluginManifest.memoryPagesLimit)
        let description = values["description"].flatMap { node -> String? in
            guard let text = node.scalar?.string else {
                problem(node.mark, "description must be text")
                return nil
            }
            return text
        }
        var config: [PluginConfigField] = []
        if let node = values["config"] { config = configFields(node) }
        var reads: [String]?
        if let node = values["reads"] { reads = readPaths(node) }
        guard let name, let version, let kind, let sha256, let fuel, let pages else { return nil }
        return PluginManifest(
            name: name, version: version, kind: kind, module: module, sha256: sha256, fuel: UInt64(fuel),
            maxMemoryPages: pages, description: description, config: config, reads: reads)
    }

    /// `reads`: a list of distinct dotted paths into the submission, such as `supply_chain.subcontracts`.
    private mutating func readPaths(_ node: Node) -> [String] {
        let expected = "a list of submission members such as [supply_chain.subcontracts, price.total]"
        guard let items = node.sequence else {
            problem(node.mark, "reads must be \(expected)")
            return []
        }
        var paths: [String] = []
        for item in items {
            guard let text = item.scalar?.string, SubmissionFields.isPath(text) else {
                problem(
                    item.mark,
                    "reads entry '\(item.scalar?.string ?? "")' is not a dotted path of member names; use \(expected)")
                continue
            }
            if paths.contains(text) {
                problem(item.mark, "reads lists '\(text)' twice")
                continue
            }
            paths.append(text)
        }
        return paths
    }

    private mutating func configFields(_ node: Node) -> [PluginConfigField] {
        guard let mapping = node.mapping else {
            problem(node.mark, "config must map each key to {type, required, description}")
            return []
        }
        var fields: [PluginConfigField] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard let declaration = value.mapping else {
                problem(value.mark, "config key '\(key)' must be a mapping {type, required, description}")
                continue
            }
            var entries: [String: Node] = [:]
            for (fieldKey, fieldValue) in declaration {
                let name = fieldKey.string ?? ""
                if PluginManifest.knownFieldKeys.contains(name) {
                    entries[name] = fieldValue
                } else {
                    problem(
                        fieldKey.mark,
                        "unknown key '\(name)' in config key '\(key)'; allowed: type, required, description")
                }
            }
            let types = PluginConfigType.allCases.map(\.rawValue).joined(separator: ", ")
            let type = requiredString(entries["type"], "type", in: value).flatMap { text -> PluginConfigType? in
                if let type = PluginConfigType(rawValue: text) { return type }
                problem(entries["type"]?.mark, "config key '\(key)' has type '\(text)'; use one of: \(types)")
                return nil
            }
            var required = false
            if let node = entries["required"] {
                if let flag = node.bool {
                    required = flag
                } else {
                    problem(node.mark, "required must be true or false")
                }
            }
            let description = requiredString(entries["description"], "description", in: value)
            if let type, let description {
                fields.append(PluginConfigField(name: key, type: type, required: required, description: description))
            }
        }
        return fields
    }

    private mutating func requiredString(_ node: Node?, _ key: String, in parent: Node) -> String? {
        guard let node else {
            problem(parent.mark, "missing required key '\(key)'")
            return nil
        }
        guard let text = node.scalar?.string, !text.isEmpty else {
            problem(node.mark, "'\(key)' must be non-empty text")
            return nil
        }
        return text
    }

    private mutating func integer(_ node: Node?, _ key: String, in parent: Node, range: ClosedRange<Int>) -> Int? {
        guard let node else {
            problem(
                parent.mark,
                "missing required key '\(key)' (a whole number from \(range.lowerBound) to \(range.upperBound))")
            return nil
        }
        guard let value = node.int, range.contains(value) else {
            problem(node.mark, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark
        default: return nil
        }
    }

    static func problemText(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return String(describing: error)
        }
    }
}
