import Foundation
import TenderDaemon
import TenderScoring

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A plain HTTP client for the console tests: real requests to the daemon's real server on its ephemeral port,
/// no redirects followed and no cookies kept unless a test passes them itself.
final class ConsoleClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }

        func json() throws -> JSONValue { try JSONParser(maximumDepth: 256).parse(body) }

        /// A header, by name in any case.
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    let base: String
    private let session: URLSession

    /// Answers every redirect with "do not follow", so a test sees the 303 itself.
    private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    /// Waits for the daemon in `daemon` to write the console's URL.
    static func connect(_ daemon: DaemonHarness) async throws -> ConsoleClient {
        var url = ""
        try await daemon.waitUntil("the console listens") {
            url =
                (try? String(contentsOfFile: daemon.settings.consoleURLFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return !url.isEmpty
        }
        return ConsoleClient(base: url)
    }

    init(base: String) {
        self.base = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    /// `path` (with its query, written as it should be sent) with the token or cookie given.
    func request(
        _ path: String, method: String = "GET", token: String? = nil, cookie: String? = nil,
        form: [String: String]? = nil
    ) async throws -> Reply {
        guard let url = URL(string: base + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        var body: Data? = nil
        if let form {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            body = Data(
                form.sorted { $0.key < $1.key }.map {
                    "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
                }.joined(separator: "&").utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) =
            if let body {
                try await session.upload(for: request, from: body)
            } else {
                try await session.data(for: request)
            }
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http?.allHeaderFields ?? [:] { headers["\(key)"] = "\(value)" }
        return Reply(status: http?.statusCode ?? 0, headers: headers, body: [UInt8](data))
    }
}
