import Hummingbird
import HummingbirdAuth

/// Signs in a request that carries `Authorization: Bearer <token>` (scripts and the API) as the user holding
/// that token. A browser signs in once through `/signin` and then carries a session cookie instead
/// (hummingbird-auth's `SessionAuthenticator`).
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = ConsoleRequestContext
    let users: UserFile

    func authenticate(request: Request, context: Context) async throws -> ConsoleUser? {
        guard let bearer = request.headers.bearer else { return nil }
        return users.user(token: bearer.token)
    }
}
