/// One node of a composed YAML document, with where it starts in the file. Aliases are already resolved to
/// the node they name (shared, not copied), as in YAML's own representation graph.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case sequence(List)
    case mapping(Map)

    /// Where a node starts: 1-based line and column (columns count characters, not bytes).
    struct Mark: Sendable, Equatable {
        var line: Int
        var column: Int
    }

    /// How a scalar was written; only plain scalars are read as numbers, booleans or null.
    enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    struct Scalar: Sendable {
        var string: String
        var style: Style
        var mark: Mark

        init(_ string: String, style: Style = .plain, mark: Mark = Mark(line: 1, column: 1)) {
            self.string = string
            self.style = style
            self.mark = mark
        }
    }

    /// A sequence's items in order.
    struct List: Sendable, RandomAccessCollection {
        var items: [YAMLNode]
        var mark: Mark

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> YAMLNode { items[position] }
    }

    /// A mapping's pairs in the order written (keys are unique: the composer refuses duplicates).
    struct Map: Sendable, RandomAccessCollection {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var mark: Mark

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
    }

    var mark: Mark {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .sequence(let list): return list.mark
        case .mapping(let map): return map.mark
        }
    }

    /// The text of a scalar; `nil` for lists and mappings.
    var string: String? { scalar?.string }

    /// The value of a mapping's key written as `key`; `nil` when absent or when this is not a mapping.
    subscript(key: String) -> YAMLNode? {
        mapping?.pairs.first { $0.key.scalar?.string == key }?.value
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { scalar } else { nil }
    }

    var sequence: List? {
        if case .sequence(let list) = self { list } else { nil }
    }

    var mapping: Map? {
        if case .mapping(let map) = self { map } else { nil }
    }
}
