import Foundation
import TenderScoring

extension EvaluationReport {
    /// Horizontal stacked bars: each ranked tender's points by criterion, on a scale of the total weight.
    func stackedBarChart() -> String {
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
            svg += "fill=\"#57606a\">\(DecimalText.published(value, places: 0))</text>"
        }
        for (row, tender) in tenders.enumerated() {
            let y = Decimal(row) * rowHeight + 6
            let name = "\(tender.rank!). \(tender.key) \(tender.supplier.name)"
            svg += "<text x=\"\(n(labelWidth - 8))\" y=\"\(n(y + 19))\" text-anchor=\"end\" font-size=\"12\" "
            svg += "fill=\"#1d1d1f\">\(HTML.escape(name.count > 42 ? name.prefix(41) + "…" : name))</text>"
            var x = labelWidth
            for (index, criterion) in methodology.criteria.enumerated() {
                let width = (tender.points(criterion.id) ?? 0) * scale
                guard width > 0 else { continue }
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"28\" "
                svg += "fill=\"\(Self.colour(index))\" shape-rendering=\"crispEdges\"><title>"
                svg += HTML.escape("\(tender.key) \(criterion.title ?? criterion.id): ")
                svg += "\(MethodologyText.points(tender.points(criterion.id), places))</title></rect>"
                x += width
            }
            svg += "<text x=\"\(n(x + 6))\" y=\"\(n(y + 19))\" font-size=\"12\" font-weight=\"bold\" fill=\"#1d1d1f\">"
            svg += "\(MethodologyText.points(tender.total, places))</text>"
        }
        svg += "</svg>"
        let legend = methodology.criteria.enumerated().map { index, criterion in
            "<span><span class=\"swatch\" style=\"background:\(Self.colour(index))\"></span>"
                + "\(HTML.escape(criterion.title ?? criterion.id)) (\(DecimalText.exact(criterion.weight)))</span>"
        }
        return "<div class=\"chart\">\(svg)<p>\(legend.joined(separator: " &nbsp; "))</p></div>"
    }

    /// Price (x) against non-price points (y) for every ranked tender; the winner in its own colour.
    func scatterChart() -> String {
        let tenders = ranked.filter { $0.qualityPoints != nil }
        guard !tenders.isEmpty else { return "<p>No tender is ranked yet.</p>" }
        let prices = tenders.map(\.price.total)
        let (low, high) = (prices.min()!, prices.max()!)
        let pad = high > low ? (high - low) / 10 : max(low / 10, 1)
        let (xMin, xMax) = (max(0, low - pad), high + pad)
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
            let price = xMin + (xMax - xMin) * Decimal(tick) / 5
            svg += "<text x=\"\(n(left - 8))\" y=\"\(n(py(points) + 4))\" text-anchor=\"end\" font-size=\"12\" "
            svg += "fill=\"#57606a\">\(DecimalText.published(points, places: 0))</text>"
            svg += "<text x=\"\(n(px(price)))\" y=\"\(n(top + height + 18))\" text-anchor=\"middle\" font-size=\"12\" "
            svg += "fill=\"#57606a\">\(Money.grouped(DecimalMath.rounded(price, places: 0)))</text>"
        }
        svg += "<text x=\"\(n(left + width / 2))\" y=\"\(n(top + height + 44))\" text-anchor=\"middle\" "
        svg += "font-size=\"13\">Price (\(HTML.escape(methodology.procurement.currency)))</text>"
        svg += "<text x=\"18\" y=\"\(n(top + height / 2))\" text-anchor=\"middle\" font-size=\"13\" "
        svg +=
            "transform=\"rotate(-90 18 \(n(top + height / 2)))\">Quality points (of \(DecimalText.exact(yMax)))</text>"
        for tender in tenders {
            let (x, y) = (px(tender.price.total), py(tender.qualityPoints ?? 0))
            let colour = tender.key == result.winner ? Self.winnerColour : Self.tenderColour
            svg += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"8\" fill=\"\(colour)\"><title>"
            svg += HTML.escape("\(tender.key): \(Money.text(tender.price.total, tender.price.currency)), ")
            svg += "\(MethodologyText.points(tender.qualityPoints, places)) quality points</title></circle>"
            svg += "<text x=\"\(n(x + 12))\" y=\"\(n(y + 4))\" font-size=\"12\">\(HTML.escape(tender.key))</text>"
        }
        return "<div class=\"chart\">\(svg)</svg></div>"
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
