import Foundation
import Testing

@testable import TenderReports

/// Report blocks written straight into bytes give exactly what joining strings gave, so reports keep their bytes.
struct ReportBlockTests {
    /// The reference: the string-joining renderers the reports used before they wrote bytes.
    enum Joined {
        static func inline(_ text: String) -> String {
            var out = ""
            for character in text {
                if "\\*_`<>[]".contains(character) { out += "\\" + String(character) } else { out.append(character) }
            }
            return out
        }

        static func cell(_ text: String) -> String {
            inline(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }

        static func markdown(_ blocks: [ReportBlock]) -> String {
            var out: [String] = []
            for block in blocks {
                switch block {
                case .heading(let level, let text):
                    out.append(String(repeating: "#", count: level) + " " + inline(text))
                case .paragraph(let text): out.append(inline(text))
                case .note(let text): out.append("> " + inline(text))
                case .list(let items): out.append(items.map { "- " + inline($0) }.joined(separator: "\n"))
                case .table(let header, let rows):
                    let cells = { (row: [String]) in "| " + row.map(cell).joined(separator: " | ") + " |" }
                    out.append(
                        ([cells(header), "|" + header.map { _ in " --- |" }.joined()] + rows.map(cells))
                            .joined(separator: "\n"))
                case .rendered(let markdown, _): out.append(String(decoding: markdown, as: UTF8.self))
                case .rawHTML: continue
                }
            }
            return out.joined(separator: "\n\n") + "\n"
        }

        static func html(_ block: ReportBlock) -> String {
            let escape = ASCIIEscaperTests.characterWise
            switch block {
            case .heading(let level, let text): return "<h\(level)>\(escape(text))</h\(level)>"
            case .paragraph(let text): return "<p>\(escape(text))</p>"
            case .note(let text): return "<p class=\"note\">\(escape(text))</p>"
            case .list(let items): return "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
            case .table(let header, let rows):
                let head = "<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
                let body = rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
                return "<table><thead>\(head)</thead><tbody>\(body.joined())</tbody></table>"
            case .rawHTML(let html): return html
            case .rendered(_, let html): return String(decoding: html, as: UTF8.self)
            }
        }
    }

    /// Texts with every escaped character, table separators and line breaks, in ASCII and not (a `|` and a `<` that
    /// a combining mark joins into one Character, CR LF, a pound sign).
    static let texts = [
        "", "plain", "a < b && c > d", "it's \"quoted\"\r\n", "a | b", "line\nbreak", "*bold* _em_ `code` [x] \\",
        "£5 | 6", "a |\u{0301} b", "<\u{0338} and | and\r\nCRLF £", "é\nnext", "\r\n|\r\n",
    ]

    /// Blocks of every kind, made from a seeded walk over the texts, with empty lists and tables and raw HTML first,
    /// between and last.
    static var documents: [[ReportBlock]] {
        var state: UInt64 = 0xB10C
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        func text() -> String { texts[next(texts.count)] }
        func block() -> ReportBlock {
            switch next(6) {
            case 0: .heading(1 + next(3), text())
            case 1: .paragraph(text())
            case 2: .note(text())
            case 3: .list((0..<next(4)).map { _ in text() })
            case 4:
                .table(
                    header: (0..<next(4)).map { _ in text() },
                    rows: (0..<next(4)).map { _ in (0..<next(4)).map { _ in text() } })
            default: .rawHTML("<div>\(text())</div>")
            }
        }
        var documents: [[ReportBlock]] = [[], [.rawHTML("<svg/>")], [.list([])], [.table(header: [], rows: [])]]
        for length in 1...60 { documents.append((0..<length % 9 + 1).map { _ in block() }) }
        return documents
    }

    @Test func markdownBytesAreTheJoinedMarkdown() {
        for blocks in Self.documents {
            #expect(ReportBlock.markdownBytes(blocks) == Array(Joined.markdown(blocks).utf8), "\(blocks)")
            #expect(ReportBlock.markdown(blocks) == Joined.markdown(blocks))
        }
    }

    @Test func htmlBytesAreTheJoinedHTML() {
        for blocks in Self.documents {
            let joined = blocks.map(Joined.html).joined(separator: "\n")
            var out = Array("kept ".utf8)
            ReportBlock.html(blocks, into: &out)
            #expect(out == Array(("kept " + joined).utf8), "\(blocks)")
            #expect(ReportBlock.html(blocks) == joined)
            #expect(
                HTML.page(title: "T <1>") { ReportBlock.html(blocks, into: &$0) }
                    == Array(HTML.page(title: "T <1>", body: joined).utf8))
        }
    }

    @Test func blocksRenderedOnceGiveTheBytesTheyWouldGiveInPlace() {
        // Each document with every run of blocks that are not raw HTML rendered once (a whole document, its first or
        // last blocks, or the blocks between two pieces of raw HTML).
        var compared = 0
        for blocks in Self.documents {
            var runs: [Range<Int>] = []
            var start: Int? = nil
            for index in 0...blocks.count {
                let isRaw = index < blocks.count && { if case .rawHTML = blocks[index] { true } else { false } }()
                if index < blocks.count, !isRaw {
                    if start == nil { start = index }
                } else if let first = start {
                    runs.append(first..<index)
                    start = nil
                }
            }
            for run in runs {
                var replaced = blocks
                replaced.replaceSubrange(run, with: [.rendered(Array(blocks[run]))])
                #expect(ReportBlock.markdownBytes(replaced) == ReportBlock.markdownBytes(blocks), "\(blocks)")
                #expect(ReportBlock.html(replaced) == ReportBlock.html(blocks), "\(blocks)")
                compared += 1
            }
        }
        #expect(compared > 50)
    }

    @Test(arguments: [1, 7, 64, 1 << 20])
    func aPageInPiecesIsThePageOneAfterAnother(_ pieceSize: Int) {
        // Given parts of a page body: empty, short, multi-byte, and one longer than the smaller piece sizes
        let parts = ["", "<p>a</p>", "<p>évaluation — ½</p>", String(repeating: "<td>x</td>", count: 20), ""]
        // When the page is made in pieces of at least `pieceSize` bytes
        var pieces: [[UInt8]] = []
        FilePieces.text(
            pieceSize: pieceSize,
            { add in
                add(HTML.pageHead(title: "T <1>"))
                for (index, part) in parts.enumerated() {
                    if index > 0 { add("\n") }
                    add(part)
                }
                add(HTML.pageTail)
            }, to: { pieces.append($0) })
        // Then the pieces one after another are the page, and only the last is shorter than the size asked
        #expect(Array(pieces.joined()) == Array(HTML.page(title: "T <1>", body: parts.joined(separator: "\n")).utf8))
        #expect(pieces.dropLast().allSatisfy { $0.count >= pieceSize })
        #expect(pieces.allSatisfy { !$0.isEmpty })
    }

    @Test func escapingIntoBytesAppendsTheEscapedText() {
        for text in Self.texts {
            var out = Array("kept ".utf8)
            HTML.escape(text, into: &out)
            #expect(out == Array(("kept " + ASCIIEscaperTests.characterWise(text)).utf8), "\(text.debugDescription)")
        }
    }
}
