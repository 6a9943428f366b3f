import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import TenderLedger
import TenderReports
import TenderScoring

/// The console's request handlers: each reads through ``ConsoleData``, builds a view (``ConsoleViews``) and
/// answers with a page (``ConsolePages``) or JSON.
struct ConsoleHandlers: Sendable {
    let data: ConsoleData
    let pages: ConsolePages
    let limiter: SignInLimiter
    let logger: Logger

    /// How long a browser session lasts.
    static let sessionLength: Duration = .seconds(8 * 3600)

    // MARK: Sign-in

    func signInForm(_ request: Request, context: ConsoleRequestContext) -> Response {
        if let user = context.identity { return Self.redirect(user.role.home) }
        return pages.render("signin", title: "Sign in", user: nil)
    }

    struct SignIn: Decodable {
        var name: String
        var token: String
    }

    func signIn(_ request: Request, context: ConsoleRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = try? URLEncodedFormDecoder().decode(SignIn.self, from: String(buffer: body))
        let name = form?.name ?? ""
        let keys = ["address " + context.peer, "name " + name]
        let now = Uptime.seconds()
        if let wait = limiter.retryAfter(keys, now: now) {
            logger.warning(
                "console sign-in refused: too many failures",
                metadata: ["user": "\(name)", "peer": "\(context.peer)", "retry.seconds": "\(wait)"])
            var response = pages.render(
                "signin", title: "Sign in",
                view: .object(["message": .string("Too many failed attempts. Try again in \(wait) seconds.")]),
                user: nil, status: .tooManyRequests)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        guard let form, let user = data.users.user(token: form.token), user.name == form.name else {
            limiter.failed(keys, now: now)
            logger.warning("console sign-in failed", metadata: ["user": "\(name)", "peer": "\(context.peer)"])
            return pages.render(
                "signin", title: "Sign in",
                view: .object(["message": "The name or the token is not right.", "name": .string(name)]), user: nil,
                status: .unauthorized)
        }
        context.sessions.createSession(user.name, expiresIn: Self.sessionLength)
        logger.info(
            "console sign-in", metadata: ["user": "\(user.name)", "role": "\(user.role)", "peer": "\(context.peer)"])
        return Self.redirect("/")
    }

    func signOut(_ request: Request, context: ConsoleRequestContext) -> Response {
        context.sessions.clearSession()
        return Self.redirect("/signin")
    }

    func home(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        return Self.redirect(user.role.home)
    }

    // MARK: Procurements

    /// Whether `user` must not see prices for `standing`.
    private static func sealed(_ standing: ConsoleStandings.Standing?, for user: ConsoleUser) -> Bool {
        user.role == .buyer && (standing?.pricesSealed ?? false)
    }

    /// The procurements list as `user` may see it (buyers without sealed prices), kept until the ledger grows or
    /// the rule set changes.
    func procurementsView(for user: ConsoleUser) throws -> JSONValue {
        try data.index.catchUp()
        return data.cache.value("list \(user.role == .buyer)", stamp: listStamp) {
            let lines = data.index.procurements.map { procurement -> JSONValue in
                let summary = data.standings.summary(of: procurement)
                let sealed = user.role == .buyer && (summary?.pricesSealed ?? false)
                return ConsoleViews.overview(procurement, summary: summary, sealed: sealed)
            }
            let unattributed = data.index.unattributed.count
            return .object(["procurements": .array(lines), "unattributed": .integer(Int64(unattributed))])
        }
    }

    private var listStamp: String { "\(data.index.size) \(data.holder.current?.digest ?? "")" }

    func procurementsPage(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        let view = try procurementsView(for: user)
        let content = data.cache.value("list page \(user.role == .buyer)", stamp: listStamp) {
            var extra: [String: Any] = [:]
            // A section over 0 would still show: the note about unattributed rejections only when there are some.
            if view["unattributed"] == .integer(0) { extra["unattributed"] = false }
            return pages.content("procurements", view: view, extra: extra)
        }
        return pages.page(content, title: "Procurements", user: user)
    }

    func procurementsJSON(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        let view = try procurementsView(for: user)
        return Self.json(
            bytes: data.cache.value("list json \(user.role == .buyer)", stamp: listStamp) { view.canonicalBytes })
    }

    /// A procurement's view as `user` may see it, with what it was made from: kept while the procurement's own
    /// entries, its reports folder and (for a provisional evaluation) the rule set are unchanged.
    private func detail(_ context: ConsoleRequestContext) throws -> (
        view: JSONValue, standing: ConsoleStandings.Standing?, sealed: Bool, key: String, stamp: String
    ) {
        let user = try context.requireIdentity()
        let id = try context.parameters.require("id")
        try data.index.catchUp()
        guard let procurement = data.index.procurement(id: id) else {
            throw HTTPError(.notFound, message: "No procurement \(id).")
        }
        let standing = data.standings.standing(of: procurement)
        let sealed = Self.sealed(standing, for: user)
        let reports = sealed ? [] : data.reports(of: id)
        let key = "detail \(id) \(sealed)"
        let stamp =
            [
                "\(procurement.documents.last?.seq ?? -1)", "\(procurement.assessed)",
                "\(procurement.evaluation?.seq ?? -1)",
                "\(procurement.awardSeq ?? -1)", "\(standing?.evaluationSeq ?? -1)",
                standing?.evaluationSeq == nil ? data.holder.current?.digest ?? "" : "",
            ].joined(separator: " ") + " " + reports.joined(separator: "/")
        let view = data.cache.value(key, stamp: stamp) {
            ConsoleViews.detail(procurement, standing: standing, sealed: sealed, reports: reports)
        }
        return (view, standing, sealed, key, stamp)
    }

    func procurementPage(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        let (view, standing, sealed, key, stamp) = try detail(context)
        let content = data.cache.value("page " + key, stamp: stamp) {
            var extra: [String: Any] = [:]
            if let standing, !sealed, standing.result.tenders.contains(where: { $0.rank != nil }) {
                let report = EvaluationReport(
                    result: standing.result, methodology: standing.methodology, redFlags: [],
                    context: ReportContext(noticeDate: nil, publishedAt: Timestamp(seconds: 0)))
                extra["charts"] = ["bars": report.stackedBarChart(), "scatter": report.scatterChart()]
            }
            return pages.content("procurement", view: view, extra: extra)
        }
        let id = try context.parameters.require("id")
        return pages.page(content, title: standing?.methodology.procurement.title ?? id, user: user)
    }

    func procurementJSON(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let (view, _, _, key, stamp) = try detail(context)
        return Self.json(bytes: data.cache.value("json " + key, stamp: stamp) { view.canonicalBytes })
    }

    func reportFile(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        let id = try context.parameters.require("id")
        try data.index.catchUp()
        guard let procurement = data.index.procurement(id: id) else { throw HTTPError(.notFound) }
        if Self.sealed(data.standings.standing(of: procurement), for: user) {
            throw HTTPError(.forbidden, message: "Prices are sealed until every quality mark is in.")
        }
        let components = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? "" }
        guard let bytes = data.report(of: id, components: components) else {
            throw HTTPError(.notFound, message: "No such report.")
        }
        let name = components.last ?? "report"
        var headers = HTTPFields()
        headers[.contentType] = Self.mediaType(name)
        if !name.hasSuffix(".html") {
            headers[.contentDisposition] = "attachment; filename=\"\(name.filter { $0 != "\"" })\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: Ledger

