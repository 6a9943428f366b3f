import Foundation

/// The figures of one run: printed as a table and written as JSON.
struct Report: Sendable {
    /// One measured figure.
    struct Figure: Codable, Sendable {
        var scenario: String
        var name: String
        var value: Double
        var unit: String
        /// The target, in words (e.g. "< 1 s"), or an aim without a verdict ("aim >= 2"), if any.
        var target: String?
        /// Whether the target is met, when there is one.
        var met: Bool?
    }

    private(set) var figures: [Figure] = []
    var notes: [String] = []

    mutating func add(
        _ scenario: String, _ name: String, _ value: Double, _ unit: String, target: String? = nil, met: Bool? = nil
    ) {
        let figure = Figure(scenario: scenario, name: name, value: value, unit: unit, target: target, met: met)
        figures.append(figure)
        Console.line(Self.line(figure))
    }

    static func line(_ figure: Figure) -> String {
        // Memory to a tenth of a MiB: its targets (143.1, 190.7, 238.4 MiB) have one decimal.
        let value = figure.unit == "MiB" ? String(format: "%.1f", figure.value) : Self.format(figure.value)
        let verdict = figure.met.map { $0 ? "ok" : "MISSED" } ?? ""
        return [
            figure.scenario.padding(toLength: 11, withPad: " ", startingAt: 0),
            figure.name.padding(toLength: 44, withPad: " ", startingAt: 0),
            String(repeating: " ", count: max(0, 12 - value.count)) + value,
            figure.unit.padding(toLength: 14, withPad: " ", startingAt: 0),
            (figure.target ?? "").padding(toLength: 14, withPad: " ", startingAt: 0), verdict,
        ].joined(separator: " ")
    }

    static func format(_ value: Double) -> String {
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.3f", value)
    }

    /// The whole table, for the end of the run.
    var table: String {
        let header = Self.line(Figure(scenario: "scenario", name: "figure", value: 0, unit: "unit", target: "target"))
            .replacingOccurrences(of: "       0.000", with: "       value")
        return ([header] + figures.map(Self.line) + notes.map { "note: \($0)" }).joined(separator: "\n")
    }

    /// Writes the figures, the machine and the notes as JSON.
    func write(json path: String, machine: [String: String]) throws {
        struct Document: Codable {
            var machine: [String: String]
            var figures: [Figure]
            var notes: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(Document(machine: machine, figures: figures, notes: notes))
        try data.write(to: URL(fileURLWithPath: path))
    }
}

/// Unbuffered output, so figures appear as they are measured even through a pipe.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
