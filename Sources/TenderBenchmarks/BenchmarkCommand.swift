import ArgumentParser
import Foundation

/// `TenderBenchmarks`: the figures of the README, from a release build. Every size is a flag, so a quick run
/// (`--quick`) checks the harness in a minute.
@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "TenderBenchmarks",
        abstract: "Throughput, latency and memory of tender, against the floor and a plain Python script.")

    @OptionGroup var options: BenchmarkOptions

    func run() throws {
        try BenchmarkRunner(options: options.resolved()).run()
    }
}
