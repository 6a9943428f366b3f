public import Foundation

/// Where a JSON layout is written: ``CanonicalJSONWriter`` (canonical bytes, no tree) or ``JSONTreeBuilder``
/// (a ``JSONValue``). A layout written once against this protocol gives both, so the bytes the ledger records
/// and the tree the reports read cannot drift apart.
///
/// Layouts write an object's members in canonical key order (UTF-8 byte order), which the byte writer relies
/// on and debug builds check:
///
/// ```swift
/// func write<Sink: JSONSink>(to sink: inout Sink) {
///     sink.object { members in
///         members.member("id") { $0.string(id) }
///         members.member("weight") { $0.decimal(weight) }
///     }
/// }
/// ```
public protocol JSONSink {
    mutating func null()
    mutating func bool(_ value: Bool)
    mutating func integer(_ value: Int64)
    mutating func string(_ value: String)
    /// Writes a decimal quantity as its exact string form (as ``JSONValue/decimal(_:)``).
    mutating func decimal(_ value: Decimal)
    /// Writes a whole value (for parts of a layout that are already trees, such as a part's inputs).
    mutating func value(_ value: JSONValue)
    /// Writes an array whose items `items` writes.
    mutating func array(_ items: (inout Self) -> Void)
    /// Writes an object whose members `members` writes, each with ``member(_:_:)``, in canonical key order.
    mutating func object(_ members: (inout Self) -> Void)
    /// Names the next member of the object being written; the next value written is its value.
    mutating func key(_ key: String)
}

extension JSONSink {
    /// Writes the member `key` whose value `value` writes.
    public mutating func member(_ key: String, _ value: (inout Self) -> Void) {
        self.key(key)
        value(&self)
    }

    public mutating func decimal(_ value: Decimal) {
        string(DecimalText.exact(value))
    }

    /// A decimal quantity, or `null` when absent.
    public mutating func decimal(_ value: Decimal?) {
        if let value { decimal(value) } else { null() }
    }

    /// A string, or `null` when absent (as ``JSONValue/optional(_:)``).
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// A boolean, or `null` when absent.
    public mutating func bool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        array { items in
            for value in values { items.string(value) }
        }
    }
}
