import Foundation
import TenderScoring

/// One OCDS 1.1 release package for every lot of a lotted procurement: the tender with all its lots (each with its
/// award criteria) and the limits (`lotDetails`), a bid per tender per lot with that lot's value (`relatedLots`),
/// bid statistics per lot, and an award per lot as the award across lots gives it (a lot left unawarded is an
/// `unsuccessful` award). Built from each lot's ``OCDSExport``.
struct LotOCDSExport {
    let award: LotAward
    let methodology: Methodology
    let lots: [LotReportSet.Lot]
    let context: ReportContext

    var exports: [OCDSExport] {
        lots.map {
            OCDSExport(result: $0.result, methodology: $0.methodology, submissions: $0.submissions, context: context)
        }
    }

    var ocid: String { methodology.procurement.reference }

    /// `<ocid>-award-lots` once the award is final (`-evaluation-lots` before), then the `lots-awarded` ledger entry.
    var releaseID: String {
        "\(ocid)-\(award.isFinal ? "award" : "evaluation")-lots" + (context.ledger.map { "-\($0.sequence)" } ?? "")
    }

    var package: JSONDocument {
        let buyerName = methodology.procurement.buyer ?? "Contracting authority"
        return .object([
            ("uri", .string(context.packageURI ?? "urn:tender:\(ocid):\(releaseID)")),
            ("version", .string("1.1")),
            ("publishedDate", .string(context.publishedAt.description)),
            ("publisher", .object([("name", .string(buyerName))])),
            ("extensions", .array(OCDSExport.extensions.map { .string($0) })),
            ("releases", .array([release])),
        ])
    }

    var release: JSONDocument {
        let exports = self.exports
        let first = exports[0]
        var members: [(String, JSONDocument)] = [
            ("ocid", .string(ocid)), ("id", .string(releaseID)), ("date", .string(context.publishedAt.description)),
            ("tag", .array([.string(award.isFinal ? "award" : "tenderUpdate")])), ("initiationType", .string("tender")),
            ("language", .string("en")), ("parties", .array(parties(first))), ("buyer", first.buyer),
            ("tender", tender(exports)), ("bids", bids(exports)),
        ]
        if award.isFinal { members.append(("awards", .array(awards(exports)))) }
        return .object(members)
    }

    /// Every tender of every lot but superseded versions.
    var bidders: [(lot: String, tender: TenderResult)] {
        lots.flatMap { lot in
            lot.result.tenders.filter { $0.status != .superseded }.map { (lot.result.lot ?? "", $0) }
        }
    }

    func parties(_ first: OCDSExport) -> [JSONDocument] {
        var list: [JSONDocument] = [
            .object([
                ("id", .string(first.buyerID)),
                ("name", .string(methodology.procurement.buyer ?? "Contracting authority")),
                ("roles", .array([.string("buyer"), .string("procuringEntity")])),
            ])
        ]
        var suppliers: [String: (Supplier, Bool)] = [:]
        for (lot, tender) in bidders {
            let id = OCDSExport.partyID(tender.supplier)
            let awarded = award.isFinal && award.lot(lot)?.awarded == tender.key
            suppliers[id] = (tender.supplier, awarded || (suppliers[id]?.1 ?? false))
        }
        for id in suppliers.keys.sorted() {
            let (supplier, awarded) = suppliers[id]!
            var roles: [JSONDocument] = [.string("tenderer")]
            if awarded { roles.append(.string("supplier")) }
            list.append(.object([("id", .string(id)), ("name", .string(supplier.name)), ("roles", .array(roles))]))
        }
        return list
    }

