import Foundation

// Each layout is written once against `JSONSink`, members in canonical key order: `JSONTreeBuilder` gives the
// tree the reports and replays read, `CanonicalJSONWriter` the bytes the ledger records, without a tree.

extension EvaluationResult {
    /// The result as canonical JSON: exact decimals as strings, published (rounded) figures beside them.
    public var json: JSONValue {
        JSONTreeBuilder.build { write(to: &$0) }
    }

    /// The canonical bytes of ``json``, written without building the tree: the result of a procurement of 10,000
    /// tenders is tens of megabytes of JSON and several times that as a tree.
    ///
    /// Written in pieces (``canonicalPieces``) and put together in one array of the exact size, each piece let go as
    /// it is copied: an array grown as it is written would double, holding the old bytes beside twice their size.
    public var canonicalBytes: [UInt8] {
        BytePieces.joined(canonicalPieces)
    }

    /// ``canonicalBytes`` in pieces of about a megabyte, in order, never put together.
    public var canonicalPieces: [[UInt8]] {
        BytePieces.collected { writeCanonicalBytes(to: $0) }
    }

    /// Hands ``canonicalBytes`` to `piece` in pieces of at least `size` bytes (the last may be shorter), in order, as
    /// they are written: the bytes of a result of any size in about `size` bytes of memory. Each piece is the
    /// writer's buffer, which it reuses once `piece` returns unless `piece` keeps it.
    public func writeCanonicalBytes(inPiecesOf size: Int = 1 << 20, to piece: ([UInt8]) -> Void) {
        withoutActuallyEscaping(piece) { piece in
            var writer = CanonicalJSONWriter(chunk: size, drain: piece)
            write(to: &writer)
            writer.finish()
        }
    }

    /// Whether ``canonicalBytes`` are the `count` recorded bytes that `read` reads (any range of them; nil when it
    /// cannot), compared piece by piece as they are written: the replayed bytes are never held whole, and the
    /// recorded ones need not be (replay reads them from the ledger a piece at a time).
    public func hasCanonicalBytes(count: Int, read: (Range<Int>) -> [UInt8]?) -> Bool {
        var offset = 0
        var same = true
        writeCanonicalBytes(inPiecesOf: 1 << 16) { piece in
            guard same else { return }
            let end = offset + piece.count
            guard end <= count, let recorded = read(offset..<end), recorded == piece else {
                same = false
                return
            }
            offset = end
        }
        return same && offset == count
    }

    /// Writes the result (see ``json``).
    public func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.object { members in
            // Results of the first engine version have neither decisions, holds nor mark changes: replaying what
            // it recorded gives the same bytes.
            let current = engine != ScoringEngine.firstVersion
            if current {
                members.member("decisions") { sink in
                    sink.array { items in
                        for record in decisions { record.write(to: &items) }
                    }
                }
            }
            members.member("engine") { $0.string(engine) }
            members.member("final") { $0.bool(isFinal) }
            members.member("flags") { sink in
                sink.array { items in
                    for flag in flags { flag.write(to: &items) }
                }
            }
            if current {
                members.member("holds") { sink in
                    sink.array { items in
                        for hold in holds {
                            items.object { members in
                                members.member("check") { $0.string(hold.check) }
                                members.member("deadline") { $0.string(hold.deadline) }
                                members.member("kind") { $0.string(hold.kind.rawValue) }
                                members.member("message") { $0.string(hold.message) }
                                members.member("since") { $0.string(hold.since) }
                                members.member("tender") { $0.string(hold.tender) }
                            }
                        }
                    }
                }
            }
            members.member("lot") { $0.string(lot) }
            members.member("lowest_price") { $0.decimal(lowestPrice) }
            if current {
                members.member("mark_changes") { sink in
                    sink.array { items in
                        for change in markChanges {
                            items.object { members in
                                members.member("clarification") { $0.string(change.clarification) }
                                members.member("document") { $0.string(change.document) }
                                members.member("evaluator") { $0.string(change.evaluator) }
                                members.member("from") { $0.decimal(change.from) }
                                members.member("question") { $0.string(change.question) }
                                members.member("reason") { $0.string(change.reason) }
                                members.member("tender") { $0.string(change.tender) }
                                members.member("to") { $0.decimal(change.to) }
                            }
                        }
                    }
                }
            }
            members.member("method") { $0.string(method.rawValue) }
            members.member("methodology") { $0.string(methodologyID) }
            members.member("missing_marks") { sink in
                sink.array { items in
                    for missing in missingMarks {
                        items.object { members in
                            members.member("needed") { $0.string(missing.needed) }
                            members.member("question") { $0.string(missing.question) }
                            members.member("tender") { $0.string(missing.tender) }
                        }
                    }
                }
            }
            members.member("procurement") { $0.string(procurement) }
            members.member("rejected_marks") { sink in
                sink.array { items in
                    for rejected in rejectedMarks {
                        items.object { members in
                            members.member("document") { $0.string(rejected.documentID) }
                            members.member("evaluator") { $0.string(rejected.evaluator) }
                            members.member("location") { $0.string(rejected.location?.description) }
                            members.member("reason") { $0.string(rejected.reason) }
                            members.member("tender") { $0.string(rejected.tender) }
                        }
                    }
                }
            }
            members.member("rounding") { $0.integer(Int64(rounding)) }
            members.member("tenders") { sink in
                sink.array { items in
                    // Each tender's own flags, found once (a search of every flag for each tender was quadratic).
                    var byTender: [String: [ScoringFlag]] = [:]
                    for flag in flags { if let tender = flag.tender { byTender[tender, default: []].append(flag) } }
                    for tender in tenders {
                        tender.write(rounding: rounding, flags: byTender[tender.key] ?? [], to: &items)
                    }
                }
            }
            members.member("winner") { $0.string(winner) }
        }
    }
}

