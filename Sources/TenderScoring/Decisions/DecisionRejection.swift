/// Why a decision cannot be recorded, in words that say what to correct.
public struct DecisionRejection: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
