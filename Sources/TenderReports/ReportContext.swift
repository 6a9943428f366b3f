public import TenderScoring

/// What the reports need beyond the evaluation itself: dates, references and settings passed in by the
/// caller, so that the same inputs always give the same bytes.
public struct ReportContext: Sendable, Hashable {
    /// The UK date the contract details (award) notice is, or will be, published; starts the standstill.
    /// `nil` leaves the standstill end out of the reports.
    public var noticeDate: CalendarDate?
    /// When the OCDS release is published: its `date` and the package's `publishedDate`.
    public var publishedAt: Timestamp
    /// The SHA-256 of the rule set the evaluation used.
    public var rulesetDigest: String?
    /// Where the evaluation is recorded in the score ledger.
    public var ledger: LedgerReference?
    /// The buyer's organisation identifier (for example `GB-GOR-PB1234`); a name-based id is used without it.
    public var buyerIdentifier: String?
    /// The OCDS package's `uri`; `urn:tender:<ocid>:<release id>` without it.
    public var packageURI: String?
    /// Thresholds for the red flags.
    public var redFlags: RedFlagSettings
    /// The calendar that counts the standstill.
    public var calendar: StandstillCalendar
    /// For a stage of a procedure with stages: the outcomes of the stages before it, in order (the reports show
    /// every stage).
    public var earlierStages: [StageOutcome] = []

    public init(
        noticeDate: CalendarDate?, publishedAt: Timestamp, rulesetDigest: String? = nil,
        ledger: LedgerReference? = nil, buyerIdentifier: String? = nil, packageURI: String? = nil,
        redFlags: RedFlagSettings = RedFlagSettings(), calendar: StandstillCalendar = StandstillCalendar()
    ) {
        self.noticeDate = noticeDate
        self.publishedAt = publishedAt
        self.rulesetDigest = rulesetDigest
        self.ledger = ledger
        self.buyerIdentifier = buyerIdentifier
        self.packageURI = packageURI
        self.redFlags = redFlags
        self.calendar = calendar
    }

    /// The standstill's last day, when a notice date is known.
    func standstillEnd() throws(ReportError) -> CalendarDate? {
        guard let noticeDate else { return nil }
        return try calendar.standstillEnd(noticeDate: noticeDate)
    }
}

/// Where an evaluation is recorded in the score ledger.
public struct LedgerReference: Sendable, Hashable {
    /// The ledger file (or its name), as the reader should look for it.
    public var file: String?
    /// The sequence number of the ledger entry holding the evaluation.
    public var sequence: Int64
    /// The entry's hash, hex.
    public var entryHash: String?
    /// The latest signed checkpoint covering the entry (its text or root hash).
    public var checkpoint: String?
    /// The `decision-recorded` entry of each decision the reports cite, by the decision document's SHA-256.
    public var decisions: [String: Int64]

    public init(
        file: String? = nil, sequence: Int64, entryHash: String? = nil, checkpoint: String? = nil,
        decisions: [String: Int64] = [:]
    ) {
        self.file = file
        self.sequence = sequence
        self.entryHash = entryHash
        self.checkpoint = checkpoint
        self.decisions = decisions
    }
}
