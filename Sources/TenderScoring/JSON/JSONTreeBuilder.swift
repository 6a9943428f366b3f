/// Builds a ``JSONValue`` from a layout written to a ``JSONSink``.
///
/// ```swift
/// var builder = JSONTreeBuilder()
/// builder.object { $0.member("a") { $0.string("x") } }
/// builder.value  // .object(["a": .string("x")])
/// ```
public struct JSONTreeBuilder: JSONSink {
    private var items: [JSONValue] = []
    private var members: [String: JSONValue] = [:]
    private var pendingKey: String?

    public init() {}

    /// The value `write` writes.
    public static func build(_ write: (inout JSONTreeBuilder) -> Void) -> JSONValue {
        var builder = JSONTreeBuilder()
        write(&builder)
        return builder.value
    }

    /// The value written (the first, when several were written at the top); `null` before any.
    public var value: JSONValue { items.first ?? .null }

    public mutating func null() { put(.null) }
    public mutating func bool(_ value: Bool) { put(.bool(value)) }
    public mutating func integer(_ value: Int64) { put(.integer(value)) }
    public mutating func string(_ value: String) { put(.string(value)) }
    public mutating func value(_ value: JSONValue) { put(value) }

    public mutating func array(_ items: (inout Self) -> Void) {
        var inner = JSONTreeBuilder()
        items(&inner)
        put(.array(inner.items))
    }

    public mutating func object(_ members: (inout Self) -> Void) {
        var inner = JSONTreeBuilder()
        members(&inner)
        put(.object(inner.members))
    }

    public mutating func key(_ key: String) {
        pendingKey = key
    }

    private mutating func put(_ value: JSONValue) {
        if let key = pendingKey {
            members[key] = value
            pendingKey = nil
        } else {
            items.append(value)
        }
    }
}
