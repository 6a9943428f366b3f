public import Foundation

/// Who a concluded stage takes forward and who it drops, with the reasons: what the `stage-concluded` ledger entry
/// records, the notices to dropped suppliers say, and ``StageAdmission`` holds later documents to.
public struct StageOutcome: Sendable, Hashable {
    /// One supplier's standing at the end of the stage.
    public struct Supplier: Sendable, Hashable {
        public var tender: String
        /// ``TenderScoring/Supplier/identity``: what later stages recognise the supplier by.
        public var identity: String
        public var name: String
        public var status: TenderStatus
        public var rank: Int?
        public var total: Decimal?
        /// Why it was dropped (empty for a supplier taken forward).
        public var reason: String?

        public init(
            tender: String, identity: String, name: String, status: TenderStatus, rank: Int?, total: Decimal?,
            reason: String?
        ) {
            self.tender = tender
            self.identity = identity
            self.name = name
            self.status = status
            self.rank = rank
            self.total = total
            self.reason = reason
        }
    }

    public var procurement: String
    public var lot: String?
    public var stage: Stage
    /// The published rule in words (``Progression/description``).
    public var rule: String
    /// How many tenders the stage ranked.
    public var ranked: Int
    /// In rank order.
    public var progressed: [Supplier]
    /// Ranked ones first (by rank), then the unranked ones in the result's order.
    public var dropped: [Supplier]
    /// What the buyer should know about how the rule applied (fewer than the minimum qualified, a tie at the
    /// boundary taken forward together).
    public var notes: [String]

    public init(
        procurement: String, lot: String?, stage: Stage, ranked: Int, progressed: [Supplier], dropped: [Supplier],
        notes: [String]
    ) {
        self.procurement = procurement
        self.lot = lot
        self.stage = stage
        self.rule = stage.progression?.description ?? "final stage"
        self.ranked = ranked
        self.progressed = progressed
        self.dropped = dropped
        self.notes = notes
    }

    /// The supplier's standing, by identity.
    public func supplier(_ identity: String) -> Supplier? {
        progressed.first { $0.identity == identity } ?? dropped.first { $0.identity == identity }
    }

    /// Whether the supplier with `identity` goes forward.
    public func progresses(_ identity: String) -> Bool {
        progressed.contains { $0.identity == identity }
    }

    /// The outcome as the ledger records it (canonical JSON; figures at full precision).
    public var json: JSONValue {
        func supplier(_ item: Supplier) -> JSONValue {
            var body: [String: JSONValue] = [
                "tender": .string(item.tender), "supplier": .string(item.identity), "name": .string(item.name),
                "status": .string(item.status.rawValue),
                "rank": item.rank.map { .integer(Int64($0)) } ?? .null,
                "total": item.total.map { .string(DecimalText.exact($0)) } ?? .null,
            ]
            if let reason = item.reason { body["reason"] = .string(reason) }
            return .object(body)
        }
        return .object([
            "procurement": .string(procurement), "lot": .optional(lot), "stage": .string(stage.id),
            "number": .integer(Int64(stage.number)), "kind": .string(stage.kind.rawValue),
            "rule": .string(rule), "ranked": .integer(Int64(ranked)),
            "progressed": .array(progressed.map(supplier)), "dropped": .array(dropped.map(supplier)),
            "notes": .array(notes.map { .string($0) }),
        ])
    }

    /// The outcome a `stage-concluded` entry records (its `outcome` member), read back for reports; `nil` when the
    /// body is not one. The stage's progression is not recorded, only its rule in words (``rule``).
    public init?(json: JSONValue) {
        guard let procurement = json["procurement"]?.stringValue, let id = json["stage"]?.stringValue,
            case .integer(let number)? = json["number"], let kind = json["kind"]?.stringValue.flatMap(StageKind.init),
            case .integer(let ranked)? = json["ranked"]
        else { return nil }
        func suppliers(_ key: String) -> [Supplier] {
            (json[key]?.arrayValue ?? []).compactMap { item in
                guard let tender = item["tender"]?.stringValue, let identity = item["supplier"]?.stringValue,
                    let name = item["name"]?.stringValue,
                    let status = item["status"]?.stringValue.flatMap(TenderStatus.init)
                else { return nil }
                var rank: Int?
                if case .integer(let value)? = item["rank"] { rank = Int(value) }
                return Supplier(
                    tender: tender, identity: identity, name: name, status: status, rank: rank,
                    total: item["total"]?.stringValue.flatMap { Decimal(string: $0) },
                    reason: item["reason"]?.stringValue)
            }
        }
        self.init(
            procurement: procurement, lot: json["lot"]?.stringValue,
            stage: Stage(id: id, number: Int(number), title: nil, kind: kind, progression: nil), ranked: Int(ranked),
            progressed: suppliers("progressed"), dropped: suppliers("dropped"),
            notes: (json["notes"]?.arrayValue ?? []).compactMap(\.stringValue))
        rule = json["rule"]?.stringValue ?? ""
    }
}
