import WasmKit
import WasmParser

/// A module prepared for instance reuse: the same code, with every mutable global exported under a name only the
/// host uses, so that a kept instance can be put back to its state right after instantiation.
///
/// An instance's state is its linear memory, its globals, its tables and which passive segments were dropped.
/// The host restores memory and globals after each call. A module whose code can change a table or drop a
/// segment (`table.set`, `table.grow`, `table.fill`, `table.copy`, `table.init`, `elem.drop`, `data.drop`), or
/// that runs a start function at instantiation (its fuel is charged to every fresh call), is not reused: each of
/// its calls gets a fresh instance, as before.
struct ReusableModule: Sendable {
    /// The prefix of the export names the host adds; a module that already exports such a name is not reused.
    static let exportPrefix = "tender.host.global."

    /// The module with the added exports, parsed by WasmKit.
    let module: Module
    /// The added export names, one per mutable global.
    let globalExports: [String]

    /// Prepares `bytes` (a module that passed validation) for reuse, or says why its instances cannot be reused.
    static func prepare(_ bytes: [UInt8]) -> Result<ReusableModule, Refusal> {
        let shape: Shape
        do {
            shape = try Shape(bytes: bytes)
        } catch {
            return .failure(Refusal(reason: "its code could not be scanned: \(error)"))
        }
        if shape.hasStart { return .failure(Refusal(reason: "it runs a start function at instantiation")) }
        if let instruction = shape.stateChanging {
            return .failure(
                Refusal(reason: "its code uses \(instruction), which changes instance state memory does not hold"))
        }
        if shape.exportNames.contains(where: { $0.hasPrefix(exportPrefix) }) {
            return .failure(Refusal(reason: "it already exports names starting with '\(exportPrefix)'"))
        }
        let names = shape.mutableGlobals.map { "\(exportPrefix)\($0)" }
        guard
            let rewritten = addingGlobalExports(
                zip(names, shape.mutableGlobals).map { ($0, $1) }, to: bytes),
            let module = try? parseWasm(bytes: rewritten)
        else { return .failure(Refusal(reason: "its export section could not be extended")) }
        return .success(ReusableModule(module: module, globalExports: names))
    }

    /// Why a module's instances are not reused.
    struct Refusal: Error, Sendable, Hashable {
        var reason: String
    }

    /// What reuse needs from a module's sections.
    private struct Shape {
        var hasStart = false
        var stateChanging: String?
        var exportNames: [String] = []
        /// Global indices (imports first, as the index space counts them) of mutable globals.
        var mutableGlobals: [UInt32] = []

        init(bytes: [UInt8]) throws {
            var parser = Parser(bytes: bytes)
            var importedGlobals: UInt32 = 0
            while let payload = try parser.parseNext() {
                switch payload {
                case .importSection(let imports):
                    for entry in imports {
                        if case .global(let type) = entry.descriptor {
                            if type.mutability == .variable { mutableGlobals.append(importedGlobals) }
                            importedGlobals += 1
                        }
                    }
                case .globalSection(let globals):
                    for (offset, global) in globals.enumerated() where global.type.mutability == .variable {
                        mutableGlobals.append(importedGlobals + UInt32(offset))
                    }
                case .exportSection(let exports):
                    exportNames = exports.map(\.name)
                case .startSection:
                    hasStart = true
                case .codeSection(let bodies):
                    var scanner = StateScanner()
                    for code in bodies where scanner.found == nil {
                        var expression = ExpressionParser(code: code)
                        while scanner.found == nil, let visit = try expression.parse() {
                            try visit(visitor: &scanner)
                        }
                    }
                    stateChanging = scanner.found
                default:
                    break
                }
            }
        }
    }

    /// Finds the first instruction that changes a table or drops a segment.
    private struct StateScanner: AnyInstructionVisitor {
        typealias VisitorError = WasmParserError

        var binaryOffset = 0
        var found: String?

        mutating func visit(_ instruction: Instruction) throws(WasmParserError) {
            switch instruction {
            case .tableSet: found = "table.set"
            case .tableGrow: found = "table.grow"
            case .tableFill: found = "table.fill"
            case .tableCopy: found = "table.copy"
            case .tableInit: found = "table.init"
            case .elemDrop: found = "elem.drop"
            case .dataDrop: found = "data.drop"
            default: break
            }
        }
    }

    /// `bytes` with `(name, global index)` exports appended to the export section, or nil if the section cannot be
    /// read.
    static func addingGlobalExports(_ exports: [(String, UInt32)], to bytes: [UInt8]) -> [UInt8]? {
        var reader = ByteReader(bytes: bytes[...])
        guard let header = reader.take(8) else { return nil }
        var out = Array(header)
        var extended = false
        while !reader.isAtEnd {
            guard let id = reader.byte(), let size = reader.leb(), let body = reader.take(Int(size)) else { return nil }
            guard id == 7 else {
                out.append(id)
                out += leb(size)
                out += body
                continue
            }
            var section = ByteReader(bytes: body)
            guard let count = section.leb() else { return nil }
            var newBody = leb(count + UInt64(exports.count)) + Array(section.bytes)
            for (name, index) in exports {
                newBody += leb(UInt64(name.utf8.count)) + Array(name.utf8) + [0x03] + leb(UInt64(index))
            }
            out.append(7)
            out += leb(UInt64(newBody.count))
            out += newBody
            extended = true
        }
        return extended ? out : nil
    }

    /// Unsigned LEB128.
    static func leb(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
        return out
    }
}
