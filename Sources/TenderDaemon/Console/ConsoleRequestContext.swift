import Hummingbird
import HummingbirdAuth
import NIOCore

/// A console request's context: the signed-in user (if any), the browser session (the user's name), and the
/// peer's address for the sign-in limiter and the access log.
struct ConsoleRequestContext: AuthRequestContext, SessionRequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: ConsoleUser?
    let sessions: SessionContext<String>
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text ("unknown" when not known).
    var peer: String { remoteAddress?.ipAddress ?? "unknown" }
}
