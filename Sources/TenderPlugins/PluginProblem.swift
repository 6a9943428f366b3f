/// A problem found while loading plugins, with the position it refers to.
///
/// Prints as `file:line:column: plugin 'name': message` (the position is left out when unknown), the format
/// `tender rules check` reports.
public struct PluginProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem is in: a `plugin.yaml`, a module, or the plugin folder.
    public var file: String
    /// 1-based line, when the problem has a position in a YAML file.
    public var line: Int?
    /// 1-based column, when the problem has a position in a YAML file.
    public var column: Int?
    /// The plugin (folder name) concerned.
    public var plugin: String
    /// What is wrong and what would be right.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, plugin: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.plugin = plugin
        self.message = message
    }

    public var description: String {
        var position = file
        if let line {
            position += ":\(line)"
            if let column { position += ":\(column)" }
        }
        return "\(position): plugin '\(plugin)': \(message)"
    }
}
