/// The limit on the lots one supplier may tender for (`lot_limits.tender`): a supplier's lots are taken in the order
/// it tendered for them (by when it first tendered for each, then in the order its document lists them); the lots
/// beyond the limit are not assessed, and their tenders say why.
///
/// Late tenders count for nothing (they are not assessed anyway); a tender superseded in one lot still counts that
/// lot, as the supplier has tendered for it.
public struct LotTenderLimit: Sendable {
    public let maximum: Int

    public init(maximum: Int) {
        self.maximum = maximum
    }

    /// The limit a lotted methodology declares, if any.
    public init?(_ methodology: Methodology) {
        guard let maximum = methodology.lotting?.limits.maxTendered else { return nil }
        self.init(maximum: maximum)
    }

    /// Why each lot's tenders from each supplier are not assessed: keyed by supplier identity, then lot.
    /// `tenders` is every tender of the procurement (whole documents or any lot's view of them: each document counts
    /// once), `deadline` the tender deadline.
    public func excess(_ tenders: [Submission], deadline: Timestamp?) -> [String: [String: String]] {
        var seen: Set<String> = []
        var firsts: [String: [String: (Timestamp?, Int, Int)]] = [:]
        for (index, tender) in tenders.enumerated() where seen.insert(tender.documentID).inserted {
            if let deadline, let received = tender.receivedAt, received > deadline { continue }
            for (position, lot) in tender.tenderedLots.enumerated() {
                let candidate = (tender.receivedAt, index, position)
                if let first = firsts[tender.supplier.identity]?[lot], !Self.earlier(candidate, than: first) {
                    continue
                }
                firsts[tender.supplier.identity, default: [:]][lot] = candidate
            }
        }
        var result: [String: [String: String]] = [:]
        for (supplier, lots) in firsts where lots.count > maximum {
            let ordered = lots.sorted { Self.earlier($0.value, than: $1.value) }.map(\.key)
            let kept = ordered.prefix(maximum)
            for lot in ordered.dropFirst(maximum) {
                result[supplier, default: [:]][lot] =
                    "the supplier tendered for \(ordered.count) lots (\(ordered.joined(separator: ", "))), more than the "
                    + "\(maximum) one supplier may tender for (lot_limits.tender): lots count in the order tendered, so "
                    + "\(kept.count == 1 ? "lot" : "lots") \(kept.joined(separator: ", ")) \(kept.count == 1 ? "is" : "are") "
                    + "assessed and this tender for lot \(lot) is not"
            }
        }
        return result
    }

    /// Marks the tenders of one lot that are beyond their supplier's limit (``Submission/notAssessed``).
    public func apply(to lot: String, _ views: [Submission], across tenders: [Submission], deadline: Timestamp?)
        -> [Submission]
    {
        Self.mark(lot, views, excess: excess(tenders, deadline: deadline))
    }

    /// Marks the tenders of one lot with the reasons ``excess(_:deadline:)`` gave.
    static func mark(_ lot: String, _ views: [Submission], excess: [String: [String: String]]) -> [Submission] {
        guard !excess.isEmpty else { return views }
        return views.map { view in
            var marked = view
            marked.notAssessed = excess[view.supplier.identity]?[lot]
            return marked
        }
    }

    /// Earlier tendered: received earlier (unknown last), then recorded earlier, then listed earlier.
    private static func earlier(_ a: (Timestamp?, Int, Int), than b: (Timestamp?, Int, Int)) -> Bool {
        switch (a.0, b.0) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (a.1, a.2) < (b.1, b.2)
        }
    }
}
