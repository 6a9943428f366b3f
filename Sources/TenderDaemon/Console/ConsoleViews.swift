import Foundation
import TenderLedger
import TenderScoring

/// What the console shows, as JSON: the API returns these values as they are, and the pages render the same
/// values through their templates, so a page never shows what the API would not (and the other way round).
enum ConsoleViews {
    /// One line of the procurements list.
    static func overview(
        _ procurement: ConsoleIndex.Procurement, summary: ConsoleStandings.Summary?, sealed: Bool
    ) -> JSONValue {
        let documents = procurement.documents
        func count(_ outcome: String) -> JSONValue {
            .integer(Int64(documents.filter { $0.outcome == outcome }.count))
        }
        func optional(_ value: Int?) -> JSONValue { value.map { .integer(Int64($0)) } ?? .null }
        var members: [String: JSONValue] = [:]
        members["id"] = .string(procurement.key.folderName)
        members["procurement"] = .string(procurement.key.reference)
        members["lot"] = .optional(procurement.key.lot)
        members["title"] = .optional(summary?.title)
        members["state"] = .string(procurement.state)
        members["documents"] = .object([
            "received": .integer(Int64(documents.count)), "accepted": count("accepted"), "rejected": count("rejected"),
            "duplicate": count("duplicate"),
        ])
        members["tenders"] = optional(summary?.tenders)
        members["assessed"] = .integer(Int64(procurement.assessed))
        members["missing_marks"] = optional(summary?.missingMarks)
        // An abnormally-low hold is about a price: a buyer does not see it while prices are sealed.
        members["open_holds"] = optional(summary.map { $0.holds.filter { !sealed || $0 != .abnormallyLow }.count })
        members["winner"] = sealed ? .null : .optional(summary?.winner)
        members["evaluation_seq"] = optional(summary?.evaluationSeq)
        members["award_seq"] = optional(procurement.awardSeq)
        return .object(members)
    }

