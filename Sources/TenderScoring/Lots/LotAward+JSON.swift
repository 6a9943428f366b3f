extension LotAward {
    /// The award as canonical JSON (members in key order): what the `lots-awarded` ledger entry records.
    public var json: JSONValue {
        JSONTreeBuilder.build { write(to: &$0) }
    }

    /// Writes the award (see ``json``).
    public func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.object { members in
            members.member("effects") { sink in
                sink.array { items in
                    for effect in effects {
                        items.object { members in
                            members.member("changes") { sink in
                                sink.array { items in
                                    for change in effect.changes {
                                        items.object { members in
                                            members.member("from") { $0.string(change.from) }
                                            members.member("lot") { $0.string(change.lot) }
                                            members.member("to") { $0.string(change.to) }
                                        }
                                    }
                                }
                            }
                            members.member("lot") { $0.string(effect.lot) }
                            members.member("supplier") { LotAwardLine.write(effect.supplier, to: &$0) }
                            members.member("tender") { $0.string(effect.tender) }
                        }
                    }
                }
            }
            members.member("final") { $0.bool(isFinal) }
            members.member("lots") { sink in
                sink.array { items in
                    for line in lots { line.write(to: &items) }
                }
            }
            members.member("max_awarded") { sink in
                if let maxAwarded { sink.integer(Int64(maxAwarded)) } else { sink.null() }
            }
            members.member("mechanism") { $0.string(mechanism.rawValue) }
            members.member("order") { $0.strings(order) }
            members.member("order_rule") { $0.string(orderRule) }
            members.member("procurement") { $0.string(procurement) }
            members.member("weighted_total") { $0.decimal(weightedTotal) }
        }
    }
}

extension LotAwardLine {
    /// Writes one lot's award.
    /// A supplier as the award writes it: `{identifier, name}`, or null.
    static func write<Sink: JSONSink>(_ supplier: Supplier?, to sink: inout Sink) {
        guard let supplier else { return sink.null() }
        sink.object { members in
            members.member("identifier") { $0.string(supplier.identifier) }
            members.member("name") { $0.string(supplier.name) }
        }
    }

    public func write<Sink: JSONSink>(to sink: inout Sink) {
        func supplier(_ supplier: Supplier?, _ sink: inout Sink) { Self.write(supplier, to: &sink) }
        sink.object { members in
            members.member("awarded") { $0.string(awarded) }
            members.member("awarded_rank") { sink in
                if let awardedRank { sink.integer(Int64(awardedRank)) } else { sink.null() }
            }
            members.member("awarded_supplier") { supplier(awardedSupplier, &$0) }
            members.member("awarded_total") { $0.decimal(awardedTotal) }
            members.member("final") { $0.bool(isFinal) }
            members.member("first_ranked") { $0.string(firstRanked) }
            members.member("first_supplier") { supplier(firstSupplier, &$0) }
            members.member("lot") { $0.string(lot) }
            members.member("moved") { $0.bool(moved) }
            members.member("reason") { $0.string(reason) }
            members.member("weight") { $0.decimal(weight) }
        }
    }
}
