import Foundation

/// Writes to standard output and standard error.
enum Console {
    static func out(_ text: String) {
        out(lines: [text])
    }

    /// Writes `lines`, each followed by a newline, about 64 KiB at a time: the table of a large procurement is
    /// megabytes, and is neither joined nor copied whole to be written.
    static func out(lines: [String]) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        func flush() {
            FileHandle.standardOutput.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
        for line in lines {
            buffer.append(contentsOf: line.utf8)
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 16 { flush() }
        }
        if !buffer.isEmpty { flush() }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
