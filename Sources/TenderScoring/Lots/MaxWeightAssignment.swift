import Foundation

/// An exact maximum-weight assignment of lots to suppliers, each lot to at most one of its candidates and each
/// supplier to at most `capacity` lots (a maximum-weight b-matching), solved as a min-cost flow by successive
/// shortest paths over exact costs: source → lot (1) → supplier (1 per candidate) → sink (capacity). Weights are
/// `Decimal` totals carried at ``DecimalMath/exactPlaces`` places, scaled to integers (``scaled(_:)``): exact, and
/// the flow's sums and comparisons are integer arithmetic.
/// Each augmentation follows the cheapest path, so after k of them the flow is the heaviest assignment of k lots;
/// augmenting stops when no path adds weight (a path of weight 0 is still taken: more lots awarded at the same sum).
struct MaxWeightAssignment {
    /// A lot's candidates, best first: the supplier (an index) and the weight of awarding the lot to it.
    struct Candidate {
        var supplier: Int
        /// The weight, scaled (``scaled(_:)``).
        var weight: Int128
    }

    /// 10^exactPlaces: a weight at ``DecimalMath/exactPlaces`` places times this is an integer.
    static let scale: Int128 = (0..<DecimalMath.exactPlaces).reduce(1) { value, _ in value * 10 }

    /// A non-negative weight at most ``DecimalMath/exactPlaces`` places, as an exact integer (weight × 10^places).
    static func scaled(_ value: Decimal) -> Int128 {
        let text = DecimalText.exact(DecimalMath.exact(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = Int128(parts[0]) ?? 0
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let padded = fraction + String(repeating: "0", count: DecimalMath.exactPlaces - fraction.count)
        return whole * scale + (Int128(padded) ?? 0)
    }

    /// A scaled weight back as a `Decimal`, exactly.
    static func decimal(_ value: Int128) -> Decimal {
        let whole = value / scale
        let fraction = String(value % scale)
        let padded = String(repeating: "0", count: DecimalMath.exactPlaces - fraction.count) + fraction
        return DecimalText.parse("\(whole).\(padded)") ?? 0
    }

    private struct Edge {
        var to: Int
        var capacity: Int
        var cost: Int128
        var reverse: Int
        /// For lot → supplier edges: which candidate of which lot.
        var candidate: (lot: Int, index: Int)?
    }

    let lots: [[Candidate]]
    let suppliers: Int
    /// How many more lots each supplier may be given.
    let capacity: [Int]

    /// The heaviest assignment: its weight and, for each lot, the index of its candidate (nil: unawarded).
    func solve() -> (weight: Int128, chosen: [Int?]) {
        let source = 0
        let sink = 1 + lots.count + suppliers
        var graph = [[Edge]](repeating: [], count: sink + 1)
        func add(_ from: Int, _ to: Int, _ capacity: Int, _ cost: Int128, _ candidate: (Int, Int)? = nil) {
            graph[from].append(
                Edge(to: to, capacity: capacity, cost: cost, reverse: graph[to].count, candidate: candidate))
            graph[to].append(Edge(to: from, capacity: 0, cost: -cost, reverse: graph[from].count - 1, candidate: nil))
        }
        for (lot, candidates) in lots.enumerated() where !candidates.isEmpty {
            add(source, 1 + lot, 1, 0)
            for (index, candidate) in candidates.enumerated() {
                add(1 + lot, 1 + lots.count + candidate.supplier, 1, -candidate.weight, (lot, index))
            }
        }
        for supplier in 0..<suppliers where capacity[supplier] > 0 {
            add(1 + lots.count + supplier, sink, capacity[supplier], 0)
        }
        var total: Int128 = 0
        while true {
            // Bellman-Ford by queue (costs are negative on the way out, so no Dijkstra without potentials).
            var distance = [Int128?](repeating: nil, count: graph.count)
            var via = [(node: Int, edge: Int)?](repeating: nil, count: graph.count)
            var queued = [Bool](repeating: false, count: graph.count)
            var queue = [source]
            var head = 0
            distance[source] = 0
            queued[source] = true
            while head < queue.count {
                let node = queue[head]
                head += 1
                queued[node] = false
                for (index, edge) in graph[node].enumerated() where edge.capacity > 0 {
                    let candidate = distance[node]! + edge.cost
                    if let known = distance[edge.to], known <= candidate { continue }
                    distance[edge.to] = candidate
                    via[edge.to] = (node, index)
                    if !queued[edge.to] {
                        queued[edge.to] = true
                        queue.append(edge.to)
                    }
                }
            }
            guard let cost = distance[sink], cost <= 0 else { break }
            var node = sink
            while let step = via[node] {
                graph[step.node][step.edge].capacity -= 1
                let edge = graph[step.node][step.edge]
                graph[node][edge.reverse].capacity += 1
                node = step.node
            }
            total -= cost
        }
        var chosen = [Int?](repeating: nil, count: lots.count)
        for node in 1...max(1, lots.count) where node <= lots.count {
            for edge in graph[node] where edge.capacity == 0 {
                if let candidate = edge.candidate { chosen[candidate.lot] = candidate.index }
            }
        }
        return (total, chosen)
    }
}
