public import Foundation

/// An integrity red flag (OCP Cardinal codes, adapted to most-advantageous-tender awards): advice for the
/// buyer, never an exclusion by itself.
public struct RedFlag: Sendable, Hashable {
    /// The Cardinal code: `R018`, `R024`, `R028`, `R030`, `R035`, `R036`, `R044`.
    public var code: String
    /// A short name for the flag.
    public var title: String
    /// The tenders concerned, by key; empty for procurement-wide flags.
    public var tenders: [String]
    /// What was found.
    public var message: String
    /// What the buyer should do next.
    public var action: String

    public init(code: String, title: String, tenders: [String], message: String, action: String) {
        self.code = code
        self.title = title
        self.tenders = tenders
        self.message = message
        self.action = action
    }
}

/// Thresholds for the red flags.
public struct RedFlagSettings: Sendable, Hashable {
    /// R024 (adapted): flag when the runner-up's price is within this fraction of the winner's (0.01 = 1%).
    public var closePriceFraction: Decimal

    public init(closePriceFraction: Decimal = Decimal(string: "0.01")!) {
        self.closePriceFraction = closePriceFraction
    }
}
