import Foundation

/// Writes to standard output and standard error.
enum Console {
    static func out(_ text: String) {
        out(lines: [text])
    }

    /// Writes `lines`, each followed by a newline, gathered into writes of about 64 KiB (see ``out(writing:)``).
    static func out(lines: [String]) {
        out { line in lines.forEach(line) }
    }

    /// Writes each line `lines` gives, followed by a newline, as it is given, gathered into writes of about 64 KiB (a
    /// longer line, such as `--json`'s one, in one write of its own size): the table of a large procurement is
    /// megabytes of short lines, never held, joined nor copied whole to be written.
    static func out(writing lines: ((String) -> Void) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        func flush() {
            FileHandle.standardOutput.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
        lines { line in
            var line = line
            if line.utf8.count >= 1 << 16 {
                if !buffer.isEmpty { flush() }
                line.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else { return }
                    FileHandle.standardOutput.write(
                        Data(
                            bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none
                        ))
                }
            } else {
                buffer.append(contentsOf: line.utf8)
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 16 { flush() }
        }
        if !buffer.isEmpty { flush() }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
