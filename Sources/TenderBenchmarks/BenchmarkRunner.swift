import Foundation

/// Runs the chosen scenarios in order (core, ledger, end to end with memory), printing each figure as it is
/// measured, then the table, and writing JSON.
struct BenchmarkRunner {
    let options: BenchmarkOptions

    func run() throws {
        let chosen = Set(options.scenarios.split(separator: ",").map(String.init))
        let methodologyPath = (options.repo as NSString).appendingPathComponent("Rules/wmca-retrofit-2026-lot1.yaml")
        let methodologyText = try String(contentsOfFile: methodologyPath, encoding: .utf8)
        // The shipped methodology has plugin rules; the other variant replaces each with a marks part.
        let variants = MethodologyVariant.both(shippedText: methodologyText, repo: options.repo)
        try FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
        // Scratch folders are moved aside while scenarios run and removed at the end (see ScratchFolders).
        let scratch = ScratchFolders(work: options.work)
        scratch.removeDiscarded()
        defer { scratch.removeDiscarded() }
        let machine = Machine.describe()
        Console.line(machine.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "\n"))
        var report = Report()
        let ledgerState = (options.work as NSString).appendingPathComponent("ledger/var")
        if chosen.contains("plugins") {
            try PluginScenario(calls: options.pluginCalls, repeats: options.repeats, variant: variants.plugins)
                .run(into: &report)
        }
        if chosen.contains("core") {
            for variant in [variants.builtIn, variants.plugins] {
                try CoreScenario(tenders: options.tenders, repeats: options.repeats, variant: variant)
                    .run(into: &report)
            }
        }
        if chosen.contains("lots") {
            let lottedPath = (options.repo as NSString).appendingPathComponent("Rules/gm-highways-2027.yaml")
            try LotsScenario(
                lots: options.lots, tendersPerLot: options.lotTenders, repeats: options.repeats,
                variant: variants.builtIn, lottedText: try String(contentsOfFile: lottedPath, encoding: .utf8)
            ).run(into: &report)
        }
        if chosen.contains("ledger") {
            try LedgerScenario(
                entries: options.ledgerEntries, tendersPerProcurement: options.ledgerTenders,
                variant: variants.builtIn, state: ledgerState
            ).run(into: &report)
        }
        if chosen.contains("e2e") {
            let large = FileManager.default.fileExists(atPath: "\(ledgerState)/ledger.sqlite") ? ledgerState : nil
            let script = (options.repo as NSString).appendingPathComponent(
                "Sources/TenderBenchmarks/reference/score.py")
            try EndToEndScenario(
                options: .init(
                    binary: options.binaryPath, python: options.python, script: script, documents: options.documents,
                    tendersPerProcurement: options.tendersPerProcurement, steadyDocuments: options.steadyDocuments,
                    rate: options.rate, rounds: max(1, options.rounds), batchSize: options.batchSize,
                    builtIn: variants.builtIn, plugins: variants.plugins, work: options.work, largeLedgerState: large)
            ).run(into: &report)
        }
        if chosen.contains("console") {
            try ConsoleScenario(
                binary: options.binaryPath, entries: options.consoleEntries, variant: variants.builtIn,
                work: options.work, seconds: options.consoleSeconds, connections: options.consoleConnections
            ).run(into: &report)
        }
        if chosen.contains("scaling") {
            try ScalingScenario(
                binary: options.binaryPath, sizes: options.scalingTenders.split(separator: ",").compactMap { Int($0) },
                closeTenders: options.closeTenders, variant: variants.builtIn, work: options.work
            ).run(into: &report)
        }
        if chosen.contains("flood") {
            try FloodScenario(
                binary: options.binaryPath, documents: options.floodDocuments,
                tendersPerProcurement: options.floodTendersPerProcurement, variant: variants.builtIn,
                work: options.work
            ).run(into: &report)
        }
        var after = machine
        after["load_average_end"] = Machine.loadAverage()
        Console.line("\n" + report.table)
        if let path = options.jsonOut {
            try report.write(json: path, machine: after)
            Console.line("figures written to \(path)")
        }
    }
}

/// The machine the figures came from.
enum Machine {
    static func describe() -> [String: String] {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        let memory = ProcessInfo.processInfo.physicalMemory / (1 << 20)
        return [
            "cpu": model ?? "unknown", "cores": "\(ProcessInfo.processInfo.activeProcessorCount)",
            "memory_mib": "\(memory)", "os": ProcessInfo.processInfo.operatingSystemVersionString,
            "load_average_start": loadAverage(),
        ]
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
            .split(separator: " ").prefix(3).joined(separator: " ")
    }
}
