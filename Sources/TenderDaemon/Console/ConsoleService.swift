import Logging
import ServiceLifecycle

/// Runs the console's HTTP server as a service of the daemon. A server that cannot listen (the port taken, the
/// address not on this machine) never takes the daemon down: intake goes on, the error is logged with what to
/// do, and the server tries again every `retry` seconds. At shutdown it stops taking connections and drains.
struct ConsoleService: Service {
    let address: ConsoleAddress
    let retry: Double
    let logger: Logger
    /// A new server for each attempt (a server that failed to start is not started twice).
    let makeServer: @Sendable () -> any Service

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                try await makeServer().run()
                return
            } catch {
                logger.error(
                    """
                    the console cannot listen; intake goes on without it. Free the port or set console to another \
                    host:port (or off); it is tried again
                    """,
                    metadata: [
                        "console.address": "\(address)", "error": "\(error)", "retry.seconds": "\(retry)",
                    ])
            }
            for await _ in Ticks.every(retry).cancelOnGracefulShutdown() { break }
        }
    }
}
