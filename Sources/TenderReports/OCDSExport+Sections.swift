import Foundation
import TenderScoring

extension OCDSExport {
    var tender: JSONDocument {
        let procurement = methodology.procurement
        var members: [(String, JSONDocument)] = [
            ("id", .string(procurement.reference)),
            ("title", .string(procurement.title ?? procurement.reference)),
            // A stage before the final one leaves the procedure open: the tender is complete only with its award.
            ("status", .string(result.isFinal && methodology.stage?.isFinal != false ? "complete" : "active")),
            ("procuringEntity", buyer),
            ("procurementMethod", .string(procurement.procedure == .open ? "open" : "selective")),
            ("procurementMethodDetails", .string(methodDetails)),
            (
                "awardCriteria",
                .string(methodology.evaluation.method == .lowestPriceAcceptable ? "priceOnly" : "ratedCriteria")
            ),
            ("awardCriteriaDetails", .string(MethodologyText.method(methodology))),
        ]
        if let value = procurement.estimatedValue {
            members.append(("value", Self.money(value, procurement.currency)))
        }
        if let deadline = procurement.tenderDeadline {
            members.append(("tenderPeriod", .object([("endDate", .string(deadline.description))])))
        }
        let suppliers = Dictionary(
            bidders.map { (Self.partyID($0.supplier), $0.supplier) }, uniquingKeysWith: { a, _ in a })
        members.append(("numberOfTenderers", .number(Decimal(suppliers.count))))
        let tenderers = suppliers.keys.sorted().map { suppliers[$0]! }
        members.append(("tenderers", .lazyArray(count: tenderers.count) { Self.organisation(tenderers[$0]) }))
        members.append(("lots", .array([lot])))
        members.append(("documents", .array([evaluationDocument])))
        return .object(members)
    }

    var lot: JSONDocument {
        let procurement = methodology.procurement
        var members: [(String, JSONDocument)] = [
            ("id", .string(lotID)),
            ("title", .string(MethodologyText.title(procurement))),
            ("status", .string(result.isFinal ? "complete" : "active")),
        ]
        if let value = procurement.estimatedValue {
            members.append(("value", Self.money(value, procurement.currency)))
        }
        let criteria: [JSONDocument] = methodology.criteria.map { criterion in
            .object([
                ("type", .string(criterion.isPrice ? "price" : "quality")),
                ("name", .string(criterion.title ?? criterion.id)),
                ("description", .string(MethodologyText.howScored(criterion))),
                (
                    "numbers",
                    .array([.object([("number", .number(criterion.weight)), ("weight", .string("percentageExact"))])])
                ),
            ])
        }
        members.append(
            (
                "awardCriteria",
                .object([
                    ("weightingDescription", .string(MethodologyText.method(methodology))),
                    ("criteria", .array(criteria)),
                ])
            ))
        return .object(members)
    }

    var evaluationDocument: JSONDocument {
        var description = "Evaluation report with every criterion's points and reasons (methodology \(methodology.id)"
        if let digest = context.rulesetDigest { description += ", rule set SHA-256 \(digest)" }
        if let ledger = context.ledger { description += ", score ledger entry \(ledger.sequence)" }
        return .object([
            ("id", .string("evaluation-report")), ("documentType", .string("evaluationReports")),
            ("title", .string("Evaluation report")), ("description", .string(description + ")")),
            ("format", .string("text/html")), ("language", .string("en")), ("relatedLots", .array([.string(lotID)])),
        ])
    }

    /// The procedure in words; for a stage of a procedure with stages, which stage and its rule.
    var methodDetails: String {
        let procurement = methodology.procurement
        var text =
            procurement.procedure == .open
            ? "Open procedure (Procurement Act 2023 s.20(2)(a))"
            : "Competitive flexible procedure (Procurement Act 2023 s.20(2)(b))"
        if let stage = methodology.stage {
            text += "; \(stage.label)\(stage.title.map { ", \($0)" } ?? "")"
            text += stage.progression.map { ": \($0.description)" } ?? ": the final stage"
        }
        if let refinement = methodology.refinement {
            text += "; award criteria refined under s.24 on \(refinement.issued): \(refinement.changesText)"
        }
        return text
    }

