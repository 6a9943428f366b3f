import Foundation

/// A piece of a human-readable document, rendered to both Markdown and HTML from one description.
enum ReportBlock: Sendable, Hashable {
    case heading(Int, String)
    case paragraph(String)
    /// A paragraph set apart (warnings, drafts).
    case note(String)
    case list([String])
    case table(header: [String], rows: [[String]])
    /// HTML-only content (charts); left out of Markdown.
    case rawHTML(String)

    /// The blocks as Markdown.
    static func markdown(_ blocks: [ReportBlock]) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out.append(String(repeating: "#", count: level) + " " + inline(text))
            case .paragraph(let text):
                out.append(inline(text))
            case .note(let text):
                out.append("> " + inline(text))
            case .list(let items):
                out.append(items.map { "- " + inline($0) }.joined(separator: "\n"))
            case .table(let header, let rows):
                let cells = { (row: [String]) in "| " + row.map(cell).joined(separator: " | ") + " |" }
                var lines = [cells(header), "|" + header.map { _ in " --- |" }.joined()]
                lines += rows.map(cells)
                out.append(lines.joined(separator: "\n"))
            case .rawHTML:
                continue
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// The blocks as HTML (the body of a page).
    static func html(_ blocks: [ReportBlock]) -> String {
        blocks.map(html(of:)).joined(separator: "\n")
    }

    /// One block as HTML.
    static func html(of block: ReportBlock) -> String {
        switch block {
        case .heading(let level, let text):
            return "<h\(level)>\(HTML.escape(text))</h\(level)>"
        case .paragraph(let text):
            return "<p>\(HTML.escape(text))</p>"
        case .note(let text):
            return "<p class=\"note\">\(HTML.escape(text))</p>"
        case .list(let items):
            return "<ul>" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        case .table(let header, let rows):
            let head = "<tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>"
            let body = rows.map { row in
                "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
            }
            return "<table><thead>\(head)</thead><tbody>\(body.joined())</tbody></table>"
        case .rawHTML(let html):
            return html
        }
    }

    private static let markdownEscaper = ASCIIEscaper(
        Dictionary(uniqueKeysWithValues: "\\*_`<>[]".map { ($0, "\\" + String($0)) }))

    /// Text safe in Markdown flow: characters that would start markup are escaped.
    private static func inline(_ text: String) -> String { markdownEscaper.escape(text) }

    private static func cell(_ text: String) -> String {
        let escaped = inline(text)
        // Foundation's search is slow enough to dominate a close of thousands of summaries; most cells have
        // neither character, and those that do are replaced exactly as before.
        guard escaped.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else {
            return escaped
        }
        return escaped.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
