import Foundation
import Hummingbird
import Mustache
import TenderReports
import TenderScoring

/// Renders the console's pages: a page template over a view (the same JSON the API returns, plus what only a
/// page needs), inside the layout.
struct ConsolePages: Sendable {
    private let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            // The templates are fixed strings tested with every page: a broken one is a programming error.
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch {
                preconditionFailure("console template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// A complete page: `content` inside the layout, with the user's name and menu.
    func render(
        _ template: String, title: String, view: JSONValue = .object([:]), extra: [String: Any] = [:],
        user: ConsoleUser?, status: HTTPResponse.Status = .ok, refresh: Int? = nil
    ) -> Response {
        page(content(template, view: view, extra: extra), title: title, user: user, status: status, refresh: refresh)
    }

    /// A page template over a view (the same for every user who may see the view, so it can be kept).
    ///
    /// - Parameters:
    ///   - extra: values only the page needs (charts, filters), added to the view.
    func content(_ template: String, view: JSONValue, extra: [String: Any] = [:]) -> String {
        var context = (Self.mustache(view) as? [String: Any]) ?? [:]
        for (key, value) in extra { context[key] = value }
        return library.render(context, withTemplate: template) ?? ""
    }

    /// `content` inside the layout.
    func page(
        _ content: String, title: String, user: ConsoleUser?, status: HTTPResponse.Status = .ok, refresh: Int? = nil
    ) -> Response {
        var layout: [String: Any] = ["title": title, "css": ReportStyle.css, "body": content]
        if let user {
            layout["user"] =
                [
                    "name": user.name, "role": user.role.rawValue,
                    "procurements": user.roles.contains(.procurements), "ledger": user.roles.contains(.ledger),
                    "operations": user.roles.contains(.operations),
                ] as [String: Any]
        }
        if let refresh { layout["refresh"] = refresh }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A JSON value as Mustache reads it: objects as dictionaries (null members left out, so a section over them
    /// is false), arrays as arrays, zero and empty arrays as false.
    static func mustache(_ value: JSONValue) -> Any? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        case .integer(let number): return Int(number)
        case .string(let text): return text
        case .array(let items): return items.compactMap { mustache($0) }
        case .object(let members):
            var out: [String: Any] = [:]
            for (key, member) in members {
                if let converted = mustache(member) { out[key] = converted }
            }
            return out
        }
    }
}
