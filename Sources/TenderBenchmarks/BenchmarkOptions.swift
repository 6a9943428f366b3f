import ArgumentParser
import Foundation

/// The benchmark's sizes and paths.
struct BenchmarkOptions: ParsableArguments {
    @Option(
        help: """
            Scenarios to run, comma-separated: plugins (one plugin call), core, lots, ledger, e2e (e2e includes \
            memory and the console's cost), console (pages and API under load, needs wrk), scaling (one large \
            procurement: tender score, the daemon's close, replay), flood (bounds).
            """)
    var scenarios = "plugins,core,lots,ledger,e2e,console,scaling"

    @Option(help: "Scaling: tender score sizes, comma-separated (tenders in the one procurement).")
    var scalingTenders = "1000,3000,10000"

    @Option(help: "Scaling: tenders in the procurement the daemon closes.")
    var closeTenders = 10_000

    @Option(help: "Plugins: generated submissions each plugin is called on (per pass; passes = repeats).")
    var pluginCalls = 500

    @Option(help: "The repository (for Rules/ and Sources/TenderBenchmarks/reference/).")
    var repo = "."

    @Option(help: "Scratch folder for documents, ledgers and daemon state (deleted and rewritten).")
    var work = "/tmp/tender-bench"

    @Option(help: "The tender binary (release build).")
    var binary: String?

    @Option(help: "Python with PyYAML (C loader) for the reference script.")
    var python = "python3"

    @Option(help: "Lots: lots in the lotted procurement.")
    var lots = 20

    @Option(help: "Lots: tenders in each lot (each tender is in three lots).")
    var lotTenders = 500

    @Option(help: "Core: tenders in the one procurement.")
    var tenders = 1_000

    @Option(help: "Core: evaluations to time (the median is reported).")
    var repeats = 5

    @Option(help: "End to end: submission files renamed into the inbox at once.")
    var documents = 10_000

    @Option(help: "End to end: tenders per procurement (documents are spread over several procurements).")
    var tendersPerProcurement = 100

    @Option(help: "End to end: documents fed at the steady rate for the latency percentiles.")
    var steadyDocuments = 2_000

    @Option(help: "End to end: the steady rate, documents per second.")
    var rate = 100.0

    @Option(
        help:
            "End to end: rounds of floor, Python script and burst, interleaved; the ratios are the medians of the rounds'."
    )
    var rounds = 5

    @Option(help: "Documents per transaction, for the daemon (TENDER_BATCH_SIZE default), floor and script.")
    var batchSize = 16

    @Option(help: "Ledger: entries in the generated ledger.")
    var ledgerEntries = 100_000

    @Option(help: "Ledger: tenders per recorded procurement.")
    var ledgerTenders = 50

    @Option(help: "Console: entries in the ledger the console serves.")
    var consoleEntries = 100_000

    @Option(help: "Console: seconds of load per endpoint.")
    var consoleSeconds = 5

    @Option(help: "Console: concurrent connections of the load generator.")
    var consoleConnections = 8

    @Option(help: "Flood: files renamed into the inbox at once.")
    var floodDocuments = 100_000

    @Option(help: "Flood: tenders per procurement.")
    var floodTendersPerProcurement = 500

    @Option(help: "Write the figures as JSON to this file.")
    var jsonOut: String?

    @Flag(help: "Small sizes: checks the harness quickly (figures are not comparable).")
    var quick = false

    /// The options with `--quick` applied.
    func resolved() -> BenchmarkOptions {
        guard quick else { return self }
        var small = self
        small.tenders = 100
        small.pluginCalls = 50
        small.scalingTenders = "100,300"
        small.closeTenders = 300
        small.repeats = 2
        small.documents = 400
        small.tendersPerProcurement = 50
        small.steadyDocuments = 200
        small.rounds = 1
        small.ledgerEntries = 2_000
        small.ledgerTenders = 20
        small.consoleEntries = 2_000
        small.consoleSeconds = 1
        small.floodDocuments = 2_000
        small.floodTendersPerProcurement = 100
        return small
    }

    var binaryPath: String { binary ?? (repo as NSString).appendingPathComponent(".build/release/tender") }
}
