import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore
import ServiceLifecycle
import TenderLedger

/// The web console and JSON API: a Hummingbird application that runs as one more service of the daemon's
/// service group (so shutdown drains it with the others). Routes, by the area a role must have:
///
/// | area | pages | API (`/api/v1`) |
/// |---|---|---|
/// | (none) | `GET/POST /signin`, `POST /signout`, `GET /` | |
/// | procurements (buyer, auditor) | `/procurements`, `/procurements/{id}`, `/procurements/{id}/reports/**` | `/procurements`, `/procurements/{id}` |
/// | ledger (auditor) | `/ledger`, `/ledger/entries/{seq}`, `/ledger/blobs/{sha256}`, `/ledger/verify` | `/ledger/entries`, `/ledger/entries/{seq}`, `/ledger/blobs/{sha256}`, `/ledger/verification` |
/// | operations (operator) | `/status`, `/healthz`, `/readyz`, `/metrics` | `/status` |
///
/// The JSON API is described by `Schemas/openapi.yaml`, against which the tests check its answers.
enum ConsoleServer {
    static func application(
        data: ConsoleData, address: ConsoleAddress, logger: Logger
    ) -> some ApplicationProtocol {
        let pages = ConsolePages()
        let handlers = ConsoleHandlers(data: data, pages: pages, limiter: SignInLimiter(), logger: logger)
        let sessions = MemoryPersistDriver()
        let router = Router(context: ConsoleRequestContext.self)
        router.addMiddleware {
            SessionMiddleware(
                storage: sessions,
                configuration: .init(
                    sessionCookieParameters: .init(name: "tender_session", path: "/", secure: false, sameSite: .strict),
                    defaultSessionExpiration: ConsoleHandlers.sessionLength))
            BearerAuthenticator(users: data.users)
            SessionAuthenticator(context: ConsoleRequestContext.self) { (name: String, _) in
                data.users.user(name: name)
            }
            ConsoleMiddleware(pages: pages, logger: logger)
        }
        router.get("/signin", use: handlers.signInForm)
        router.post("/signin", use: handlers.signIn)
        router.post("/signout", use: handlers.signOut)
        router.get("/", use: handlers.home)

        let procurements = area(router, .procurements)
        procurements.get("/procurements", use: handlers.procurementsPage)
        procurements.get("/procurements/{id}", use: handlers.procurementPage)
        procurements.get("/procurements/{id}/reports/**", use: handlers.reportFile)
        procurements.get("/api/v1/procurements", use: handlers.procurementsJSON)
        procurements.get("/api/v1/procurements/{id}", use: handlers.procurementJSON)

        let ledger = area(router, .ledger)
        ledger.get("/ledger", use: handlers.ledgerPage)
        ledger.get("/ledger/entries/{seq}", use: handlers.entryPage)
        ledger.get("/ledger/blobs/{sha256}", use: handlers.blob)
        ledger.get("/ledger/verify", use: handlers.verifyPage)
        ledger.post("/ledger/verify", use: handlers.verifyStart)
        ledger.get("/api/v1/ledger/entries", use: handlers.ledgerJSON)
        ledger.get("/api/v1/ledger/entries/{seq}", use: handlers.entryJSON)
        ledger.get("/api/v1/ledger/blobs/{sha256}", use: handlers.blob)
        ledger.get("/api/v1/ledger/verification", use: handlers.verificationJSON)
        ledger.post("/api/v1/ledger/verification", use: handlers.verificationStartJSON)

        let operations = area(router, .operations)
        operations.get("/healthz", use: handlers.healthz)
        operations.get("/readyz", use: handlers.readyz)
        operations.get("/metrics", use: handlers.metrics)
        operations.get("/status", use: handlers.statusPage)
        operations.get("/api/v1/status", use: handlers.statusJSON)

        var application = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                let host = address.host.contains(":") ? "[\(address.host)]" : address.host
                let url = "http://\(host):\(port)"
                data.status.consoleListening(at: url)
                do {
                    let path = data.settings.consoleURLFile
                    try FileSystem.write(path + ".tmp", Array((url + "\n").utf8), sync: false)
                    try FileSystem.move(path + ".tmp", to: path)
                } catch {
                    logger.warning("console: cannot write console.url", metadata: ["error": "\(error)"])
                }
                logger.info("console listening", metadata: ["console.url": "\(url)"])
                // The index reads the ledger now, not in the first user's request.
                Task.detached(priority: .background) { try? data.index.catchUp() }
            },
            logger: logger)
        application.addServices(sessions)
        return application
    }

    /// The routes that need `area`: 401 without a credential, 403 with a role that lacks it.
    private static func area(_ router: Router<ConsoleRequestContext>, _ area: ConsoleRole.Area)
        -> RouterGroup<ConsoleRequestContext>
    {
        router.group().add(
            middleware: AuthorizationPolicyMiddleware(
                RolePolicy<ConsoleUser>(area), deniedError: HTTPError(.forbidden), context: ConsoleRequestContext.self))
    }
}