    private func ledgerView(_ request: Request) throws -> JSONValue {
        let query = request.uri.queryParameters
        func text(_ key: String) -> String? {
            guard let value = query[key[...]].map(String.init), !value.isEmpty else { return nil }
            return value
        }
        for key in ["from", "to"] {
            if let date = text(key), CalendarDate(iso: date) == nil {
                throw HTTPError(.badRequest, message: "\(key) must be a date written YYYY-MM-DD.")
            }
        }
        if let type = text("type"), LedgerEntryTypes.owner(of: type) == nil {
            throw HTTPError(
                .badRequest,
                message: "type must be one of: " + LedgerEntryTypes.all.map { $0.type }.joined(separator: ", ") + ".")
        }
        var before: Int? = nil
        if let value = text("before") {
            guard let number = Int(value), number >= 0 else {
                throw HTTPError(.badRequest, message: "before must be an entry number.")
            }
            before = number
        }
        var limit = 50
        if let value = text("limit") {
            guard let number = Int(value), (1...500).contains(number) else {
                throw HTTPError(.badRequest, message: "limit must be a whole number from 1 to 500.")
            }
            limit = number
        }
        let filter = EntryFilter(
            type: text("type"), procurement: text("procurement"), from: text("from"), to: text("to"))
        let seqs: [Int]
        if let procurement = filter.procurement {
            // The index knows which entries name the procurement: only those are read.
            try data.index.catchUp()
            seqs = try data.ledger.pageSeqs(
                of: data.index.seqs(naming: procurement), before: before, limit: limit, filter: filter)
        } else if let type = filter.type {
            // And which entries are of the type.
            try data.index.catchUp()
            seqs = try data.ledger.pageSeqs(
                of: data.index.seqs(ofType: type), before: before, limit: limit, filter: filter)
        } else {
            seqs = try data.ledger.pageSeqs(before: before, limit: limit, filter: filter)
        }
        // An entry never changes, so its line (its body read and summarised) is made once; only the entries
        // without one are read.
        var lines: [Int: JSONValue] = [:]
        var unread: [Int] = []
        for seq in seqs {
            if let line = data.cache.kept("line \(seq)", stamp: "", as: JSONValue.self) {
                lines[seq] = line
            } else {
                unread.append(seq)
            }
        }
        for entry in try data.ledger.entries(seqs: unread) {
            lines[entry.seq] = data.cache.value("line \(entry.seq)", stamp: "") { ConsoleViews.entryLine(entry) }
        }
        var next: JSONValue = .null
        if seqs.count == limit, let last = seqs.last, last > 0 {
            next = .integer(Int64(last))
        }
        return .object([
            "size": .integer(Int64(try data.ledger.size())), "entries": .array(seqs.compactMap { lines[$0] }),
            "next_before": next,
            "filter": .object([
                "type": .optional(filter.type), "procurement": .optional(filter.procurement),
                "from": .optional(filter.from), "to": .optional(filter.to), "limit": .integer(Int64(limit)),
            ]),
        ])
    }

