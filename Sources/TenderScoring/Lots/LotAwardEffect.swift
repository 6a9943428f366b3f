/// What removing one tender from its lot would do to the award across lots: the lots whose award would change.
/// (The cross-lot effect the overview reports: under a limit, a tender that wins nothing can still decide who wins
/// another lot.)
public struct LotAwardEffect: Sendable, Hashable {
    /// The lot the tender is removed from.
    public var lot: String
    public var tender: String
    public var supplier: Supplier
    public var changes: [LotAwardChange]

    public init(lot: String, tender: String, supplier: Supplier, changes: [LotAwardChange]) {
        self.lot = lot
        self.tender = tender
        self.supplier = supplier
        self.changes = changes
    }
}

/// One lot whose award would change: from the tender awarded now to the one that would be.
public struct LotAwardChange: Sendable, Hashable {
    public var lot: String
    public var from: String?
    public var to: String?

    public init(lot: String, from: String?, to: String?) {
        self.lot = lot
        self.from = from
        self.to = to
    }
}
