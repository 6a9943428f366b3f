import Foundation

/// The latest marks per tender and question, merged from submissions and marks documents in arrival order.
///
/// A later mark from the same evaluator (or the panel) for the same tender and question supersedes the
/// earlier one. Marks from unlisted or conflicted evaluators, for unknown tenders or questions, or off the
/// scale are not used; each such document is reported with its reason.
///
/// An entry is a ``QuestionMarks`` whose evaluators are unique and in order of their ids. A tender whose one
/// submission carries its marks in that form, every one of them usable, shares that submission's marks rather than
/// copying them (a procurement of thousands of tenders would otherwise hold every mark twice).
struct MarkBook {
    typealias Entry = QuestionMarks

    private(set) var entries: [String: [String: Entry]] = [:]
    private(set) var rejected: [RejectedMarks] = []
    /// Marks replaced by a later marks document from the same evaluator (or the panel).
    private(set) var changes: [MarkChange] = []

    init(methodology: Methodology, submissions: [Submission], documents: [MarksDocument]) {
        let rules = Dictionary(methodology.questions.map { ($0.question.id, $0.rule) }, uniquingKeysWith: { a, _ in a })
        // A submission's own marks touch only its tender's entries: the tenders are marked on every core (each
        // tender's submissions in order), and what they reject or change is put back in the order of the submissions,
        // exactly as marking them one after another would.
        var order: [String] = []
        var indices: [String: [Int]] = [:]
        for (index, submission) in submissions.enumerated() {
            if indices[submission.tenderKey] == nil { order.append(submission.tenderKey) }
            indices[submission.tenderKey, default: []].append(index)
        }
        let tenders = ConcurrentMap.map(order.count) { [order, indices] position in
            Self.ownMarks(
                of: indices[order[position]]!.map { ($0, submissions[$0]) }, methodology: methodology, rules: rules)
        }
        var outcomes: [(index: Int, rejected: [RejectedMarks], changes: [MarkChange])] = []
        for (key, tender) in zip(order, tenders) {
            if let entries = tender.entries { self.entries[key] = entries }
            outcomes += tender.outcomes
        }
        for outcome in outcomes.sorted(by: { $0.index < $1.index }) {
            rejected += outcome.rejected
            changes += outcome.changes
        }
        var byAlias: [String: Submission] = [:]
        for submission in submissions where !documents.isEmpty {
            for alias in submission.aliases { byAlias[alias] = submission }
        }
        for document in documents {
            guard let submission = byAlias[document.tender] else {
                rejected.append(
                    RejectedMarks(
                        documentID: document.documentID, tender: document.tender, evaluator: document.evaluator,
                        location: document.location,
                        reason: "no submission with tender_id or supplier identifier '\(document.tender)' in "
                            + "procurement \(document.procurement); check the tender reference"))
                continue
            }
            record(
                document.marks, evaluator: document.evaluator, submission: submission, documentID: document.documentID,
                location: document.location, methodology: methodology, rules: rules,
                clarification: document.clarification)
        }
    }

    /// An empty book.
    private init() {}

    /// The marks one tender's submissions (with their indices, in order) carry: its entries (nil when none was
    /// recorded), and what each submission had rejected or changed.
    private static func ownMarks(
        of submissions: [(index: Int, submission: Submission)], methodology: Methodology, rules: [String: MarksRule]
    ) -> (entries: [String: Entry]?, outcomes: [(index: Int, rejected: [RejectedMarks], changes: [MarkChange])]) {
        if submissions.count == 1,
            let shared = shareable(submissions[0].submission, methodology: methodology, rules: rules)
        {
            return (shared.isEmpty ? nil : shared, [(submissions[0].index, [], [])])
        }
        var book = MarkBook()
        var outcomes: [(index: Int, rejected: [RejectedMarks], changes: [MarkChange])] = []
        for (index, submission) in submissions {
            let (rejected, changes) = (book.rejected.count, book.changes.count)
            for questionID in submission.marks.keys.sorted() {
                let marks = submission.marks[questionID]!
                if let consensus = marks.consensus {
                    book.record(
                        [questionID: consensus], evaluator: MarksDocument.panel, submission: submission,
                        documentID: submission.documentID, location: consensus.location, methodology: methodology,
                        rules: rules)
                }
                for evaluatorMark in marks.evaluators {
                    book.record(
                        [questionID: evaluatorMark.mark], evaluator: evaluatorMark.evaluator, submission: submission,
                        documentID: submission.documentID, location: evaluatorMark.mark.location,
                        methodology: methodology, rules: rules)
                }
            }
            outcomes.append((index, Array(book.rejected[rejected...]), Array(book.changes[changes...])))
        }
        return (book.entries[submissions[0].submission.tenderKey], outcomes)
    }