    func ledgerPage(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        let view = try ledgerView(request)
        var extra: [String: Any] = [:]
        let selected = view["filter"]?["type"]?.stringValue
        extra["types"] = LedgerEntryTypes.all.map {
            ["name": $0.type, "selected": $0.type == selected] as [String: Any]
        }
        if let next = view["next_before"], case .integer(let before) = next {
            var items = [URLQueryItem(name: "before", value: "\(before)")]
            for key in ["type", "procurement", "from", "to"] {
                if let value = view["filter"]?[key]?.stringValue { items.append(URLQueryItem(name: key, value: value)) }
            }
            if let limit = view["filter"]?["limit"], limit != .integer(50), case .integer(let value) = limit {
                items.append(URLQueryItem(name: "limit", value: "\(value)"))
            }
            var components = URLComponents()
            components.path = "/ledger"
            components.queryItems = items
            extra["older"] = components.string ?? "/ledger"
        }
        let stamp = "\(view["size"].map { "\($0)" } ?? "")"
        let content = data.cache.value("ledger page \(request.uri.query ?? "")", stamp: stamp) {
            pages.content("ledger", view: view, extra: extra)
        }
        return pages.page(content, title: "Ledger", user: user)
    }

    func ledgerJSON(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        Self.json(try ledgerView(request))
    }

    private func entryView(_ context: ConsoleRequestContext) throws -> JSONValue {
        guard let seq = context.parameters.get("seq", as: Int.self), seq >= 0 else {
            throw HTTPError(.badRequest, message: "An entry is named by its number.")
        }
        guard let entry = try data.ledger.entry(seq: seq) else {
            throw HTTPError(.notFound, message: "No entry #\(seq).")
        }
        let checkpoint = try data.ledger.latestCheckpoint()
        var proof: [[UInt8]]? = nil
        if let checkpoint, checkpoint.checkpoint.size > seq {
            proof = try data.inclusionProof(seq: seq, size: checkpoint.checkpoint.size)
        }
        return ConsoleViews.entry(entry, checkpoint: checkpoint, proof: proof)
    }

    func entryPage(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        let view = try entryView(context)
        let seq = view["seq"].map { "\($0)" } ?? ""
        // The entry is fixed; its proof and checkpoint change with the latest checkpoint.
        let content = data.cache.value("entry \(seq)", stamp: "\(view["checkpoint"]?["size"] ?? .null)") {
            let bodyText = String(decoding: (view["body"] ?? .null).canonicalBytes, as: UTF8.self)
            return pages.content("entry", view: view, extra: ["body_text": Self.pretty(bodyText)])
        }
        return pages.page(content, title: "Entry \(seq)", user: user)
    }

    func entryJSON(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        Self.json(try entryView(context))
    }

