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
    /// Blocks rendered once to both forms (``rendered(_:)``), for what many documents repeat unchanged: the methodology
    /// in brief, in every letter of an evaluation.
    case rendered(markdown: [UInt8], html: [UInt8])

    /// `blocks` (at least one, none of them raw HTML) as one block whose Markdown and HTML, in any document, are the
    /// bytes the blocks themselves would give there. What rewrites a document's blocks sees it whole (`LotSummary`
    /// moves each heading of a letter down a level and leaves its notes out): render only blocks it keeps as they are.
    static func rendered(_ blocks: [ReportBlock]) -> ReportBlock {
        precondition(
            !blocks.isEmpty && !blocks.contains { if case .rawHTML = $0 { true } else { false } },
            "rendered blocks are at least one, none of them raw HTML (Markdown leaves raw HTML out)")
        var html: [UInt8] = []
        Self.html(blocks, into: &html)
        // Without the final newline, which only the whole document's Markdown ends with.
        return .rendered(markdown: Array(markdownBytes(blocks).dropLast()), html: html)
    }

    /// The blocks as Markdown.
    static func markdown(_ blocks: [ReportBlock]) -> String {
        String(decoding: markdownBytes(blocks), as: UTF8.self)
    }

    /// The blocks as Markdown, in UTF-8, written straight into bytes (a close of thousands of tenders writes a
    /// summary for each).
    static func markdownBytes(_ blocks: [ReportBlock]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4_096)
        var first = true
        func text(_ string: String) { out.append(contentsOf: string.utf8) }
        for block in blocks {
            if case .rawHTML = block { continue }
            if !first { text("\n\n") }
            first = false
            switch block {
            case .heading(let level, let heading):
                out.append(contentsOf: repeatElement(UInt8(ascii: "#"), count: level))
                text(" ")
                inline(heading, into: &out)
            case .paragraph(let paragraph):
                inline(paragraph, into: &out)
            case .note(let note):
                text("> ")
                inline(note, into: &out)
            case .list(let items):
                for (index, item) in items.enumerated() {
                    if index > 0 { text("\n") }
                    text("- ")
                    inline(item, into: &out)
                }
            case .table(let header, let rows):
                func line(_ row: [String]) {
                    text("| ")
                    for (index, value) in row.enumerated() {
                        if index > 0 { text(" | ") }
                        cell(value, into: &out)
                    }
                    text(" |")
                }
                line(header)
                text("\n|")
                for _ in header { text(" --- |") }
                for row in rows {
                    text("\n")
                    line(row)
                }
            case .rendered(let markdown, _):
                out.append(contentsOf: markdown)
            case .rawHTML:
                continue
            }
        }
        text("\n")
        return out
    }

    /// The blocks as HTML (the body of a page).
    static func html(_ blocks: [ReportBlock]) -> String {
        var out: [UInt8] = []
        html(blocks, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The blocks as HTML (the body of a page), in UTF-8, appended to `out`.
    static func html(_ blocks: [ReportBlock], into out: inout [UInt8]) {
        for (index, block) in blocks.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "\n")) }
            html(of: block, into: &out)
        }
    }

    /// One block as HTML. Raw HTML is handed back as it is: an evaluation report's charts and ranking table are tens of
    /// megabytes for a large procurement, and its page copies each block once, section by section
    /// (``EvaluationReport/htmlFile()``).
    static func html(of block: ReportBlock) -> String {
        if case .rawHTML(let html) = block { return html }
        var out: [UInt8] = []
        html(of: block, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One block as HTML, in UTF-8, appended to `out`.
    static func html(of block: ReportBlock, into out: inout [UInt8]) {
        func text(_ string: String) { out.append(contentsOf: string.utf8) }
        func element(_ open: String, _ content: String, _ close: String) {
            text(open)
            HTML.escape(content, into: &out)
            text(close)
        }
        switch block {
        case .heading(let level, let heading):
            element("<h\(level)>", heading, "</h\(level)>")
        case .paragraph(let paragraph):
            element("<p>", paragraph, "</p>")
        case .note(let note):
            element("<p class=\"note\">", note, "</p>")
        case .list(let items):
            text("<ul>")
            for item in items { element("<li>", item, "</li>") }
            text("</ul>")
        case .table(let header, let rows):
            text("<table><thead><tr>")
            for value in header { element("<th>", value, "</th>") }
            text("</tr></thead><tbody>")
            for row in rows {
                text("<tr>")
                for value in row { element("<td>", value, "</td>") }
                text("</tr>")
            }
            text("</tbody></table>")
        case .rawHTML(let html):
            text(html)
        case .rendered(_, let html):
            out.append(contentsOf: html)
        }
    }

    private static let markdownEscaper = ASCIIEscaper(
        Dictionary(uniqueKeysWithValues: "\\*_`<>[]".map { ($0, "\\" + String($0)) }))

    /// A table cell's escapes: Markdown's, and `|` and line breaks, which would end the cell. For all-ASCII text only
    /// (``ASCIIEscaper/escapeASCII(_:into:)``): it replaces the `\n` of a CR LF, which the walk by `Character` of other
    /// text would leave (one `Character`), while the search that follows that walk in ``cell(_:into:)`` replaces it.
    private static let cellEscaper = ASCIIEscaper(
        Dictionary(uniqueKeysWithValues: "\\*_`<>[]|".map { ($0, "\\" + String($0)) }).merging(["\n": " "]) { $1 })

    /// Text safe in Markdown flow: characters that would start markup are escaped.
    private static func inline(_ text: String, into out: inout [UInt8]) { markdownEscaper.escape(text, into: &out) }

    /// Text safe in a Markdown table cell: as in flow, and `|` escaped and line breaks made spaces. All-ASCII text is
    /// escaped in one pass (Markdown's escapes add neither character); other text is escaped as in flow first and then
    /// searched, as it always was, so that the bytes stay those earlier versions wrote.
    private static func cell(_ text: String, into out: inout [UInt8]) {
        if cellEscaper.escapeASCII(text, into: &out) { return }
        let escaped = markdownEscaper.escape(text)
        guard escaped.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else {
            return out.append(contentsOf: escaped.utf8)
        }
        out.append(
            contentsOf: escaped.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
                .utf8)
    }
}
