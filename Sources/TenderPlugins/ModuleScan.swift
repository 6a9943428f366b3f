/// The parts of a WebAssembly binary that plugin policy needs and WasmKit does not make public: imports, and
/// the limits of declared memories and tables.
///
/// Run it only on bytes that `parseWasm` accepted; it still bounds-checks every read and reports malformed
/// input as `nil` rather than trapping.
struct ModuleScan: Sendable, Hashable {
    struct ImportEntry: Sendable, Hashable {
        var module: String
        var name: String
        var kind: String
    }

    struct Limits: Sendable, Hashable {
        var min: UInt64
        var max: UInt64?
        var is64: Bool
        var shared: Bool
    }

    var imports: [ImportEntry] = []
    var memories: [Limits] = []
    var tables: [Limits] = []

    /// Scans `bytes`, or returns `nil` if they are not a well-formed module binary.
    init?(bytes: [UInt8]) {
        var reader = ByteReader(bytes: bytes[...])
        guard reader.take(8) == [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00] else { return nil }
        while !reader.isAtEnd {
            guard let id = reader.byte(), let size = reader.leb(), let body = reader.take(Int(size)) else { return nil }
            var section = ByteReader(bytes: body)
            switch id {
            case 2: guard scanImports(&section) else { return nil }
            case 4: guard scanTables(&section) else { return nil }
            case 5: guard scanMemories(&section) else { return nil }
            default: break
            }
        }
    }

    private mutating func scanImports(_ reader: inout ByteReader) -> Bool {
        guard let count = reader.leb() else { return false }
        for _ in 0..<count {
            guard let module = reader.name(), let name = reader.name(), let kind = reader.byte() else { return false }
            switch kind {
            case 0x00:
                guard reader.leb() != nil else { return false }
                imports.append(ImportEntry(module: module, name: name, kind: "function"))
            case 0x01:
                guard reader.byte() != nil, let limits = reader.limits() else { return false }
                tables.append(limits)
                imports.append(ImportEntry(module: module, name: name, kind: "table"))
            case 0x02:
                guard let limits = reader.limits() else { return false }
                memories.append(limits)
                imports.append(ImportEntry(module: module, name: name, kind: "memory"))
            case 0x03:
                guard reader.byte() != nil, reader.byte() != nil else { return false }
                imports.append(ImportEntry(module: module, name: name, kind: "global"))
            case 0x04:
                guard reader.byte() != nil, reader.leb() != nil else { return false }
                imports.append(ImportEntry(module: module, name: name, kind: "tag"))
            default:
                return false
            }
        }
        return true
    }

    private mutating func scanTables(_ reader: inout ByteReader) -> Bool {
        guard let count = reader.leb() else { return false }
        for _ in 0..<count {
            // A table with an initializer expression (0x40 0x00) ends in an expression we do not parse; its limits
            // come first, and nothing after the last table matters, so only a later table would be misread.
            if reader.peek() == 0x40 {
                guard reader.take(2) != nil, reader.byte() != nil, let limits = reader.limits() else { return false }
                tables.append(limits)
                return count == 1
            }
            guard reader.byte() != nil, let limits = reader.limits() else { return false }
            tables.append(limits)
        }
        return true
    }

    private mutating func scanMemories(_ reader: inout ByteReader) -> Bool {
        guard let count = reader.leb() else { return false }
        for _ in 0..<count {
            guard let limits = reader.limits() else { return false }
            memories.append(limits)
        }
        return true
    }
}