    /// A submission's marks as its tender's entries, when recording them one by one would record each as it is:
    /// every group usable, each question's evaluators unique and in order, none of them the panel (whose mark
    /// recorded stands as the consensus). `nil` otherwise.
    private static func shareable(_ submission: Submission, methodology: Methodology, rules: [String: MarksRule])
        -> [String: Entry]?
    {
        // The checks `record` makes, mark by mark (a group of one question's mark is refused exactly when its mark
        // is): no dictionary of one mark is made for each.
        for (questionID, marks) in submission.marks {
            for (earlier, later) in zip(marks.evaluators, marks.evaluators.dropFirst())
            where !(earlier.evaluator < later.evaluator) {
                return nil
            }
            for evaluatorMark in marks.evaluators {
                if evaluatorMark.evaluator == MarksDocument.panel
                    || evaluatorProblem(evaluatorMark.evaluator, submission: submission, methodology: methodology)
                        != nil
                    || markProblem(evaluatorMark.mark, question: questionID, methodology: methodology, rules: rules)
                        != nil
                {
                    return nil
                }
            }
            if let consensus = marks.consensus,
                markProblem(consensus, question: questionID, methodology: methodology, rules: rules) != nil
            {
                return nil
            }
        }
        return submission.marks
    }

    /// Validates a group of marks from one source and records them all, or rejects them all.
    private mutating func record(
        _ marks: [String: AwardedMark], evaluator: String, submission: Submission, documentID: String,
        location: SourceLocation?, methodology: Methodology, rules: [String: MarksRule], clarification: String? = nil
    ) {
        if let problem = Self.problem(
            marks, evaluator: evaluator, submission: submission, methodology: methodology, rules: rules)
        {
            rejected.append(
                RejectedMarks(
                    documentID: documentID, tender: submission.tenderKey, evaluator: evaluator, location: location,
                    reason: problem))
            return
        }
        for questionID in marks.keys.sorted() {
            let mark = marks[questionID]!
            let previous =
                evaluator == MarksDocument.panel
                ? entries[submission.tenderKey]?[questionID]?.consensus
                : entries[submission.tenderKey]?[questionID]?.evaluators.first { $0.evaluator == evaluator }?.mark
            if let previous, previous.mark != mark.mark {
                changes.append(
                    MarkChange(
                        tender: submission.tenderKey, question: questionID, evaluator: evaluator, from: previous.mark,
                        to: mark.mark, document: documentID, clarification: clarification, reason: mark.reason))
            }
            // In place: the entry's evaluators are not copied to add one.
            if evaluator == MarksDocument.panel {
                entries[submission.tenderKey, default: [:]][questionID, default: Self.empty].consensus = mark
            } else {
                entries[submission.tenderKey, default: [:]][questionID, default: Self.empty].evaluators.set(
                    mark, by: evaluator)
            }
        }
    }

    private static func problem(
        _ marks: [String: AwardedMark], evaluator: String, submission: Submission, methodology: Methodology,
        rules: [String: MarksRule]
    ) -> String? {
        if let problem = evaluatorProblem(evaluator, submission: submission, methodology: methodology) {
            return problem
        }
        for questionID in marks.keys.sorted() {
            if let problem = markProblem(
                marks[questionID]!, question: questionID, methodology: methodology, rules: rules)
            {
                return problem
            }
        }
        return nil
    }

    /// Why `evaluator` may not mark `submission`'s tender: not listed by the methodology, or conflicted.
    private static func evaluatorProblem(_ evaluator: String, submission: Submission, methodology: Methodology)
        -> String?
    {
        guard evaluator != MarksDocument.panel, let declared = methodology.evaluation.evaluators else { return nil }
        guard let declaration = declared.first(where: { $0.id == evaluator }) else {
            let names = declared.map(\.id).joined(separator: ", ")
            return "evaluator '\(evaluator)' is not listed in methodology \(methodology.id) (listed: \(names), "
                + "or 'panel' for consensus marks)"
        }
        if let conflict = declaration.conflicts.first(where: { submission.aliases.contains($0) }) {
            return "evaluator '\(evaluator)' declared a conflict of interest with '\(conflict)' (s.81–83) "
                + "and must not mark this tender; ask another evaluator"
        }
        return nil
    }

    /// Why `awarded` cannot stand for `questionID`: an unknown question, or a mark off its scale.
    private static func markProblem(
        _ awarded: AwardedMark, question questionID: String, methodology: Methodology, rules: [String: MarksRule]
    ) -> String? {
        guard let rule = rules[questionID] else {
            let known = rules.keys.sorted().joined(separator: ", ")
            return "question '\(questionID)' is not in methodology \(methodology.id) (questions: \(known))"
        }
        let mark = awarded.mark
        guard mark >= rule.scale.min, mark <= rule.scale.max else {
            return "mark \(mark) for \(questionID) is outside the scale \(rule.scale.min)–\(rule.scale.max)"
        }
        if !rule.scale.labels.isEmpty, rule.scale.label(for: mark) == nil {
            let levels = rule.scale.labels.map { DecimalText.exact($0.mark) }.joined(separator: ", ")
            return "mark \(mark) for \(questionID) is not a level of the scale (levels: \(levels))"
        }
        return nil
    }

    private static let empty = Entry(consensus: nil, evaluators: [])

    /// The marks recorded for one tender and question, its evaluators in order of their ids.
    func entry(tender: String, question: String) -> Entry {
        entries[tender]?[question] ?? Self.empty
    }
}

extension [EvaluatorMark] {
    /// Records `mark` as `evaluator`'s, replacing theirs if there is one, keeping the evaluators in order of their ids.
    fileprivate mutating func set(_ mark: AwardedMark, by evaluator: String) {
        let index = firstIndex { !($0.evaluator < evaluator) } ?? endIndex
        if index < endIndex, self[index].evaluator == evaluator {
            self[index].mark = mark
        } else {
            insert(EvaluatorMark(evaluator: evaluator, mark: mark), at: index)
        }
    }
}