    /// A procurement's page: standings, holds, missing marks, flags, next steps, documents, reports.
    static func detail(
        _ procurement: ConsoleIndex.Procurement, standing: ConsoleStandings.Standing?, sealed: Bool, reports: [String]
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "procurement": overview(procurement, summary: standing.map(ConsoleStandings.Summary.init), sealed: sealed),
            "documents": .array(procurement.documents.reversed().map(document)),
            "reports": .array(
                reports.map {
                    .object([
                        "name": .string($0),
                        "href": .string("/procurements/\(procurement.key.folderName)/reports/\($0)"),
                    ])
                }),
        ]
        guard let standing else {
            members["standings"] = .null
            members["holds"] = .array([])
            members["missing_marks"] = .array([])
            members["flags"] = .array([])
            members["next_steps"] = .array([.string("No active methodology covers this procurement.")])
            return .object(members)
        }
        let result = standing.result
        let methodology = standing.methodology
        let places = methodology.evaluation.rounding
        let priced = Set(methodology.criteria.filter { $0.parts.contains { $0.kind.priceFormula != nil } }.map(\.id))
        let shown = methodology.criteria.filter { !sealed || !priced.contains($0.id) }
        func figure(_ value: Decimal?) -> JSONValue {
            value.map { .string(DecimalText.published($0, places: places)) } ?? .null
        }
        let tenders = result.tenders.sorted { left, right in
            if sealed { return left.key < right.key }
            switch (left.rank, right.rank) {
            case (let a?, let b?): return a < b || (a == b && left.key < right.key)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.key < right.key
            }
        }
        let winner = sealed ? nil : result.winner
        let criteria: [JSONValue] = shown.map { criterion in
            var line: [String: JSONValue] = [:]
            line["id"] = .string(criterion.id)
            line["title"] = .optional(criterion.title)
            line["weight"] = .string(DecimalText.exact(criterion.weight))
            line["price"] = .bool(priced.contains(criterion.id))
            return .object(line)
        }
        let lines: [JSONValue] = tenders.map { tender in
            var line: [String: JSONValue] = [:]
            line["tender"] = .string(tender.key)
            line["supplier"] = .string(tender.supplier.name)
            line["status"] = .string(tender.status.rawValue)
            line["rank"] = sealed ? .null : tender.rank.map { .integer(Int64($0)) } ?? .null
            line["total"] = sealed ? .null : figure(tender.total)
            line["price"] = sealed ? .null : figure(tender.price.total)
            line["currency"] = .string(tender.price.currency)
            line["winner"] = .bool(tender.key == winner)
            line["criteria"] = .array(
                shown.map { .object(["id": .string($0.id), "points": figure(tender.points($0.id))]) })
            // A tender's reasons say where it ranked and why its price is doubted: sealed, only its status shows.
            line["reasons"] = .array(sealed ? [] : tender.reasons.map { .string($0) })
            return .object(line)
        }
        var table: [String: JSONValue] = [:]
        table["kind"] = .string(standing.evaluationSeq == nil ? "provisional" : "recorded")
        table["evaluation_seq"] = standing.evaluationSeq.map { .integer(Int64($0)) } ?? .null
        table["final"] = .bool(result.isFinal)
        table["sealed"] = .bool(sealed)
        table["method"] = .string(result.method.rawValue)
        table["winner"] = .optional(winner)
        table["winner_supplier"] = .optional(winner.flatMap { result.tender($0)?.supplier.name })
        table["lowest_price"] = sealed ? .null : figure(result.lowestPrice)
        table["criteria"] = .array(criteria)
        table["tenders"] = .array(lines)
        members["standings"] = .object(table)
        let holds = visibleHolds(result, sealed: sealed)
        members["holds"] = .array(
            holds.map {
                .object([
                    "tender": .string($0.tender), "kind": .string($0.kind.rawValue), "check": .string($0.check),
                    "since": .optional($0.since), "deadline": .optional($0.deadline), "message": .string($0.message),
                ])
            })
        members["missing_marks"] = .array(
            result.missingMarks.map {
                .object(["tender": .string($0.tender), "question": .string($0.question), "needed": .string($0.needed)])
            })
        let flags = visibleFlags(result, sealed: sealed)
        members["flags"] = .array(
            flags.map {
                .object([
                    "kind": .string($0.kind), "check": .string($0.check), "tender": .optional($0.tender),
                    "message": .string($0.message), "action": .optional($0.action),
                ])
            })
        members["next_steps"] = .array(
            nextSteps(procurement, result: result, holds: holds, flags: flags).map { .string($0) })
        return .object(members)
    }

    /// Flags that speak of prices; while prices are sealed they would open the envelope early.
    static let priceFlags: Set<String> = ["abnormally-low", "identical-prices", "leave-one-out", "near-tie", "tie"]

    /// The flags a viewer may see.
    static func visibleFlags(_ result: EvaluationResult, sealed: Bool) -> [ScoringFlag] {
        result.flags.filter { !sealed || !priceFlags.contains($0.kind) }
    }

    /// The holds a viewer may see: an abnormally-low hold is about a price.
    static func visibleHolds(_ result: EvaluationResult, sealed: Bool) -> [Hold] {
        result.holds.filter { !sealed || $0.kind != .abnormallyLow }
    }

    /// What the buyer should do next, in order.
    static func nextSteps(
        _ procurement: ConsoleIndex.Procurement, result: EvaluationResult, holds: [Hold], flags: [ScoringFlag]
    ) -> [String] {
        var steps: [String] = []
        if !result.missingMarks.isEmpty {
            let tenders = Set(result.missingMarks.map(\.tender)).count
            steps.append(
                "Send the missing marks: \(result.missingMarks.count) question mark(s) for \(tenders) tender(s) "
                    + "(a marks document into the inbox).")
        }
        for hold in holds {
            steps.append("Record a decision on \(hold.tender) (\(hold.kind.rawValue)): \(hold.message)")
        }
        for flag in flags {
            guard let action = flag.action else { continue }
            steps.append((flag.tender.map { "\($0): " } ?? "") + "\(flag.kind) — " + action)
        }
        if !procurement.closed {
            steps.append(
                "When the tender deadline has passed, close the procurement: tender close \(procurement.key.reference)"
                    + (procurement.key.lot.map { " --lot \($0)" } ?? ""))
        } else if result.isFinal {
            steps.append(
                "The evaluation is final: send the assessment summaries and publish the contract award notice.")
        }
        return steps
    }

    static func document(_ document: ConsoleIndex.Document) -> JSONValue {
        .object([
            "seq": .integer(Int64(document.seq)), "name": .string(document.name), "kind": .optional(document.kind),
            "outcome": .string(document.outcome), "reasons": .array(document.reasons.map { .string($0) }),
            "recorded_at": .string(document.recordedAt),
        ])
    }

    /// One line of the ledger's history.
    static func entryLine(_ entry: LedgerEntry) -> JSONValue {
        let body = (try? entry.json()) ?? .null
        return .object([
            "seq": .integer(Int64(entry.seq)), "type": .string(entry.type),
            "recorded_at": .optional(body["recorded_at"]?.stringValue),
            "procurement": .optional(body["procurement"]?.stringValue),
            "summary": .string(LedgerEntryTypes.owner(of: entry.type)?.summary(body) ?? ""),
        ])
    }

    /// An entry with its body, its blobs, and its inclusion proof in the tree of the latest signed checkpoint.
    static func entry(_ entry: LedgerEntry, checkpoint: SignedCheckpoint?, proof: [[UInt8]]?) -> JSONValue {
        let body = (try? entry.json()) ?? .null
        var members: [String: JSONValue] = [
            "seq": .integer(Int64(entry.seq)), "type": .string(entry.type), "body": body,
            "summary": .string(LedgerEntryTypes.owner(of: entry.type)?.summary(body) ?? ""),
            "leaf_hash": .string(Hex.encode(entry.leafHash)), "chain_hash": .string(Hex.encode(entry.chainHash)),
            "blobs": .array(unique(BlobReferences.collect(in: body).references).map { .string($0) }),
            "proof": .null, "checkpoint": .null,
        ]
        if let checkpoint {
            members["checkpoint"] = .object([
                "size": .integer(Int64(checkpoint.checkpoint.size)),
                "root": .string(Hex.encode(checkpoint.checkpoint.root)), "note": .string(checkpoint.noteText),
            ])
            if let proof {
                members["proof"] = .object([
                    "leaf_index": .integer(Int64(entry.seq)), "tree_size": .integer(Int64(checkpoint.checkpoint.size)),
                    "hashes": .array(proof.map { .string(Hex.encode($0)) }),
                ])
            }
        }
        return .object(members)
    }

    /// `values` without repeats, in first-seen order.
    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
