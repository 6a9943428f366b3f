public import TenderScoring

/// A procurement (and lot) the daemon evaluates: what methodologies and documents are matched on.
public struct ProcurementKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var reference: String
    public var lot: String?

    public init(reference: String, lot: String?) {
        self.reference = reference
        self.lot = lot
    }

    public init(_ info: ProcurementInfo) {
        self.init(reference: info.reference, lot: info.lot)
    }

    public var description: String { lot.map { "\(reference) lot \($0)" } ?? reference }

    /// A folder name for reports: the reference, then `-lot-N`; anything but letters, digits, `-_.` becomes `_`.
    public var folderName: String {
        let raw = lot.map { "\(reference)-lot-\($0)" } ?? reference
        return String(raw.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    public static func < (lhs: ProcurementKey, rhs: ProcurementKey) -> Bool {
        (lhs.reference, lhs.lot ?? "") < (rhs.reference, rhs.lot ?? "")
    }
}
