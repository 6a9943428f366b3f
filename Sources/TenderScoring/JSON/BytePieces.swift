/// Bytes made in pieces, put together only where one array is needed.
public enum BytePieces {
    /// The bytes of `pieces` one after another, in one array of their total size, each piece let go once it is
    /// copied (a piece alone is returned as it is).
    public static func joined(_ pieces: consuming [[UInt8]]) -> [UInt8] {
        if pieces.count == 1 { return pieces[0] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        pieces.reverse()
        while let piece = pieces.popLast() { bytes.append(contentsOf: piece) }
        return bytes
    }

    /// The pieces `produce` hands to its argument, in order, each copied at its size: a producer may hand on a buffer
    /// it reuses (twice a piece's size or more), which a kept piece would otherwise hold.
    public static func collected(_ produce: (_ piece: ([UInt8]) -> Void) -> Void) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        produce { piece in pieces.append(piece.withUnsafeBufferPointer { Array($0) }) }
        return pieces
    }
}
