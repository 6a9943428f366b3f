import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring

/// The evaluations a batch's close requests ask for, made before they are decided, on every core.
///
/// The intake loop decides a batch's documents one after another (it alone owns the procurement book), so a burst of
/// close requests was evaluated one procurement at a time while the other cores waited for the reports. Each
/// evaluation depends only on its methodology and its documents, so those a batch will ask for are made ahead, several
/// together (as arrivals are assessed ahead: ``PreparedClaim/Assessment``): the intake loop makes the next batch's
/// while this one's smaller reports are rendered in the background (``FinalReports``), or a batch's own as it starts
/// (groups after the first when a close comes to them). A close takes the one made ahead only if its procurement's
/// inputs are still exactly those it was made from, and evaluates as before otherwise; the result is the same bytes
/// either way.
///
/// Made ahead: the procurements of close requests that nothing else in the batch names, when at least two are, each of
/// fewer than ``FinalReports/waveTenders`` tenders (a larger one's evaluation uses every core already), not lotted (an
/// award across lots and the limit on tendered lots read other lots' documents); in groups of at most
/// ``FinalReports/waveTenders`` tenders, the next group made when a close comes to it. Memory holds about one group,
/// and the next batch's first beside it once this batch is decided (both kept until their closes take them, or the
/// batch is decided: through the wait for a place in the commit queue). Nothing is made ahead for a batch that may
/// evaluate a procurement of ``FinalReports/waveTenders`` tenders or more (``evaluatesLarge(_:ruleSet:book:)``), nor
/// while such a batch is still being committed (its result is read back then).
struct EvaluationsAhead {
    /// One evaluation made ahead and what it ran over.
    struct Made: Sendable {
        var inputs: [EvaluationEntry.Input]
        var tenders: [Submission]
        var result: EvaluationResult
        /// The result as its `procurement-evaluated` entry records it (nil if its bytes do not scan as canonical: the
        /// entry then makes them itself).
        var serialized: SerializedJSON?
    }

    private var made: [ProcurementKey: Made] = [:]
    /// The procurements still to make ahead, in the order their closes come, with their tender counts.
    private var planned: [(key: ProcurementKey, entry: RuleSet.Entry, tenders: Int)] = []
    private let plugins: (any PluginEvaluator)?
    /// How many evaluations were made ahead, in all.
    private(set) var madeCount = 0
    /// How many evaluations made ahead a close took (the rest: their procurement's inputs had changed, or their close
    /// was refused before it evaluated).
    private(set) var takenCount = 0

    /// Nothing made ahead.
    init() { plugins = nil }

    /// Plans the evaluations the close requests in `claims` ask for (see the type's description) and makes the first
    /// group of them; the book's documents of those procurements are read back here, as their closes would read them.
    /// The caller makes none for claims that may evaluate a large procurement (``evaluatesLarge(_:ruleSet:book:)``).
    init(_ claims: [PreparedClaim], ruleSet: RuleSet, book: inout ProcurementBook) {
        plugins = ruleSet.plugins.host
        var closed: [ProcurementKey] = []
        // Close requests per procurement reference, and the references other documents of the batch name.
        var closes: [String: Int] = [:]
        var touched: Set<String> = []
        for claim in claims {
            guard case .read(_, _, .success(let document)) = claim.content else { continue }
            switch document {
            case .close(let close):
                closed.append(ProcurementKey(close))
                closes[close.procurement, default: 0] += 1
            case .submission(let submission): touched.insert(submission.procurement)
            case .marks(let marks): touched.insert(marks.procurement)
            case .decision(let decision): touched.insert(decision.procurement)
            case .methodology, .ruleTests, .framework: break
            }
        }
        for key in closed where closes[key.reference] == 1 && !touched.contains(key.reference) {
            guard let entry = ruleSet.entry(for: key), entry.methodology.lotting == nil,
                ruleSet.lotKeys(of: key.reference).isEmpty, book.concludedOutcome(key) == nil
            else { continue }
            let tenders = book.submissionCount(key)
            // A large procurement is evaluated by its close alone (its evaluation uses every core already).
            guard tenders < FinalReports.waveTenders else { continue }
            planned.append((key, entry, tenders))
        }
        guard planned.count >= 2 else {
            planned = []
            return
        }
        makeGroup(book: &book)
    }

    /// Makes the next planned evaluations, as many as fit in ``FinalReports/waveTenders`` tenders, together.
    private mutating func makeGroup(book: inout ProcurementBook) {
        var tenders = 0
        var group = 0
        while group < planned.count, group == 0 || tenders + planned[group].tenders <= FinalReports.waveTenders {
            tenders += planned[group].tenders
            group += 1
        }
        let keys = planned.prefix(group)
        planned.removeFirst(group)
        var work: [(key: ProcurementKey, methodology: Methodology, inputs: [EvaluationEntry.Input])] = []
        var documents: [([Submission], [MarksDocument], [Decision])] = []
        for (key, entry, _) in keys {
            // One that cannot be read back is left to its close, which says why.
            guard let evaluation = try? book.evaluation(key, methodology: entry.methodology, plugins: plugins) else {
                continue
            }
            work.append((key, entry.methodology, evaluation.inputs))
            documents.append((evaluation.tenders, book.marks(key), book.decisions(key)))
        }
        let results = IntakeDecider.results(work.map(\.methodology), plugins: plugins, documents)
        let serialized = ConcurrentMap.map(results.count) {
            SerializedJSON(canonicalObject: results[$0].canonicalBytes)
        }
        madeCount += work.count
        for (index, item) in work.enumerated() {
            made[item.key] = Made(
                inputs: item.inputs, tenders: documents[index].0, result: results[index], serialized: serialized[index])
        }
    }

    /// The evaluation of `key` made ahead, if it was made from exactly the procurement's inputs now (its group is made
    /// now if it was planned and not made yet); it is let go here either way.
    mutating func take(_ key: ProcurementKey, book: inout ProcurementBook) -> Made? {
        if made[key] == nil, planned.contains(where: { $0.key == key }) {
            // The groups before it were taken or passed over: their closes came first.
            while let first = planned.first, first.key != key { planned.removeFirst() }
            makeGroup(book: &book)
        }
        guard let made = made.removeValue(forKey: key), made.inputs == book.inputs(key) else { return nil }
        takenCount += 1
        return made
    }

    /// Whether a document of `claims` may evaluate a procurement of ``FinalReports/waveTenders`` tenders or more (its
    /// close, or a decision of it; a lotted one's lots counted together). Nothing is made ahead for such a batch, nor
    /// rendered in the background beside it (``FinalReports``), so its memory is that of the large evaluation alone.
    static func evaluatesLarge(
        _ claims: some Sequence<PreparedClaim>, ruleSet: RuleSet, book: inout ProcurementBook
    ) -> Bool {
        // The batch's own submissions count too (not in the book until they are decided).
        var arriving: [String: Int] = [:]
        var evaluated: [ProcurementKey] = []
        for claim in claims {
            guard case .read(_, _, .success(let document)) = claim.content else { continue }
            switch document {
            case .submission(let submission): arriving[submission.procurement, default: 0] += 1
            case .close(let close): evaluated.append(ProcurementKey(close))
            case .decision(let decision): evaluated.append(ProcurementKey(decision))
            default: continue
            }
        }
        return evaluated.contains { key in
            let keys = [key] + ruleSet.lotKeys(of: key.reference)
            let tenders = keys.reduce(arriving[key.reference] ?? 0) { $0 + book.submissionCount($1) }
            return tenders >= FinalReports.waveTenders
        }
    }
}
