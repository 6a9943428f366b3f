import TenderScoring

/// A report file handed on as pieces whose bytes one after another are the file's
/// (``ReportSet/render(result:methodology:submissions:context:intoPieces:)``,
/// ``EvaluationFiles/render(_:methodology:earlierStages:resultBytes:intoPieces:)``): made already, or made as they
/// are read (``init(producing:)``), so that a file of tens of megabytes is written without being held.
public struct FilePieces {
    private enum Source {
        case made([[UInt8]])
        case producing((_ piece: ([UInt8]) -> Void) -> Void)
    }

    private let source: Source

    /// A file of pieces already made.
    public init(_ pieces: [[UInt8]]) {
        source = .made(pieces)
    }

    /// A file whose pieces `produce` makes and hands to its argument, in order, each time the file is read. A piece
    /// may be a buffer the producer reuses: a reader that keeps pieces keeps them as values.
    public init(producing produce: @escaping (_ piece: ([UInt8]) -> Void) -> Void) {
        source = .producing(produce)
    }

    /// Hands each piece to `body`, in order.
    public func forEach(_ body: ([UInt8]) -> Void) {
        switch source {
        case .made(let pieces): pieces.forEach(body)
        case .producing(let produce): produce(body)
        }
    }

    /// The file's bytes in one array (a file of one piece made already is that piece, not a copy).
    public var joined: [UInt8] {
        switch source {
        case .made(let pieces):
            return BytePieces.joined(pieces)
        case .producing(let produce):
            return BytePieces.joined(BytePieces.collected(produce))
        }
    }

    /// The text `write` hands to its argument, string by string, as UTF-8 bytes handed to `piece` in pieces of at
    /// least `pieceSize` bytes (the last may be shorter; a longer string makes a longer piece), each as soon as it is
    /// full: only the piece being filled is held.
    static func text(
        pieceSize: Int = 1 << 20, _ write: (_ add: (String) -> Void) -> Void, to piece: ([UInt8]) -> Void
    ) {
        withoutActuallyEscaping(piece) { piece in
            var current: [UInt8] = []
            current.reserveCapacity(pieceSize)
            write { text in
                current.append(contentsOf: text.utf8)
                guard current.count >= pieceSize else { return }
                piece(current)
                current = []
                current.reserveCapacity(pieceSize)
            }
            if !current.isEmpty { piece(current) }
        }
    }
}
