/// A stream that yields every `interval` seconds until it is cancelled (for services that work on a timer and
/// stop at graceful shutdown: `for await _ in Ticks.every(5).cancelOnGracefulShutdown() { … }`).
enum Ticks {
    static func every(_ interval: Double) -> AsyncStream<Void> {
        AsyncStream<Void> { continuation in
            let task = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(interval))
                    continuation.yield()
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
