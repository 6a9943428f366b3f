public import Foundation
public import TenderScoring

/// A rule-test file (`kind: rule-tests`): documents in, expected statuses, points, ranks and flags out.
///
/// ```yaml
/// kind: rule-tests
/// methodology: ../retrofit.yaml
/// tests:
///   - name: quality beats a cheaper bid
///     documents: [../examples/retrofit/brightwall.yaml, ../examples/retrofit/cladco.yaml]
///     expect:
///       winner: T-0007
///       tenders: {T-0007: {status: assessed, rank: 1, total: 86.4, points: {price: 39.06}}}
///       flags: [{kind: leave-one-out, tender: T-0003}]
/// ```
public struct RuleTestFile: Sendable {
    /// The methodology path, relative to the test file (for a procedure with stages, the first stage's).
    public var methodology: String
    public var methodologyLocation: SourceLocation
    public var tests: [RuleTestCase]
    /// For a procedure with stages (`stages:` instead of `methodology:`): every stage's methodology file, and any
    /// refinement, relative to the test file.
    public var stages: [String] = []
    /// For a call-off: the framework or dynamic market records it is resolved against (`frameworks:`), relative to
    /// the test file.
    public var frameworks: [String] = []
}

/// One test: documents and what the evaluation must show.
public struct RuleTestCase: Sendable {
    public var name: String
    public var location: SourceLocation
    public var documents: [RuleTestDocument]
    public var expect: RuleExpectations
    /// For a methodology with lots: the award mechanism to evaluate with instead of the declared one.
    public var mechanism: LotMechanism?
}

/// A document of a test: a path relative to the test file, or a document written inline.
public enum RuleTestDocument: Sendable {
    case path(String, SourceLocation)
    case inline(ParsedDocument, SourceLocation)
}

/// What a test expects. Only what is written is checked.
public struct RuleExpectations: Sendable {
    public var isFinal: Bool?
    /// `.some(nil)` expects no winner.
    public var winner: String??
    public var tenders: [(key: String, expectation: TenderExpectation)]
    public var flags: [FlagExpectation]
    /// ScoringFlag kinds that must not be raised at all.
    public var absentFlags: [String]
    /// `tender/question` pairs expected in the missing-marks report.
    public var missingMarks: [String]?
    /// How many marks documents (or embedded marks) are expected to be rejected.
    public var rejectedMarks: Int?
    public var location: SourceLocation
    /// For a methodology with lots: what each lot's evaluation must show, by lot.
    public var lots: [(lot: String, expectation: RuleExpectations)] = []
    /// For a methodology with lots: what the award across lots must show, by lot.
    public var award: [(lot: String, expectation: AwardExpectation)] = []
    /// For a procedure with stages: what each stage's evaluation must show, by stage id.
    public var stages: [(stage: String, expectation: RuleExpectations)] = []
    /// In a stage's block: the tenders it takes forward (in rank order) and those it drops (in any order).
    public var progressed: [String]?
    public var dropped: [String]?
    /// For a procedure with stages: the submissions a stage must refuse, with words their reasons must contain.
    public var refused: [RefusalExpectation] = []
}

/// A submission a stage of a procedure with stages must refuse.
public struct RefusalExpectation: Sendable {
    public var tender: String
    public var stage: String?
    public var reasonContains: [String]
    public var location: SourceLocation
}

/// What one lot's award must show.
public struct AwardExpectation: Sendable {
    /// `.some(nil)` expects the lot left unawarded.
    public var awarded: String??
    public var moved: Bool?
    public var reasonContains: [String]
    public var location: SourceLocation
}

/// What one tender's result must show.
public struct TenderExpectation: Sendable {
    public var status: TenderStatus?
    public var rank: Int??
    /// Compared after rounding the actual value to the methodology's published places.
    public var total: Decimal?
    public var points: [(criterion: String, points: Decimal)]
    public var pricePerQualityPoint: Decimal?
    /// Substrings that must appear in the tender's reasons.
    public var reasonsContain: [String]
    public var location: SourceLocation
}

/// A flag that must be raised.
public struct FlagExpectation: Sendable {
    public var kind: String
    public var tender: String?
    public var check: String?
    public var location: SourceLocation
}
