import Foundation

/// One lot of a tender for several lots: its price, and what it gives for this lot alone (answers merged over the
/// shared ones, outcomes and marks that replace the shared ones).
public struct LotTender: Sendable, Hashable {
    public var lot: String
    public var price: Price
    /// The lot's own entry as a tree (`answers`, `outcomes`, `social_value`… given for this lot).
    public var content: [String: DocumentValue]
    public var marks: [String: QuestionMarks]
    public var outcomes: [[String: DocumentValue]]?
    public var location: SourceLocation?

    public init(
        lot: String, price: Price, content: [String: DocumentValue], marks: [String: QuestionMarks],
        outcomes: [[String: DocumentValue]]?, location: SourceLocation?
    ) {
        self.lot = lot
        self.price = price
        self.content = content
        self.marks = marks
        self.outcomes = outcomes
        self.location = location
    }
}

extension Submission {
    /// The tender for one lot, as that lot's evaluation sees it: the lot's price and marks, the shared answers with
    /// the lot's merged over them (a key the lot gives replaces the shared one), and a document tree whose `lot` and
    /// `price` are the lot's, so gates read the lot's figures. `nil` when the document does not tender for the lot.
    /// A tender for one lot gives itself for that lot.
    public func lot(_ id: String) -> Submission? {
        guard !lots.isEmpty else { return lot == id ? self : nil }
        guard let entry = lots.first(where: { $0.lot == id }) else { return nil }
        var view = self
        view.lot = id
        view.price = entry.price
        view.location = entry.location ?? location
        view.marks = marks.merging(entry.marks) { _, own in own }
        if let outcomes = entry.outcomes { view.outcomes = outcomes }
        view.lots = []
        guard case .map(var members) = content else { return view }
        members["lots"] = nil
        members["lot"] = .string(id)
        for (key, value) in entry.content where key != "lot" {
            if case .map(let own) = value, case .map(let shared)? = members[key] {
                members[key] = .map(shared.merging(own) { _, lotValue in lotValue })
            } else {
                members[key] = value
            }
        }
        view.content = .map(members)
        return view
    }
}
