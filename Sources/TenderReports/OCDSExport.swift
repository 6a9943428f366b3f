import Foundation
public import TenderScoring

/// An OCDS 1.1 release package for one procurement (or lot): the tender with its lot and weighted award
/// criteria, every bid with its value and status, the award, and tenderer counts (bids, lots and award
/// criteria extensions, as declared by the UK Find a Tender service).
///
/// OCDS has no field for per-criterion scores: those stay in the ledger and the evaluation report, which the
/// release links as an `evaluationReports` document.
///
/// ```swift
/// let bytes = OCDSExport(result: result, methodology: methodology, submissions: submissions, context: context)
///     .packageBytes
/// ```
public struct OCDSExport: Sendable {
    /// The extensions the package declares.
    public static let extensions = [
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/"
            + "extension.json",
    ]

    public let result: EvaluationResult
    public let methodology: Methodology
    public let submissions: [Submission]
    public let context: ReportContext

    public init(result: EvaluationResult, methodology: Methodology, submissions: [Submission], context: ReportContext) {
        self.result = result
        self.methodology = methodology
        self.submissions = submissions
        self.context = context
    }

    /// The open contracting id: the procurement reference.
    public var ocid: String { methodology.procurement.reference }

    /// The release id: `<ocid>-award[-lot-<lot>]`, or `-evaluation` while no award can be made (`-stage-<id>` for a
    /// stage before the final one of a procedure with stages), then `-<seq>`, the ledger entry of the evaluation when
    /// it is recorded: each evaluation of a procurement (a close, and each decision after it) is a release of its
    /// own, and OCDS release ids are unique within an ocid.
    public var releaseID: String {
        let stage =
            hasAward
            ? "award"
            : methodology.stage.flatMap { $0.isFinal ? nil : "stage-\($0.id)" } ?? "evaluation"
        return "\(ocid)-\(stage)" + (methodology.procurement.lot.map { "-lot-\($0)" } ?? "")
            + (context.ledger.map { "-\($0.sequence)" } ?? "")
    }

    /// The lot id used in `relatedLots`.
    public var lotID: String { methodology.procurement.lot ?? "1" }

    var hasAward: Bool { result.isFinal && result.winner != nil }

    /// The package as pretty-printed JSON bytes (keys in schema order, exact decimal amounts).
    public var packageBytes: [UInt8] { package.bytes }

    /// ``packageBytes`` in pieces of about a megabyte, made as the file is written: the parties, tenderers and bids of
    /// a procurement of thousands of tenders are made one at a time, never held as a tree or as one text.
    public var packagePieces: FilePieces {
        FilePieces { piece in
            FilePieces.text({ add in package.write(to: add) }, to: piece)
        }
    }

    var package: JSONDocument {
        .object([
            ("uri", .string(context.packageURI ?? "urn:tender:\(ocid):\(releaseID)")),
            ("version", .string("1.1")),
            ("publishedDate", .string(context.publishedAt.description)),
            ("publisher", .object([("name", .string(methodology.procurement.buyer ?? "Contracting authority"))])),
            ("extensions", .array(Self.extensions.map { .string($0) })),
            ("releases", .array([release])),
        ])
    }

    var release: JSONDocument {
        var members: [(String, JSONDocument)] = [
            ("ocid", .string(ocid)), ("id", .string(releaseID)), ("date", .string(context.publishedAt.description)),
            ("tag", .array([.string(hasAward ? "award" : "tenderUpdate")])), ("initiationType", .string("tender")),
            ("language", .string("en")), ("parties", parties), ("buyer", buyer), ("tender", tender),
            ("bids", bids),
        ]
        if let award { members.append(("awards", .array([award]))) }
        return .object(members)
    }

    var buyerID: String {
        context.buyerIdentifier ?? "buyer-" + Self.slug(methodology.procurement.buyer ?? "contracting-authority")
    }

    var buyer: JSONDocument {
        .object([("id", .string(buyerID)), ("name", .string(methodology.procurement.buyer ?? "Contracting authority"))])
    }

    /// Tenders that count as bids: everything but superseded versions.
    var bidders: [TenderResult] { result.tenders.filter { $0.status != .superseded } }

    static func partyID(_ supplier: Supplier) -> String {
        supplier.identifier ?? "tenderer-" + slug(supplier.name)
    }

    static func organisation(_ supplier: Supplier) -> JSONDocument {
        .object([("id", .string(partyID(supplier))), ("name", .string(supplier.name))])
    }

    /// The buyer, then each supplier once (the first of its tenders by key), each made as it is written.
    var parties: JSONDocument {
        let buyer = JSONDocument.object([
            ("id", .string(buyerID)), ("name", .string(methodology.procurement.buyer ?? "Contracting authority")),
            ("roles", .array([.string("buyer"), .string("procuringEntity")])),
        ])
        var seen: Set<String> = []
        var list: [(id: String, name: String, awarded: Bool)] = []
        for tender in byKey {
            let id = Self.partyID(tender.supplier)
            guard seen.insert(id).inserted else { continue }
            list.append((id, tender.supplier.name, hasAward && tender.key == result.winner))
        }
        let suppliers = list
        return .lazyArray(count: suppliers.count + 1) { index in
            guard index > 0 else { return buyer }
            let supplier = suppliers[index - 1]
            var roles: [JSONDocument] = [.string("tenderer")]
            if supplier.awarded { roles.append(.string("supplier")) }
            return .object([("id", .string(supplier.id)), ("name", .string(supplier.name)), ("roles", .array(roles))])
        }
    }

    /// The tenders in key order.
    var byKey: [TenderResult] { result.tenders.sorted { $0.key < $1.key } }

    static func slug(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.hasSuffix("-") {
                out.append("-")
            }
        }
        return out.trimmingCharacters(in: ["-"])
    }
}
