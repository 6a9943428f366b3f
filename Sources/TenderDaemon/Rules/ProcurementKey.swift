public import TenderScoring

/// A procurement (and lot, and stage of a procedure with stages) the daemon evaluates: what methodologies and
/// documents are matched on.
public struct ProcurementKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var reference: String
    public var lot: String?
    /// The stage's id, for a procedure with stages (each stage has its own methodology and documents).
    public var stage: String?

    public init(reference: String, lot: String?, stage: String? = nil) {
        self.reference = reference
        self.lot = lot
        self.stage = stage
    }

    public init(_ info: ProcurementInfo) {
        self.init(reference: info.reference, lot: info.lot)
    }

    /// The procurement (lot, stage) a close request closes.
    init(_ close: CloseRequest) {
        self.init(reference: close.procurement, lot: close.lot, stage: close.stage)
    }

    /// The procurement (lot, stage) a decision is about.
    init(_ decision: Decision) {
        self.init(reference: decision.procurement, lot: decision.lot, stage: decision.stage)
    }

    /// The key a methodology evaluates: its procurement and lot, and its stage.
    public init(_ methodology: Methodology) {
        self.init(
            reference: methodology.procurement.reference, lot: methodology.procurement.lot, stage: methodology.stage?.id
        )
    }

    /// The same procurement and lot without the stage.
    public var procedure: ProcurementKey { ProcurementKey(reference: reference, lot: lot) }

    public var description: String {
        (lot.map { "\(reference) lot \($0)" } ?? reference) + (stage.map { " stage \($0)" } ?? "")
    }

    /// A folder name for reports: the reference, then `-lot-N`, then `-stage-S`; anything but letters, digits, `-_.`
    /// becomes `_`.
    public var folderName: String {
        let raw = (lot.map { "\(reference)-lot-\($0)" } ?? reference) + (stage.map { "-stage-\($0)" } ?? "")
        return String(raw.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    public static func < (lhs: ProcurementKey, rhs: ProcurementKey) -> Bool {
        (lhs.reference, lhs.lot ?? "", lhs.stage ?? "") < (rhs.reference, rhs.lot ?? "", rhs.stage ?? "")
    }
}