    func tender(_ exports: [OCDSExport]) -> JSONDocument {
        let procurement = methodology.procurement
        guard case .object(var members) = exports[0].tender else { return exports[0].tender }
        func set(_ key: String, _ value: JSONDocument?) {
            members.removeAll { $0.0 == key }
            if let value { members.append((key, value)) }
        }
        set("id", .string(procurement.reference))
        set("title", .string(procurement.title ?? procurement.reference))
        set("status", .string(award.isFinal ? "complete" : "active"))
        set("value", procurement.estimatedValue.map { OCDSExport.money($0, procurement.currency) })
        let tenderers = Dictionary(bidders.map { (OCDSExport.partyID($0.tender.supplier), $0.tender.supplier) }) {
            a, _ in a
        }
        set("numberOfTenderers", .number(Decimal(tenderers.count)))
        set("tenderers", .array(tenderers.keys.sorted().map { OCDSExport.organisation(tenderers[$0]!) }))
        set("lots", .array(exports.map(\.lot)))
        let limits = methodology.lotting?.limits ?? .none
        var details: [(String, JSONDocument)] = []
        if let tendered = limits.maxTendered {
            details.append(("maximumLotsBidPerSupplier", .number(Decimal(tendered))))
        }
        if let awarded = limits.maxAwarded {
            details.append(("maximumLotsAwardedPerSupplier", .number(Decimal(awarded))))
        }
        set("lotDetails", details.isEmpty ? nil : .object(details))
        set(
            "documents",
            .array(
                exports.map { export in
                    guard case .object(var document) = export.evaluationDocument else {
                        return export.evaluationDocument
                    }
                    document.removeAll { $0.0 == "id" }
                    document.insert(("id", .string("evaluation-report-lot-\(export.lotID)")), at: 0)
                    return .object(document)
                }))
        return .object(members)
    }

    /// A bid's id: the tender key and its lot (a tender for several lots is a bid in each).
    static func bidID(_ key: String, lot: String) -> String { "\(key)-lot-\(lot)" }

    func bids(_ exports: [OCDSExport]) -> JSONDocument {
        var statistics: [JSONDocument] = []
        for export in exports {
            guard case .object(let bids) = export.bids,
                case .array(let items)? = bids.first(where: { $0.0 == "statistics" })?.1
            else { continue }
            for item in items {
                guard case .object(var members) = item,
                    case .string(let id)? = members.first(where: { $0.0 == "id" })?.1
                else { continue }
                members.removeAll { $0.0 == "id" }
                members.insert(("id", .string("lot-\(export.lotID)-\(id)")), at: 0)
                statistics.append(.object(members))
            }
        }
        var used: Set<String> = []
        let details: [JSONDocument] = bidders.sorted { ($0.lot, $0.tender.key) < ($1.lot, $1.tender.key) }.map {
            lot, tender in
            var id = Self.bidID(tender.key, lot: lot)
            while !used.insert(id).inserted { id += "-\(tender.status.rawValue)" }
            var members: [(String, JSONDocument)] = [("id", .string(id))]
            if let received = tender.receivedAt { members.append(("date", .string(received.description))) }
            members += [
                ("status", .string(OCDSExport.bidStatus(tender.status))),
                ("tenderers", .array([OCDSExport.organisation(tender.supplier)])),
                ("value", OCDSExport.money(tender.price.total, tender.price.currency)),
                ("relatedLots", .array([.string(lot)])),
            ]
            return .object(members)
        }
        return .object([("statistics", .array(statistics)), ("details", .array(details))])
    }

    func awards(_ exports: [OCDSExport]) -> [JSONDocument] {
        award.lots.map { line in
            let lot = lots.first { $0.result.lot == line.lot }
            let title = lot.map { MethodologyText.title($0.methodology.procurement) } ?? "lot \(line.lot)"
            guard let key = line.awarded, let tender = lot?.result.tender(key) else {
                return .object([
                    ("id", .string("\(ocid)-award-lot-\(line.lot)-unawarded")),
                    ("title", .string("Lot \(line.lot) not awarded: \(title)")),
                    ("description", .string(line.reason)), ("status", .string("unsuccessful")),
                    ("date", .string(context.publishedAt.description)), ("relatedLots", .array([.string(line.lot)])),
                ])
            }
            var description =
                "Lot \(line.lot): \(Figures.points(tender.total, places: methodology.evaluation.rounding, in: .document)) "
                + "points, ranked \(tender.rank.map(String.init) ?? "—") in the lot; \(line.reason)."
            if let end = try? context.standstillEnd() {
                description += " Mandatory standstill (s.51) ends at midnight at the end of \(end)."
            }
            return .object([
                ("id", .string("\(ocid)-award-lot-\(line.lot)-\(key)")),
                ("title", .string("Award of lot \(line.lot): \(title)")),
                ("description", .string(description)),
                ("status", .string("pending")),
                ("date", .string(context.publishedAt.description)),
                ("value", OCDSExport.money(tender.price.total, tender.price.currency)),
                ("suppliers", .array([OCDSExport.organisation(tender.supplier)])),
                ("relatedLots", .array([.string(line.lot)])),
                ("relatedBid", .string(Self.bidID(key, lot: line.lot))),
            ])
        }
    }
}
