import Foundation

/// Evaluates every tender of a procurement against one methodology. Pure and deterministic: the same
/// methodology, documents and plugin results give the same ``EvaluationResult``.
///
/// ```swift
/// let engine = ScoringEngine(methodology: methodology)
/// let result = engine.evaluate(submissions: submissions, marks: marksDocuments)
/// print(result.winner ?? "not final")
/// ```
public struct ScoringEngine: Sendable {
    /// The engine version recorded with every evaluation; bump it when results could change.
    public static let version = "tender-scoring/0.2.0"
    /// The first version: no decisions and no holds, and results without `holds`, `decisions` or `mark_changes`.
    /// Evaluations it recorded replay with its semantics.
    public static let firstVersion = "tender-scoring/0.1.0"

    public let methodology: Methodology
    public let plugins: (any PluginEvaluator)?
    /// The version whose semantics the engine follows: ``version``, or ``firstVersion`` to replay what it recorded.
    public let semantics: String

    public init(methodology: Methodology, plugins: (any PluginEvaluator)? = nil, semantics: String = Self.version) {
        var methodology = methodology
        let semantics = semantics == Self.firstVersion ? semantics : Self.version
        if semantics == Self.firstVersion { methodology.evaluation.holds = [] }
        self.methodology = methodology
        self.plugins = plugins
        self.semantics = semantics
    }

    /// Whether the engine follows the first version's semantics (no decisions, holds or mark changes).
    var isFirstVersion: Bool { semantics == Self.firstVersion }

    /// A tender on its way through the pipeline.
    struct Working {
        var submission: Submission
        var status: TenderStatus
        var reasons: [String] = []
        var gates: [GateResult] = []
        /// Each criterion's parts as assessed on their own (a relative price part without a reference price); empty
        /// until assessed.
        var parts: [[PartResult]] = []
        var missing: [MissingMark] = []

        /// Still in the running: not disregarded, withdrawn, excluded, late or superseded. These tenders make the
        /// reference set (lowest price, median) and can hold the award.
        var isInRunning: Bool { [.assessed, .incomplete, .failed].contains(status) }
    }

    /// Evaluates submissions, marks documents and the buyer's decisions (each in arrival order).
    public func evaluate(submissions: [Submission], marks: [MarksDocument], decisions: [Decision] = [])
        -> EvaluationResult
    {
        rememberingPlugins.evaluate(submissions, marks, isFirstVersion ? [] : decisions, explain: true)
    }

    /// This engine with its plugins wrapped to remember each outcome, for one public evaluation.
    private var rememberingPlugins: ScoringEngine {
        guard let plugins, !(plugins is RememberedPlugins) else { return self }
        return ScoringEngine(methodology: methodology, plugins: RememberedPlugins(plugins), semantics: semantics)
    }

    /// Totals and ranks only: the evaluation without the checks and without each decision's effect (neither changes
    /// a total or a rank). For what-ifs such as the cross-lot effect of removing a tender.
    public func ranking(submissions: [Submission], marks: [MarksDocument], decisions: [Decision] = [])
        -> EvaluationResult
    {
        rememberingPlugins.evaluate(submissions, marks, isFirstVersion ? [] : decisions, explain: false)
    }

    /// The evaluation; `explain` adds each decision's effect (an evaluation without it, made with `explain: false`: no
    /// effects and no checks, which change neither totals nor ranks).
    func evaluate(_ submissions: [Submission], _ marks: [MarksDocument], _ decisions: [Decision], explain: Bool)
        -> EvaluationResult
    {
        evaluate(assess(submissions, marks), decisions, explain: explain)
    }

    /// What an evaluation has before the buyer's decisions act: the tenders admitted and each assessed on its own,
    /// the marks and the flags raised so far. It depends on the submissions and marks documents only, so the
    /// evaluations without each decision (``records(_:result:assessment:explain:)``) start from the same one.
    struct Assessment: Sendable {
        var working: [Working]
        var flags: [ScoringFlag]
        let markBook: MarkBook
        let scorer: PartScorer
    }