    var bids: JSONDocument {
        let valid = bidders.filter { $0.status == .assessed }
        // Requests to participate are counted as such (bid statistics `requests`); a concluded stage's outcome as
        // the bidders it took forward (`qualifiedBidders`) and those it did not (`disqualifiedBidders`).
        let requests = methodology.stage?.kind == .participation
        var statistics: [(String, Decimal, String?)] = [
            (requests ? "requests" : "bids", Decimal(bidders.count), nil), ("validBids", Decimal(valid.count), nil),
            ("smeBids", Decimal(bidders.filter { $0.supplier.sme == true }.count), nil),
            ("vcseBids", Decimal(bidders.filter { $0.supplier.vcse == true }.count), nil),
        ]
        if let stage = methodology.stage, result.isFinal,
            let outcome = StageProgression.outcome(of: stage, result: result)
        {
            statistics.append(("qualifiedBidders", Decimal(outcome.progressed.count), nil))
            statistics.append(("disqualifiedBidders", Decimal(outcome.dropped.count), nil))
        }
        if !requests, let lowest = valid.map(\.price.total).min() {
            statistics.append(("lowestValidBidValue", lowest, methodology.procurement.currency))
            statistics.append(
                ("highestValidBidValue", valid.map(\.price.total).max()!, methodology.procurement.currency))
        }
        let statisticValues: [JSONDocument] = statistics.enumerated().map { index, statistic in
            var members: [(String, JSONDocument)] = [
                ("id", .string("statistic-\(index + 1)")), ("measure", .string(statistic.0)),
                ("value", .number(statistic.1)),
            ]
            if let currency = statistic.2 { members.append(("currency", .string(currency))) }
            members.append(("relatedLot", .string(lotID)))
            return .object(members)
        }
        let tenders = byKey
        let ids = bidIDs(tenders)
        let lot = lotID
        // Each bid made as it is written.
        let details = JSONDocument.lazyArray(count: tenders.count) { index in
            let tender = tenders[index]
            var members: [(String, JSONDocument)] = [("id", .string(ids[index]))]
            if let received = tender.receivedAt { members.append(("date", .string(received.description))) }
            members += [
                ("status", .string(Self.bidStatus(tender.status))),
                ("tenderers", .array([Self.organisation(tender.supplier)])),
            ]
            // A request to participate has no price.
            if !requests { members.append(("value", Self.money(tender.price.total, tender.price.currency))) }
            members.append(("relatedLots", .array([.string(lot)])))
            return .object(members)
        }
        return .object([("statistics", .array(statisticValues)), ("details", details)])
    }

    var award: JSONDocument? {
        guard hasAward, let key = result.winner, let winner = result.tender(key) else { return nil }
        let total = Figures.points(winner.total, places: result.rounding, in: .document)
        var description = "Most advantageous tender (s.19): \(total) points."
        if let end = try? context.standstillEnd() {
            description += " Mandatory standstill (s.51) ends at midnight at the end of \(end)."
        }
        let removed = result.decisions.filter { $0.status == .inForce && $0.decision.removesTender }
        if !removed.isEmpty {
            description +=
                " Taken out by the buyer's decisions: "
                + removed.map {
                    "\($0.tender ?? $0.decision.tender) (\(DecisionWording.headline($0.decision)), "
                        + "\($0.decision.decidedAt.description.prefix(10)))"
                }.joined(separator: ", ") + "."
        }
        return .object([
            // One id per winning bid, the same in every release that names it (a later evaluation with another
            // winner is another award).
            ("id", .string("\(ocid)-award" + (methodology.procurement.lot.map { "-lot-\($0)" } ?? "") + "-\(key)")),
            ("title", .string("Award: \(MethodologyText.title(methodology.procurement))")),
            ("description", .string(description)),
            ("status", .string("pending")),
            ("date", .string(context.publishedAt.description)),
            ("value", Self.money(winner.price.total, winner.price.currency)),
            ("suppliers", .array([Self.organisation(winner.supplier)])),
            ("relatedLots", .array([.string(lotID)])),
            // The first bid with the winner's key, whose id (``bidIDs(_:)``) is the key itself.
            ("relatedBid", .string(key)),
        ])
    }

    /// Each tender's bid id, in order: its key, suffixed when a supplier's superseded version shares it (the first
    /// with a key keeps it, as the award's `relatedBid` says).
    func bidIDs(_ tenders: [TenderResult]) -> [String] {
        var used: [String: Int] = [:]
        return tenders.map { tender in
            let count = used[tender.key, default: 0] + 1
            used[tender.key] = count
            return count == 1 ? tender.key : "\(tender.key)-\(count)"
        }
    }

    static func bidStatus(_ status: TenderStatus) -> String {
        switch status {
        case .assessed: return "valid"
        case .incomplete, .failed: return "pending"
        case .disregarded, .excluded, .late, .notAssessed: return "disqualified"
        case .superseded, .withdrawn: return "withdrawn"
        }
    }

    static func money(_ amount: Decimal, _ currency: String) -> JSONDocument {
        .object([("amount", .number(amount)), ("currency", .string(currency))])
    }
}
