/// Self-contained HTML pages: escaping, the page shell and the shared print-friendly style.
enum HTML {
    /// Text safe in element content and quoted attributes.
    private static let escaper = ASCIIEscaper(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"])

    static func escape(_ text: String) -> String { escaper.escape(text) }

    /// `text` escaped, as UTF-8 appended to `out`.
    static func escape(_ text: String, into out: inout [UInt8]) { escaper.escape(text, into: &out) }

    /// A complete page with inline style and no external resources.
    static func page(title: String, body: String) -> String {
        pageHead(title: title) + body + pageTail
    }

    /// A complete page as UTF-8 bytes whose body `body` appends: the bytes of `page(title:body:)`, with no string
    /// in between.
    static func page(title: String, body: (inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8_192)
        out.append(contentsOf: pageHead(title: title).utf8)
        body(&out)
        out.append(contentsOf: pageTail.utf8)
        return out
    }

    /// What comes before a page's body.
    static func pageHead(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>

        """
    }

    /// What comes after a page's body.
    static let pageTail = """

        </main>
        </body>
        </html>

        """

    static let css = """
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d1d1f; margin: 0;
          background: #ffffff; font-size: 14px; line-height: 1.45; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; }
        th, td { border: 1px solid #d0d7de; padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f5f7; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        tr.winner td { background: #eef7ee; font-weight: 600; }
        .note { background: #fff8e1; border-left: 4px solid #f0b400; padding: 8px 12px; }
        .meta { color: #57606a; margin: 0 0 12px; }
        .pass { color: #1a7f37; font-weight: 600; }
        .fail { color: #cf222e; font-weight: 600; }
        .chart { margin: 8px 0 16px; }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
        @media print {
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; }
          table, svg { break-inside: avoid; }
        }
        """
}