    /// Admits the tenders, merges the marks, and assesses each tender on its own (gates, the parts that do not
    /// depend on other tenders, minimums) on every core; its flags follow in the order of the tenders.
    func assess(_ submissions: [Submission], _ marks: [MarksDocument]) -> Assessment {
        var flags: [ScoringFlag] = []
        var working = admit(submissions)
        let current = working.filter { $0.status != .superseded && $0.status != .late }.map(\.submission)
        let markBook = MarkBook(methodology: methodology, submissions: current, documents: marks)
        let scorer = PartScorer(methodology: methodology, markBook: markBook, plugins: plugins)
        // The closure's copy of the tenders is let go when the map returns, so they are updated in place after it.
        let assessed = ConcurrentMap.map(working.count) { [working] index -> (Working, [ScoringFlag])? in
            guard working[index].status == .assessed else { return nil }
            var tender = working[index]
            var own: [ScoringFlag] = []
            assessAbsolute(&tender, scorer: scorer, flags: &own)
            return (tender, own)
        }
        for (index, outcome) in assessed.enumerated() {
            guard let (tender, own) = outcome else { continue }
            working[index] = tender
            flags += own
        }
        return Assessment(working: working, flags: flags, markBook: markBook, scorer: scorer)
    }

    /// The evaluation from `assessment` under `decisions`.
    func evaluate(_ assessment: Assessment, _ decisions: [Decision], explain: Bool) -> EvaluationResult {
        var flags = assessment.flags
        var working = assessment.working
        let (markBook, scorer) = (assessment.markBook, assessment.scorer)
        let book = DecisionBook(
            decisions, working: working, methodology: methodology, checker: GateChecker(plugins: plugins))
        apply(book, to: &working)
        // The reference set's prices (not copies of its tenders: a large procurement has thousands).
        let reference = working.compactMap { tender in
            tender.isInRunning ? (key: tender.submission.tenderKey, price: tender.submission.price.total) : nil
        }
        let lowest = reference.map(\.price).min()
        var standings = rankable(working, lowest: lowest, scorer: scorer)
        for index in working.indices
        where working[index].status == .assessed && methodology.evaluation.method == .pricePerQualityPoint {
            if let standing = standings[working[index].submission.tenderKey], standing.qualityPoints == 0 {
                working[index].status = .disregarded
                working[index].reasons.append("no quality points: price per quality point cannot be computed (Q = 0)")
                standings[working[index].submission.tenderKey] = nil
            }
        }
        let ordered = order(Array(standings.values))
        flags += tieFlags(ordered)
        let results = tenderResults(working, standings: standings, ordered: ordered, lowest: lowest, scorer: scorer)
        let missing = working.flatMap(\.missing)
        let isFinal = missing.isEmpty && !working.contains { $0.status == .failed || $0.status == .incomplete }
        // A lot of a lotted procurement keeps the ranking without the tender that alone sets the lowest price: the
        // cross-lot effect of removing it (LotAwarder) needs it, and the leave-one-out check would compute it again.
        var reranking: Reranking?
        if explain, methodology.lotting != nil, methodology.hasRelativePrice {
            let cheapest = reference.filter { $0.price == lowest }
            if cheapest.count == 1 {
                let removed = cheapest[0].key
                let without = reference.filter { $0.key != removed }.map(\.price).min()
                let order = order(Array(rankable(working, lowest: without, scorer: scorer, excluding: removed).values))
                reranking = Reranking(removed: removed, lowest: without, order: order)
            }
        }
        let context = CheckContext(
            methodology: methodology, working: working, ordered: ordered, lowest: lowest, markBook: markBook,
            rescore: { [reranking] lowest, excluded in
                if let reranking, reranking.removed == excluded, reranking.lowest == lowest { return reranking.order }
                // Only who would win is asked: ranked without reasons.
                return self.order(
                    Array(
                        self.rankable(working, lowest: lowest, scorer: scorer, excluding: excluded, explain: false)
                            .values))
            })
        // An evaluation made only to measure a decision's effect needs totals, ranks and the lowest price, which no
        // check changes: it skips them (leave-one-out re-ranks once per tender).
        if explain { flags += CheckRunner(context: context).run() }
        if !isFirstVersion { flags = annotate(flags, book: book) }
        let holds = holds(working, flags: flags, book: book)
        let final = isFinal && holds.isEmpty
        // A stage before the final one of a procedure with stages ranks, and takes some forward: it names no most
        // advantageous tender (the final stage does).
        let isIntermediateStage = methodology.stage?.progression != nil
        var result = EvaluationResult(
            engine: semantics, methodologyID: methodology.id, procurement: methodology.procurement.reference,
            lot: methodology.procurement.lot, method: methodology.evaluation.method,
            rounding: methodology.evaluation.rounding, isFinal: final && !ordered.isEmpty,
            winner: final && !isIntermediateStage ? ordered.first?.key : nil, lowestPrice: lowest, tenders: results,
            missingMarks: missing, rejectedMarks: markBook.rejected,
            flags: Self.resultOrder(flags),
            holds: holds, markChanges: isFirstVersion ? [] : markBook.changes)
        result.decisions = records(book, result: result, assessment: assessment, explain: explain)
        result.reranking = reranking
        return result
    }