extension DecisionRecord {
    /// Writes the decision as the result records it: what the document says, how the evaluation used it, and
    /// what it changed.
    public func write<Sink: JSONSink>(to sink: inout Sink) {
        let decision = self.decision
        sink.object { members in
            members.member("basis") { $0.string(decision.basis) }
            members.member("decided_at") { $0.string(decision.decidedAt.description) }
            members.member("decided_by") { sink in
                sink.object { members in
                    members.member("id") { $0.string(decision.decidedBy.id) }
                    members.member("role") { $0.string(decision.decidedBy.role) }
                }
            }
            members.member("decision") { $0.string(decision.kind.name) }
            members.member("details") { sink in
                sink.object { members in
                    switch decision.kind {
                    case .abnormallyLow(let procedure):
                        members.member("notified_on") { $0.string(procedure.notifiedOn) }
                        members.member("response") { $0.string(procedure.response) }
                        members.member("response_deadline") { $0.string(procedure.responseDeadline) }
                    case .flagGate(let gate, _):
                        members.member("gate") { $0.string(gate) }
                    case .withdrawal(let on, let evidence):
                        members.member("evidence") { $0.string(evidence) }
                        members.member("withdrawn_on") { $0.string(on) }
                    case .exclusion(let ground, _):
                        members.member("ground") { $0.string(ground.rawValue) }
                    case .clarification(let clarification):
                        members.member("answer") { $0.string(clarification.answer) }
                        members.member("answered_on") { $0.string(clarification.answeredOn) }
                        members.member("asked_on") { $0.string(clarification.askedOn) }
                        members.member("question") { $0.string(clarification.question) }
                    }
                }
            }
            members.member("document") { $0.string(decision.documentID) }
            members.member("effect") { sink in
                guard let effect else { return sink.null() }
                sink.object { members in
                    members.member("changes") { sink in
                        sink.array { items in
                            for change in effect.changes {
                                items.object { members in
                                    members.member("after") { $0.decimal(change.after) }
                                    members.member("before") { $0.decimal(change.before) }
                                    members.member("tender") { $0.string(change.tender) }
                                }
                            }
                        }
                    }
                    members.member("leader_after") { $0.string(effect.leaderAfter) }
                    members.member("leader_before") { $0.string(effect.leaderBefore) }
                    members.member("lowest_price_after") { $0.decimal(effect.lowestPriceAfter) }
                    members.member("lowest_price_before") { $0.decimal(effect.lowestPriceBefore) }
                }
            }
            members.member("outcome") { $0.string(decision.outcome) }
            members.member("problem") { $0.string(problem) }
            members.member("reasons") { $0.string(decision.reasons) }
            members.member("status") { $0.string(status.rawValue) }
            members.member("superseded_by") { $0.string(supersededBy) }
            members.member("tender") { $0.string(tender ?? decision.tender) }
        }
    }
}

extension PartResult {
    /// The part as canonical JSON.
    public var json: JSONValue {
        JSONTreeBuilder.build { write(to: &$0) }
    }

    /// Writes the part (see ``json``).
    public func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.object { members in
            members.member("fraction") { $0.decimal(fraction) }
            members.member("inputs") { $0.value(.object(inputs)) }
            members.member("kind") { $0.string(kind) }
            members.member("questions") { sink in
                sink.array { items in
                    for question in questions { Self.write(question, to: &items) }
                }
            }
            members.member("reason") { $0.string(reason) }
            members.member("weight") { $0.decimal(weight) }
        }
    }

    private static func write<Sink: JSONSink>(_ question: QuestionResult, to sink: inout Sink) {
        sink.object { members in
            members.member("below_minimum") { $0.bool(question.belowMinimum) }
            members.member("evaluators") { sink in
                sink.array { items in
                    for evaluatorMark in question.evaluatorMarks {
                        items.object { members in
                            members.member("evaluator") { $0.string(evaluatorMark.evaluator) }
                            members.member("mark") { $0.decimal(evaluatorMark.mark.mark) }
                            members.member("reason") { $0.string(evaluatorMark.mark.reason) }
                        }
                    }
                }
            }
            members.member("id") { $0.string(question.id) }
            members.member("label") { $0.string(question.label) }
            members.member("mark") { $0.decimal(question.mark) }
            members.member("minimum") { $0.decimal(question.minimum) }
            members.member("reasons") { $0.strings(question.reasons) }
            members.member("title") { $0.string(question.title) }
            members.member("weight") { $0.decimal(question.weight) }
        }
    }
}

