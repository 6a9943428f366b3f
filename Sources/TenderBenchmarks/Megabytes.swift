import Foundation

/// Memory targets in megabytes (10^6 bytes, as the issues state them) against peaks measured in MiB (2^20 bytes):
/// 250 MB is 238.4 MiB.
enum Megabytes {
    /// Megabytes in one MiB.
    static let perMiB = 1.048_576

    /// `megabytes` in MiB, to one decimal ("238.4" for 250).
    static func inMiB(_ megabytes: Double) -> String { String(format: "%.1f", megabytes / perMiB) }

    /// The report's target for a peak in MiB under `megabytes` ("< 238.4" for 250).
    static func target(_ megabytes: Double) -> String { "< " + inMiB(megabytes) }

    /// Whether a peak of `mebibytes` MiB is under `megabytes` MB.
    static func isUnder(_ mebibytes: Double, _ megabytes: Double) -> Bool { mebibytes * perMiB < megabytes }

    /// The note saying so, for the targets a scenario uses.
    static func note(_ scenario: String, _ targets: [Double]) -> String {
        "\(scenario): targets in megabytes (10^6 bytes), as the issues state them, shown in MiB: "
            + targets.map { "\(Int($0)) MB is \(inMiB($0)) MiB" }.joined(separator: ", ")
    }
}
