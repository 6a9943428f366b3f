import Foundation
import Synchronization
import TenderLedger
import TenderPlugins
import TenderScoring

/// A procurement's standings for the console: the evaluation its latest recorded state gives.
///
/// - When its last `procurement-evaluated` entry comes after every input (it was closed, or decided on after
///   its close), that evaluation, rebuilt from the ledger exactly as replay does.
/// - Otherwise a provisional evaluation of the documents received so far under the active rule set, made the
///   way the daemon's provisional reports are (a procurement book over the ledger's documents).
///
/// Each is computed once and kept until the procurement's inputs, its evaluation or the rule set change.
final class ConsoleStandings: Sendable {
    /// What the console shows of one evaluation.
    struct Standing: Sendable {
        var key: ProcurementKey
        var methodology: Methodology
        var result: EvaluationResult
        /// The `procurement-evaluated` entry it comes from; nil for a provisional evaluation.
        var evaluationSeq: Int?

        /// Whether prices must stay sealed from a buyer: marks are missing and the methodology seals prices.
        var pricesSealed: Bool { !result.missingMarks.isEmpty && methodology.evaluation.sealedPrices }
    }

    /// What the procurements list shows of an evaluation.
    struct Summary: Sendable {
        var title: String?
        var tenders: Int
        var missingMarks: Int
        /// The kind of each open hold.
        var holds: [HoldKind]
        var winner: String?
        var evaluationSeq: Int?
        /// Whether the methodology seals prices while marks are missing.
        var sealsPrices: Bool

        var pricesSealed: Bool { missingMarks > 0 && sealsPrices }

        init(_ standing: Standing) {
            title = standing.methodology.procurement.title
            tenders = standing.result.tenders.count
            missingMarks = standing.result.missingMarks.count
            holds = standing.result.holds.map(\.kind)
            winner = standing.result.winner
            evaluationSeq = standing.evaluationSeq
            sealsPrices = standing.methodology.evaluation.sealedPrices
        }

        init(_ evaluation: ConsoleIndex.Evaluation, methodology: Methodology?) {
            title = methodology?.procurement.title
            tenders = evaluation.tenders
            missingMarks = evaluation.missingMarks
            holds = evaluation.holds.compactMap(HoldKind.init(rawValue:))
            winner = evaluation.winner
            evaluationSeq = evaluation.seq
            sealsPrices = methodology?.evaluation.sealedPrices ?? true
        }
    }

    /// The list's summary of `procurement`: read from its recorded evaluation when that is current (no evaluation
    /// is rebuilt for the list), else from its provisional standing.
    func summary(of procurement: ConsoleIndex.Procurement) -> Summary? {
        if let evaluation = procurement.evaluation, evaluation.seq > procurement.lastInputSeq {
            return Summary(evaluation, methodology: holder.current?.entry(for: procurement.key)?.methodology)
        }
        return standing(of: procurement).map(Summary.init)
    }

    private struct Stamp: Hashable {
        var lastInput: Int
        var evaluation: Int?
        var ruleset: String?
    }

    let ledger: LedgerStore
    let index: ConsoleIndex
    let holder: RuleSetHolder
    private let cache = Mutex<[ProcurementKey: (stamp: Stamp, standing: Standing?)]>([:])

    init(ledger: LedgerStore, index: ConsoleIndex, holder: RuleSetHolder) {
        self.ledger = ledger
        self.index = index
        self.holder = holder
    }

    /// The standing of `procurement`, or nil when it cannot be evaluated (no active methodology for it and no
    /// recorded evaluation).
    func standing(of procurement: ConsoleIndex.Procurement) -> Standing? {
        let ruleSet = holder.current
        let recorded = procurement.evaluation.flatMap { $0.seq > procurement.lastInputSeq ? $0.seq : nil }
        let stamp = Stamp(
            lastInput: procurement.lastInputSeq, evaluation: recorded, ruleset: recorded == nil ? ruleSet?.digest : nil)
        if let cached = cache.withLock({ $0[procurement.key] }), cached.stamp == stamp { return cached.standing }
        let standing: Standing?
        if let recorded {
            standing = rebuilt(seq: recorded, key: procurement.key)
        } else {
            standing = ruleSet.flatMap { provisional(procurement.key, ruleSet: $0) }
        }
        cache.withLock { $0[procurement.key] = (stamp, standing) }
        return standing
    }

    private func rebuilt(seq: Int, key: ProcurementKey) -> Standing? {
        guard let entry = (try? ledger.entry(seq: seq)) ?? nil,
            let rebuilt = try? EvaluationReplayer(store: ledger).reconstruct(entry)
        else { return nil }
        return Standing(key: key, methodology: rebuilt.methodology, result: rebuilt.result, evaluationSeq: seq)
    }

    private func provisional(_ key: ProcurementKey, ruleSet: RuleSet) -> Standing? {
        guard let entry = ruleSet.entry(for: key) else { return nil }
        var book = IntakeProcessor.emptyBook(ledger)
        for (other, seqs) in index.inputSeqs where other.reference == key.reference {
            for seq in seqs { book.record(seq: seq, to: other) }
        }
        guard let result = book.provisionalResult(key, methodology: entry.methodology, plugins: ruleSet.plugins.host)
        else { return nil }
        return Standing(key: key, methodology: entry.methodology, result: result, evaluationSeq: nil)
    }
}