extension ScoringFlag {
    /// The flag as canonical JSON.
    public var json: JSONValue {
        JSONTreeBuilder.build { write(to: &$0) }
    }

    /// Writes the flag (see ``json``).
    public func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.object { members in
            members.member("action") { $0.string(action) }
            members.member("check") { $0.string(check) }
            members.member("kind") { $0.string(kind) }
            members.member("message") { $0.string(message) }
            members.member("tender") { $0.string(tender) }
        }
    }
}

extension TenderResult {
    /// One tender's result as canonical JSON, with the flags raised for it.
    public func json(rounding places: Int, flags: [ScoringFlag]) -> JSONValue {
        JSONTreeBuilder.build { write(rounding: places, flags: flags, to: &$0) }
    }

    /// The canonical bytes of ``json(rounding:flags:)``, written without building the tree.
    public func canonicalJSON(rounding places: Int, flags: [ScoringFlag]) -> [UInt8] {
        var writer = CanonicalJSONWriter(capacity: 8192)
        write(rounding: places, flags: flags, to: &writer)
        return writer.bytes
    }

    /// Writes the tender's result (see ``json(rounding:flags:)``).
    public func write<Sink: JSONSink>(rounding places: Int, flags: [ScoringFlag], to sink: inout Sink) {
        func published(_ value: Decimal?, to sink: inout Sink) {
            sink.string(value.map { DecimalText.published($0, places: places) })
        }
        sink.object { members in
            members.member("criteria") { sink in
                sink.array { items in
                    for criterion in criteria { Self.write(criterion, places: places, to: &items) }
                }
            }
            members.member("document") { $0.string(documentID) }
            members.member("flags") { sink in
                sink.array { items in
                    for flag in flags where flag.tender == key { items.string(flag.check) }
                }
            }
            members.member("gates") { sink in
                sink.array { items in
                    for gate in gates { Self.write(gate, to: &items) }
                }
            }
            members.member("price") { sink in
                sink.object { members in
                    members.member("currency") { $0.string(price.currency) }
                    members.member("total") { $0.decimal(price.total) }
                }
            }
            members.member("price_per_quality_point") { $0.decimal(pricePerQualityPoint) }
            members.member("quality_points") { $0.decimal(qualityPoints) }
            members.member("rank") { sink in
                if let rank { sink.integer(Int64(rank)) } else { sink.null() }
            }
            members.member("reasons") { $0.strings(reasons) }
            members.member("received_at") { $0.string(receivedAt?.description) }
            members.member("status") { $0.string(status.rawValue) }
            members.member("supplier") { sink in
                sink.object { members in
                    members.member("identifier") { $0.string(supplier.identifier) }
                    members.member("name") { $0.string(supplier.name) }
                    members.member("sme") { $0.bool(supplier.sme) }
                    members.member("vcse") { $0.bool(supplier.vcse) }
                }
            }
            members.member("tender") { $0.string(key) }
            members.member("total") { $0.decimal(total) }
            members.member("total_published") { published(total, to: &$0) }
        }
    }

    private static func write<Sink: JSONSink>(_ criterion: CriterionResult, places: Int, to sink: inout Sink) {
        sink.object { members in
            members.member("fraction") { $0.decimal(criterion.fraction) }
            members.member("id") { $0.string(criterion.id) }
            members.member("parts") { sink in
                sink.array { items in
                    for part in criterion.parts { part.write(to: &items) }
                }
            }
            members.member("points") { $0.decimal(criterion.points) }
            members.member("points_published") {
                $0.string(criterion.points.map { DecimalText.published($0, places: places) })
            }
            members.member("reason") { $0.string(criterion.reason) }
            members.member("title") { $0.string(criterion.title) }
            members.member("weight") { $0.decimal(criterion.weight) }
        }
    }

    private static func write<Sink: JSONSink>(_ gate: GateResult, to sink: inout Sink) {
        sink.object { members in
            members.member("field") { $0.string(gate.field) }
            members.member("id") { $0.string(gate.id) }
            members.member("kind") { $0.string(gate.kind) }
            members.member("observed") { $0.string(gate.observed) }
            members.member("on_fail") { $0.string(gate.onFail.rawValue) }
            members.member("passed") { $0.bool(gate.passed) }
            members.member("reason") { $0.string(gate.reason) }
        }
    }
}
