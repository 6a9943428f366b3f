extension PluginManifest {
    /// The keys a `plugin.yaml` may contain.
    static let knownKeys = [
        "name", "version", "kind", "module", "sha256", "fuel", "max_memory_pages", "description", "config",
        "reads",
    ]
    /// The keys a config field declaration may contain.
    static let knownFieldKeys = ["type", "required", "description"]

    /// Decodes a `plugin.yaml`, reporting every problem with its position.
    ///
    /// - Parameters:
    ///   - yaml: The file's text.
    ///   - file: The path used in problems.
    ///   - folderName: The plugin folder's name, which `name` must equal.
    /// - Returns: The manifest when there were no problems, and every problem found.
    public static func decode(yaml: String, file: String, folderName: String) -> (PluginManifest?, [PluginProblem]) {
        var reader = ManifestReader(file: file, plugin: folderName)
        let manifest = reader.read(yaml: yaml, folderName: folderName)
        return (reader.problems.isEmpty ? manifest : nil, reader.problems)
    }
}
