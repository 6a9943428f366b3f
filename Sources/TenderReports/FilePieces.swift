/// A report file handed as pieces (``ReportSet/render(result:methodology:submissions:context:intoPieces:)``,
/// ``EvaluationFiles/render(_:methodology:earlierStages:resultBytes:intoPieces:)``): its bytes are the pieces' one
/// after another.
public enum FilePieces {
    /// The bytes of `pieces` one after another, in one array of their total size (a piece alone is returned as it is).
    public static func joined(_ pieces: [[UInt8]]) -> [UInt8] {
        if pieces.count == 1 { return pieces[0] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { bytes.append(contentsOf: piece) }
        return bytes
    }
}
