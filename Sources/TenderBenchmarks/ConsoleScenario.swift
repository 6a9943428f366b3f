import Foundation
import TenderDaemon

/// Scenario `console` (#19): the web console and JSON API of a real `tender serve` over a ledger of about N
/// entries (the ledger scenario's shape: procurements of 50 tenders, each evaluated), loaded by `wrk` (Debian
/// package `wrk`) with a user's bearer token, one endpoint at a time after a warm-up request. Reports each
/// endpoint's requests per second and latency percentiles (p50, p99 from wrk's `--latency`); target p99 < 50 ms.
struct ConsoleScenario {
    let binary: String
    let entries: Int
    let variant: MethodologyVariant
    let work: String
    /// Seconds of load per endpoint.
    let seconds: Int
    let connections: Int

    func run(into report: inout Report) throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile)
        else {
            throw Documents.Unexpected(description: "the console scenario needs wrk: apt-get install wrk")
        }
        let root = "\(work)/console"
        let state = "\(root)/var"
        let ledger = LedgerScenario(
            entries: entries, tendersPerProcurement: 50, variant: variant, state: state)
        let (size, build) = try Timing.measure { try ledger.generate() }
        report.add("console", "build a ledger of \(size) entries", build, "s")
        let rules = "\(root)/Rules"
        try? FileManager.default.removeItem(atPath: rules)
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try Data(variant.text.utf8).write(to: URL(fileURLWithPath: "\(rules)/methodology.yaml"))
        var settings = DaemonSettings(base: root)
        settings.state = state
        let users = UserFile(path: settings.usersFile)
        let buyer = try users.add(name: "bench-buyer", role: .buyer, now: "2026-01-01T00:00:00Z")
        let auditor = try users.add(name: "bench-auditor", role: .auditor, now: "2026-01-01T00:00:00Z")
        let operatorToken = try users.add(name: "bench-operator", role: .operator, now: "2026-01-01T00:00:00Z")
        var layout = DaemonProcess.Layout(
            rules: rules, plugins: "\(root)/Plugins", inbox: "\(root)/inbox", state: state)
        layout.console = "127.0.0.1:0"
        try? FileManager.default.removeItem(atPath: settings.consoleURLFile)
        let started = Timing.now()
        let process = try DaemonProcess.start(binary: binary, layout: layout, log: "\(root)/daemon.log")
        defer { _ = process.stop() }
        var base = ""
        while base.isEmpty {
            guard Timing.now() - started < 120 else {
                throw Documents.Unexpected(description: "the console did not listen within 120 s (\(root)/daemon.log)")
            }
            usleep(20_000)
            base =
                (try? String(contentsOfFile: settings.consoleURLFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        report.add("console", "daemon start to console listening", Timing.now() - started, "s")
        let procurement = "\(Generator.reference(LedgerScenario.firstProcurement + 7))-lot-1"
        let middle = size / 2
        let endpoints: [(String, String, String)] = [
            ("page: procurements (every procurement of the ledger)", "/procurements", buyer),
            ("page: one procurement (standings, charts, documents)", "/procurements/\(procurement)", buyer),
            ("api: one procurement", "/api/v1/procurements/\(procurement)", buyer),
            ("page: ledger, newest 50", "/ledger", auditor),
            ("page: ledger filtered by type", "/ledger?type=procurement-evaluated", auditor),
            ("page: ledger, a page in the middle", "/ledger?before=\(middle)", auditor),
            (
                "api: ledger filtered by procurement",
                "/api/v1/ledger/entries?procurement=\(Generator.reference(LedgerScenario.firstProcurement + 7))",
                auditor
            ),
            ("page: an entry with its proof and checkpoint", "/ledger/entries/\(middle)", auditor),
            ("api: an entry with its proof", "/api/v1/ledger/entries/\(middle)", auditor),
            ("api: status", "/api/v1/status", operatorToken),
            ("metrics", "/metrics", operatorToken),
        ]
        var worst = 0.0
        for (label, path, token) in endpoints {
            // The first request reads the ledger's index and evaluations into memory; it is timed on its own.
            let (status, first) = try Timing.measure { try fetch(base + path, token: token) }
            guard status == 200 else {
                throw Documents.Unexpected(description: "\(path) answered \(status) (\(root)/daemon.log)")
            }
            report.add("console", "\(label): first request", first * 1000, "ms")
            let load = try self.load(wrk: wrk, url: base + path, token: token, root: root)
            report.add("console", "\(label): requests/s", load.rate, "req/s")
            report.add("console", "\(label): p50", load.p50, "ms")
            report.add("console", "\(label): p99", load.p99, "ms", target: "< 50", met: load.p99 < 50)
            worst = max(worst, load.p99)
        }
        report.add("console", "worst p99 over every endpoint", worst, "ms", target: "< 50", met: worst < 50)
        report.add("console", "daemon peak resident memory", process.peakResidentMiB, "MiB")
        report.notes.append(
            "console: wrk -t2 -c\(connections) -d\(seconds)s --latency per endpoint against tender serve over \(size) "
                + "ledger entries; the load generator shares the machine's two cores with the daemon")
    }

    /// One request with curl-like simplicity: the status and nothing else (through wrk's own HTTP would need a
    /// script; URLSession would measure itself).
    private func fetch(_ url: String, token: String) throws -> Int {
        let (status, output) = try Subprocess.run(
            [
                "/usr/bin/env", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                "Authorization: Bearer \(token)", url,
            ], outputFile: "\(work)/console/curl.txt")
        guard status == 0 else { throw Documents.Unexpected(description: "curl \(url) failed: \(output)") }
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    private struct Load {
        var rate: Double
        var p50: Double
        var p99: Double
    }

    private func load(wrk: String, url: String, token: String, root: String) throws -> Load {
        let (status, output) = try Subprocess.run(
            [
                wrk, "-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Authorization: Bearer \(token)",
                url,
            ], outputFile: "\(root)/wrk.txt")
        guard status == 0 else { throw Documents.Unexpected(description: "wrk failed: \(output)") }
        if output.contains("Non-2xx or 3xx responses") {
            throw Documents.Unexpected(description: "\(url) answered errors under load: \(output)")
        }
        func milliseconds(_ text: Substring) -> Double? {
            let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000)]
            for (unit, factor) in units where text.hasSuffix(unit) {
                return Double(text.dropLast(unit.count)).map { $0 * factor }
            }
            return nil
        }
        var load = Load(rate: .nan, p50: .nan, p99: .nan)
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.first == "50%", let value = fields.last.flatMap(milliseconds) { load.p50 = value }
            if fields.first == "99%", let value = fields.last.flatMap(milliseconds) { load.p99 = value }
            if fields.first == "Requests/sec:", let value = fields.last.flatMap({ Double($0) }) { load.rate = value }
        }
        guard !load.p99.isNaN else { throw Documents.Unexpected(description: "cannot read wrk's output: \(output)") }
        return load
    }
}
