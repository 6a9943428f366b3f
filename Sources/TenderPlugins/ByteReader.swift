/// A bounds-checked cursor over bytes.
struct ByteReader {
    var bytes: ArraySlice<UInt8>

    var isAtEnd: Bool { bytes.isEmpty }

    func peek() -> UInt8? { bytes.first }

    mutating func byte() -> UInt8? { bytes.popFirst() }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= bytes.count else { return nil }
        let taken = bytes.prefix(count)
        bytes = bytes.dropFirst(count)
        return taken
    }

    /// An unsigned LEB128 number of at most 64 bits.
    mutating func leb() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = byte() {
            guard shift < 64 else { return nil }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }

    mutating func name() -> String? {
        guard let length = leb(), length <= UInt64(bytes.count), let raw = take(Int(length)) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func limits() -> ModuleScan.Limits? {
        guard let flags = byte(), flags <= 0x07, let min = leb() else { return nil }
        var max: UInt64?
        if flags & 0x01 != 0 {
            guard let value = leb() else { return nil }
            max = value
        }
        return ModuleScan.Limits(min: min, max: max, is64: flags & 0x04 != 0, shared: flags & 0x02 != 0)
    }
}