    func blob(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let sha = try context.parameters.require("sha256")
        guard Hex.isSHA256(sha), let blob = try data.ledger.blob(sha256: sha) else {
            throw HTTPError(.notFound, message: "No such blob.")
        }
        var headers = HTTPFields()
        // Served as data to look at or save, never as a page: a document cannot script the console.
        headers[.contentType] =
            String(validating: blob.bytes, as: UTF8.self) != nil
            ? "text/plain; charset=utf-8" : "application/octet-stream"
        headers[.contentDisposition] = "inline; filename=\"\(sha)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: blob.bytes)))
    }

    private func verificationView() -> JSONValue {
        data.verification.current?.json ?? .object(["state": "none"])
    }

    func verifyPage(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        let run = data.verification.current
        var view: [String: JSONValue] = [:]
        if let run { view["run"] = run.json }
        return pages.render(
            "verify", title: "Verify the ledger", view: .object(view), user: user,
            refresh: run?.finishedAt == nil && run != nil ? 2 : nil)
    }

    /// Starts a verification for `user` and logs it; false when one is already running.
    private func startVerification(by user: ConsoleUser) -> Bool {
        guard data.verification.start(by: user.name) else { return false }
        logger.notice("console: ledger verification started", metadata: ["user": "\(user.name)"])
        return true
    }

    func verifyStart(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        // A run already under way is simply shown.
        _ = startVerification(by: try context.requireIdentity())
        return Self.redirect("/ledger/verify")
    }

    func verificationJSON(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        Self.json(verificationView())
    }

    func verificationStartJSON(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        guard startVerification(by: try context.requireIdentity()) else {
            throw HTTPError(
                .conflict, message: "A verification is already running; GET this resource for its progress.")
        }
        return Self.json(verificationView(), status: .accepted)
    }

    // MARK: Operations

    func healthz(_ request: Request, context: ConsoleRequestContext) -> Response {
        Self.text("ok\n")
    }

    func readyz(_ request: Request, context: ConsoleRequestContext) -> Response {
        let settings = data.settings
        var checks: [JSONValue] = []
        func check(_ name: String, _ ok: Bool, _ detail: String) {
            checks.append(.object(["name": .string(name), "ok": .bool(ok), "detail": .string(detail)]))
        }
        let ruleSet = data.holder.current
        check(
            "rules", ruleSet != nil,
            ruleSet.map { "rule set \($0.digest.prefix(12)) active" } ?? "no rule set is active")
        let folder = (settings.ledger as NSString).deletingLastPathComponent
        var ledgerMissing = false
        if case .missing = FileSystem.kind(settings.ledger) { ledgerMissing = true }
        let writable = access(folder, W_OK) == 0 && (ledgerMissing || access(settings.ledger, W_OK) == 0)
        let waiting = IntakeProcessor.claimable(in: settings.processing).count
        check(
            "ledger", writable && waiting == 0,
            !writable
                ? "the ledger or its folder is not writable"
                : waiting > 0 ? "\(waiting) document(s) wait in processing/ for a retry" : "writable")
        let free = FileSystem.freeBytes(settings.state)
        check(
            "disk", (free ?? 0) >= settings.minFreeBytes,
            free.map { "\($0) bytes free (minimum \(settings.minFreeBytes))" } ?? "cannot read the free space")
        let ready = checks.allSatisfy { $0["ok"] == .bool(true) }
        return Self.json(
            .object(["ready": .bool(ready), "checks": .array(checks)]), status: ready ? .ok : .serviceUnavailable)
    }

    func metrics(_ request: Request, context: ConsoleRequestContext) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data.metricsText())))
    }

    func statusPage(_ request: Request, context: ConsoleRequestContext) throws -> Response {
        let user = try context.requireIdentity()
        return pages.render(
            "status", title: "Status", view: .object(["status": data.status.snapshot()]), user: user)
    }

    func statusJSON(_ request: Request, context: ConsoleRequestContext) -> Response {
        Self.json(data.status.snapshot())
    }

    // MARK: Responses

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(bytes: value.canonicalBytes, status: status)
    }

    /// Canonical JSON bytes (and a newline) as an answer.
    static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytes.count + 1)
        buffer.writeBytes(bytes)
        buffer.writeInteger(UInt8(10))
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static func mediaType(_ name: String) -> String {
        switch (name as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "json": "application/json"
        case "csv": "text/csv; charset=utf-8"
        case "md": "text/markdown; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// Canonical JSON indented for reading (the body's bytes are the canonical ones; this is only for the page).
    static func pretty(_ canonical: String) -> String {
        guard let data = canonical.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let pretty = try? JSONSerialization.data(
                withJSONObject: object,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return canonical }
        return String(decoding: pretty, as: UTF8.self)
    }
}
