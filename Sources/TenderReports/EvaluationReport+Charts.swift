import Foundation
import TenderScoring

extension EvaluationReport {
    /// Horizontal stacked bars: each ranked tender's points by criterion, on a scale of the total weight.
    public func stackedBarChart() -> String {
        let tenders = ranked
        guard !tenders.isEmpty else { return "<p>No tender is ranked yet.</p>" }
        let maximum = methodology.criteria.map(\.weight).reduce(0, +)
        let (labelWidth, barWidth, rowHeight): (Decimal, Decimal, Decimal) = (290, 600, 40)
        let height = Decimal(tenders.count) * rowHeight + 40
        let scale = maximum > 0 ? barWidth / maximum : 0
        var svg = svgOpen(width: labelWidth + barWidth + 90, height: height, label: "Points by criterion per tender")
        for tick in 0...5 {
            let value = maximum * Decimal(tick) / 5
            let x = labelWidth + value * scale
            svg += "<line x1=\"\(n(x))\" y1=\"0\" x2=\"\(n(x))\" y2=\"\(n(height - 30))\" stroke=\"#d0d7de\"/>"
            svg += "<text x=\"\(n(x))\" y=\"\(n(height - 12))\" text-anchor=\"middle\" font-size=\"12\" "
            svg += "fill=\"#57606a\">\(Figures.points(value, places: 0, in: .document))</text>"
        }
        for (row, tender) in tenders.enumerated() {
            let y = Decimal(row) * rowHeight + 6
            let name = "\(tender.rank!). \(tender.key) \(tender.supplier.name)"
            svg += "<text x=\"\(n(labelWidth - 8))\" y=\"\(n(y + 19))\" text-anchor=\"end\" font-size=\"12\" "
            svg += "fill=\"#1d1d1f\">\(HTML.escape(Figures.truncated(name, to: 42)))</text>"
            var x = labelWidth
            for (index, criterion) in methodology.criteria.enumerated() {
                let width = (tender.points(criterion.id) ?? 0) * scale
                guard width > 0 else { continue }
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"28\" "
                svg += "fill=\"\(Self.colour(index))\" shape-rendering=\"crispEdges\"><title>"
                svg += HTML.escape("\(tender.key) \(criterion.title ?? criterion.id): ")
                svg += "\(Figures.points(tender.points(criterion.id), places: places, in: .document))</title></rect>"
                x += width
            }
            svg += "<text x=\"\(n(x + 6))\" y=\"\(n(y + 19))\" font-size=\"12\" font-weight=\"bold\" fill=\"#1d1d1f\">"
            svg += "\(Figures.points(tender.total, places: places, in: .document))</text>"
        }
        svg += "</svg>"
        let legend = methodology.criteria.enumerated().map { index, criterion in
            "<span><span class=\"swatch\" style=\"background:\(Self.colour(index))\"></span>"
                + "\(HTML.escape(criterion.title ?? criterion.id)) (\(Figures.weight(criterion.weight)))</span>"
        }
        return "<div class=\"chart\">\(svg)<p>\(legend.joined(separator: " &nbsp; "))</p></div>"
    }

