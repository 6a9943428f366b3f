import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import TenderScoring

/// Logs every request with who made it, and answers every error the way the request expects: JSON
/// (`{"error", "status"}`) under `/api/`, a page elsewhere (the sign-in form for a 401). A request without a
/// valid credential gets 401 on every path, known or not, and no detail about what exists.
struct ConsoleMiddleware: RouterMiddleware {
    typealias Context = ConsoleRequestContext
    let pages: ConsolePages
    let logger: Logger
    static let probes: Set<String> = ["/healthz", "/readyz", "/metrics"]
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = render(error, request: request, context: context)
        }
        var secured = response
        // Pages carry no script and load nothing from elsewhere; no other site may frame them.
        secured.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'"
        secured.headers[.xContentTypeOptions] = "nosniff"
        secured.headers[Self.referrerPolicy] = "no-referrer"
        log(request, context: context, status: secured.status)
        return secured
    }

    private func log(_ request: Request, context: Context, status: HTTPResponse.Status) {
        var metadata: Logger.Metadata = [
            "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(status.code)",
            "peer": "\(context.peer)",
        ]
        if let user = context.identity {
            metadata["user"] = "\(user.name)"
            metadata["role"] = "\(user.role)"
            logger.info("console access", metadata: metadata)
        } else if request.uri.path != "/signin" {
            logger.notice("console request without a valid credential", metadata: metadata)
        }
    }

    private func render(_ error: any Error, request: Request, context: Context) -> Response {
        var status = (error as? any HTTPResponseError)?.status ?? .internalServerError
        var message = (error as? HTTPError)?.body
        if context.identity == nil && status != .tooManyRequests {
            // Unknown paths included: without a credential nothing says what exists.
            status = .unauthorized
            message = nil
        }
        if status == .internalServerError {
            logger.error("console: a request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            message = "Something went wrong; the daemon's log has the details."
        }
        let text: String
        switch status {
        case .unauthorized: text = "Sign in with a user name and token, or send Authorization: Bearer <token>."
        case .forbidden: text = message ?? "Your role does not give access to this."
        case .notFound: text = message ?? "Not found."
        default: text = message ?? status.reasonPhrase
        }
        // Scripts and probes read JSON: the API and the operators' endpoints answer their errors that way.
        if request.uri.path.hasPrefix("/api/") || Self.probes.contains(request.uri.path) {
            var response = ConsoleHandlers.json(
                .object(["error": .string(text), "status": .integer(Int64(status.code))]), status: status)
            if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"tender\"" }
            return response
        }
        if status == .unauthorized {
            return pages.render("signin", title: "Sign in", user: nil, status: .unauthorized)
        }
        return pages.render(
            "error", title: status.reasonPhrase,
            view: .object(["heading": .string("\(status.code) \(status.reasonPhrase)"), "message": .string(text)]),
            user: context.identity, status: status)
    }
}