    /// The flags in the result's order: by kind, tender (none first), check and message, ties kept in the order
    /// raised. The kinds, tenders and checks are ranked once, so the sort compares integers and only compares the
    /// text of messages that share all three (the same order as comparing the four strings, at a fraction of the
    /// cost for the tens of thousands of flags of a large procurement).
    static func resultOrder(_ flags: [ScoringFlag]) -> [ScoringFlag] {
        func ranks(_ values: [String]) -> [String: Int] {
            var ranks: [String: Int] = [:]
            for value in Set(values).sorted() { ranks[value] = ranks.count }
            return ranks
        }
        let kinds = ranks(flags.map(\.kind))
        let tenders = ranks(flags.map { $0.tender ?? "" })
        let checks = ranks(flags.map(\.check))
        let keys = flags.map { (kinds[$0.kind]!, tenders[$0.tender ?? ""]!, checks[$0.check]!) }
        return flags.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            return flags[a].message < flags[b].message
        }.map { flags[$0] }
    }

    /// Marks late tenders and superseded ones; the rest start as `assessed`.
    func admit(_ submissions: [Submission]) -> [Working] {
        var working = submissions.map { Working(submission: $0, status: .assessed) }
        if let deadline = methodology.procurement.tenderDeadline {
            for index in working.indices {
                if let received = working[index].submission.receivedAt, received > deadline {
                    working[index].status = .late
                    working[index].reasons.append(
                        "received \(received), after the tender deadline \(deadline): recorded, not assessed")
                }
            }
        }
        for index in working.indices where working[index].status == .assessed {
            if let reason = working[index].submission.notAssessed {
                working[index].status = .notAssessed
                working[index].reasons.append(reason)
            }
        }
        var latest: [String: Int] = [:]
        for index in working.indices where working[index].status == .assessed {
            let identity = working[index].submission.supplier.identity
            guard let previous = latest[identity] else {
                latest[identity] = index
                continue
            }
            let earlier = working[previous].submission.receivedAt
            let later = working[index].submission.receivedAt
            let replaces = earlier.flatMap { a in later.map { b in b >= a } } ?? true
            let (loser, winner) = replaces ? (previous, index) : (index, previous)
            working[loser].status = .superseded
            working[loser].reasons.append(
                "superseded by a later submission from the same supplier (document \(working[winner].submission.documentID))"
            )
            latest[identity] = winner
        }
        return working
    }

    /// Gates, then the parts that do not depend on other tenders, then minimums.
    func assessAbsolute(_ tender: inout Working, scorer: PartScorer, flags: inout [ScoringFlag]) {
        let checker = GateChecker(plugins: plugins)
        let key = tender.submission.tenderKey
        // A call-off: only a member of the framework's lot (or the market's category) may be awarded it.
        if let reason = methodology.callOff?.nonMember(tender.submission.supplier) {
            tender.status = .disregarded
            tender.reasons.append(reason)
            return
        }
        for gate in methodology.gates {
            let result = checker.check(gate, tender: tender.submission)
            tender.gates.append(result)
            guard !result.passed else { continue }
            switch gate.onFail {
            case .disregard:
                tender.status = .disregarded
                tender.reasons.append("failed gate '\(gate.id)': \(result.reason) (declared consequence: disregard)")
            case .flag:
                flags.append(
                    ScoringFlag(
                        check: gate.id, kind: "gate", tender: key,
                        message: "failed gate '\(gate.id)': \(result.reason)",
                        action: "the methodology declares this gate as a flag: the buyer decides and records why"))
            }
        }
        guard tender.status == .assessed else { return }
        let byCriterion = methodology.criteria.map { criterion in
            criterion.parts.map { scorer.absolute($0, tender: tender.submission) }
        }
        tender.parts = byCriterion.map { $0.map(\.result) }
        let outcomes = byCriterion.flatMap { $0 }
        if let failure = outcomes.compactMap(\.failure).first {
            tender.status = .failed
            tender.reasons.append(failure)
            return
        }
        for (question, mark) in outcomes.flatMap(\.belowMinimum) {
            let text =
                "\(question.id) moderated mark \(DecimalText.exact(mark)) is below the minimum "
                + "\(DecimalText.exact(question.minimum ?? 0))"
            switch question.onFail {
            case .disregard:
                tender.status = .disregarded
                tender.reasons.append("\(text) (declared consequence: disregard)")
            case .flag:
                flags.append(
                    ScoringFlag(
                        check: question.id, kind: "minimum", tender: key, message: text,
                        action: "the methodology declares this minimum as a flag: the buyer decides and records why"))
            }
        }
        tender.missing = outcomes.flatMap(\.missing)
        if tender.status == .assessed, !tender.missing.isEmpty {
            tender.status = .incomplete
            tender.reasons.append(
                "waiting for marks: " + tender.missing.map { "\($0.question) (\($0.needed))" }.joined(separator: ", "))
        }
    }

    /// The criteria results of a tender under a reference lowest price. Without `explain`, only the fractions and
    /// points (what ranking compares): no reasons, and the parts as scored (a leave-one-out re-ranking, which only asks
    /// who would win).
    func criteria(_ tender: Working, lowest: Decimal?, scorer: PartScorer, explain: Bool = true) -> [CriterionResult] {
        zip(methodology.criteria, tender.parts).map { criterion, assessed in
            // The parts as assessed, a relative price scored against `lowest`; the array itself when that and the
            // rounding below change nothing (thousands of tenders' results then share their parts with the assessment).
            var exactParts = assessed
            for (index, part) in criterion.parts.enumerated() {
                guard case .price(let formula) = part.kind, formula.isRelative else { continue }
                exactParts[index] =
                    scorer.price(formula, weight: part.weight, tender: tender.submission, lowest: lowest).result
            }
            let partWeight = exactParts.map(\.weight).reduce(0, +)
            var exactFraction: Decimal? = nil
            if exactParts.allSatisfy({ $0.fraction != nil }), partWeight > 0 {
                exactFraction = QuotientCache.divide(
                    exactParts.map { $0.weight * $0.fraction! }.reduce(0, +), by: partWeight)
            }
            let points = exactFraction.map { DecimalMath.exact(criterion.weight * $0) }
            let fraction = exactFraction.map(DecimalMath.exact)
            guard explain else {
                return CriterionResult(
                    id: criterion.id, title: criterion.title, weight: criterion.weight, fraction: fraction,
                    points: points, reason: "", parts: exactParts)
            }
            var parts = exactParts
            for index in parts.indices {
                guard let fraction = parts[index].fraction else { continue }
                let rounded = DecimalMath.exact(fraction)
                if !DecimalMath.isStoredAlike(rounded, fraction) { parts[index].fraction = rounded }
            }
            var reason = parts.count == 1 ? parts[0].reason : "parts combined by weight"
            if let fraction, let points {
                reason +=
                    "; \(DecimalText.exact(criterion.weight)) × \(Money.fraction(fraction)) = "
                    + DecimalText.published(points, places: methodology.evaluation.rounding) + " points"
                reason = reason.compacted
            }
            return CriterionResult(
                id: criterion.id, title: criterion.title, weight: criterion.weight, fraction: fraction, points: points,
                reason: reason, parts: parts)
        }
    }

    /// Standings of every fully marked tender still in the running, keyed by tender (each computed on every core);
    /// without `explain`, their criteria carry no reasons (``criteria(_:lowest:scorer:explain:)``).
    func rankable(
        _ working: [Working], lowest: Decimal?, scorer: PartScorer, excluding: String? = nil, explain: Bool = true
    ) -> [String: Standing] {
        // Indices, not copies of the tenders (leave-one-out ranks again without one tender, a copy each time).
        let ranked = working.indices.filter {
            working[$0].status == .assessed && working[$0].submission.tenderKey != excluding
        }
        var standings: [String: Standing] = [:]
        standings.reserveCapacity(ranked.count)
        for standing in ConcurrentMap.map(
            ranked.count, { standing(working[ranked[$0]], lowest: lowest, scorer: scorer, explain: explain) })
        {
            standings[standing.key] = standing
        }
        return standings
    }

    /// One tender's standing under a reference lowest price.
    func standing(_ tender: Working, lowest: Decimal?, scorer: PartScorer, explain: Bool = true) -> Standing {
        let results = criteria(tender, lowest: lowest, scorer: scorer, explain: explain)
        let total = results.map { $0.points ?? 0 }.reduce(0, +)
        let quality = zip(methodology.criteria, results).filter { !$0.0.isPrice }.map { $0.1.points ?? 0 }
            .reduce(0, +)
        let price = tender.submission.price.total
        return Standing(
            key: tender.submission.tenderKey, total: total, qualityPoints: quality,
            pricePerQualityPoint: quality > 0 ? DecimalMath.exact(price / quality) : nil, price: price,
            receivedAt: tender.submission.receivedAt, criteria: results)
    }

    /// Standings in rank order.
    func order(_ standings: [Standing]) -> [Standing] {
        standings.sorted {
            $0.compare($1, method: methodology.evaluation.method, tieBreak: methodology.evaluation.tieBreak).before
        }
    }
}