    /// Price (x) against non-price points (y) for every ranked tender; the winner in its own colour.
    public func scatterChart() -> String {
        let tenders = ranked.filter { $0.qualityPoints != nil }
        guard !tenders.isEmpty else { return "<p>No tender is ranked yet.</p>" }
        let prices = tenders.map(\.price.total)
        let axis = Self.priceAxis(low: prices.min()!, high: prices.max()!)
        let (xMin, xMax) = (axis.first!, axis.last!)
        let nonPrice = methodology.criteria.filter { !$0.isPrice }.map(\.weight).reduce(0, +)
        let yMax = nonPrice > 0 ? nonPrice : 100
        let (left, top, width, height): (Decimal, Decimal, Decimal, Decimal) = (90, 16, 700, 300)
        func px(_ price: Decimal) -> Decimal { left + (price - xMin) / (xMax - xMin) * width }
        func py(_ points: Decimal) -> Decimal { top + height - points / yMax * height }
        var svg = svgOpen(width: left + width + 160, height: top + height + 56, label: "Price against quality points")
        svg += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#fafbfc\" "
        svg += "stroke=\"#d0d7de\"/>"
        for tick in 0...5 {
            let points = yMax * Decimal(tick) / 5
            svg += "<text x=\"\(n(left - 8))\" y=\"\(n(py(points) + 4))\" text-anchor=\"end\" font-size=\"12\" "
            svg += "fill=\"#57606a\">\(Figures.points(points, places: 0, in: .document))</text>"
        }
        for price in axis {
            svg += "<text x=\"\(n(px(price)))\" y=\"\(n(top + height + 18))\" text-anchor=\"middle\" font-size=\"12\" "
            svg += "fill=\"#57606a\">\(Figures.money(price, currency: nil))</text>"
        }
        svg += "<text x=\"\(n(left + width / 2))\" y=\"\(n(top + height + 44))\" text-anchor=\"middle\" "
        svg += "font-size=\"13\">Price (\(HTML.escape(methodology.procurement.currency)))</text>"
        svg += "<text x=\"18\" y=\"\(n(top + height / 2))\" text-anchor=\"middle\" font-size=\"13\" "
        svg +=
            "transform=\"rotate(-90 18 \(n(top + height / 2)))\">Quality points (of \(Figures.weight(yMax)))</text>"
        for tender in tenders {
            let (x, y) = (px(tender.price.total), py(tender.qualityPoints ?? 0))
            let colour = tender.key == result.winner ? Self.winnerColour : Self.tenderColour
            svg += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"8\" fill=\"\(colour)\"><title>"
            svg += HTML.escape("\(tender.key): \(Figures.money(tender.price.total, currency: tender.price.currency)), ")
            svg +=
                "\(Figures.points(tender.qualityPoints, places: places, in: .document)) quality points</title></circle>"
            svg += "<text x=\"\(n(x + 12))\" y=\"\(n(y + 4))\" font-size=\"12\">\(HTML.escape(tender.key))</text>"
        }
        var legend: [String] = []
        if let key = result.winner {
            legend.append(Self.dot(Self.winnerColour) + "Most advantageous tender (\(HTML.escape(key)))")
        }
        if tenders.contains(where: { $0.key != result.winner }) {
            legend.append(
                Self.dot(Self.tenderColour) + (result.winner == nil ? "Ranked tender" : "Other ranked tender"))
        }
        return "<div class=\"chart\">\(svg)</svg><p>\(legend.joined(separator: " &nbsp; "))</p></div>"
    }

    /// A round legend marker in a colour.
    private static func dot(_ colour: String) -> String {
        "<span class=\"swatch\" style=\"background:\(colour);border-radius:50%\"></span>"
    }

    /// The price axis's ticks: a round step (1, 2, 2.5 or 5 × 10ⁿ) giving about five intervals, from the last
    /// multiple of the step at or below the lowest price (less a margin, never below 0) to the first at or above the
    /// highest (plus a margin).
    static func priceAxis(low: Decimal, high: Decimal) -> [Decimal] {
        let margin = high > low ? (high - low) / 20 : max(low / 20, 1)
        let (from, to) = (max(0, low - margin), high + margin)
        let step = roundStep(above: (to - from) / 5)
        let first = whole(from / step, .down) * step
        let last = whole(to / step, .up) * step
        var ticks: [Decimal] = []
        var tick = first
        while tick <= last {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    /// The smallest 1, 2, 2.5 or 5 × 10ⁿ that is at least `raw` (which must be positive).
    static func roundStep(above raw: Decimal) -> Decimal {
        var power = Decimal(1)
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for multiple in [Decimal(1), 2, Decimal(5) / 2, 5] where multiple * power >= raw {
            return multiple * power
        }
        return power * 10
    }

    private static func whole(_ value: Decimal, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 0, mode)
        return output
    }

    private func svgOpen(width: Decimal, height: Decimal, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\" "
            + "font-family=\"DejaVu Sans, Arial, sans-serif\">"
    }

    /// A coordinate to one decimal place.
    private func n(_ value: Decimal) -> String {
        DecimalText.published(value, places: 1)
    }
}
