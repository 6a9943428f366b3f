import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Scenario: one large procurement, at several sizes. `tender score` of N tenders with every check (wall time and
/// peak RSS of the process); then the daemon with `closeTenders` tenders in its inbox and a close request: seconds
/// from the close request to its commit, with every report, and the daemon's peak RSS through the close; then
/// `tender ledger replay` of that ledger (wall time and peak RSS).
struct ScalingScenario {
    let binary: String
    let sizes: [Int]
    let closeTenders: Int
    let variant: MethodologyVariant
    let work: String

    private var folder: String { (work as NSString).appendingPathComponent("scaling") }

    func run(into report: inout Report) throws {
        ScratchFolders(work: work).clear(folder)
        let documents = "\(folder)/docs"
        let rules = "\(folder)/Rules"
        for path in [documents, rules] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        var generator = variant.generator()
        let methodology = "\(rules)/\(Generator.methodologyID(0)).yaml"
        try Data(generator.methodology(0).utf8).write(to: URL(fileURLWithPath: methodology))
        let largest = max(sizes.max() ?? 0, closeTenders)
        var names: [String] = []
        for tender in 0..<largest {
            let name = String(format: "T-%06d.yaml", tender)
            try Data(generator.submission(procurement: 0, tender: tender)).write(
                to: URL(fileURLWithPath: "\(documents)/\(name)"))
            names.append(name)
        }
        // The generated files (85 MB for 10,000 tenders) reach the disk before anything is timed: the kernel's
        // writeback would otherwise run during the first measurements.
        sync()
        report.notes.append(Megabytes.note("scaling", [200, 250]))
        var perTender: [(Int, Double)] = []
        for size in sizes {
            // A folder of the first `size` documents (hard links), given to tender score as one argument.
            let subset = "\(folder)/score-\(size)"
            try FileManager.default.createDirectory(atPath: subset, withIntermediateDirectories: true)
            for name in names.prefix(size) where link("\(documents)/\(name)", "\(subset)/\(name)") != 0 {
                throw Documents.Unexpected(description: "cannot link \(name): errno \(errno)")
            }
            let arguments = [binary, "score", "--rules", methodology, subset]
            let run = try Subprocess.measured(arguments, outputFile: "\(folder)/score-\(size).out")
            guard run.status == 0 else {
                throw Documents.Unexpected(description: "tender score of \(size) tenders failed (\(run.status))")
            }
            perTender.append((size, run.seconds))
            let largestSize = size == sizes.max()
            report.add(
                "scaling", "tender score, \(size) tenders, every check", run.seconds, "s",
                target: largestSize ? "< 2 s" : nil, met: largestSize ? run.seconds < 2 : nil)
            report.add(
                "scaling", "tender score, \(size) tenders: peak RSS", run.peakMiB, "MiB",
                target: largestSize ? Megabytes.target(200) : nil,
                met: largestSize ? Megabytes.isUnder(run.peakMiB, 200) : nil)
        }
        if let first = perTender.first, let last = perTender.last, last.0 > first.0 {
            let growth = (last.1 / first.1) / (Double(last.0) / Double(first.0))
            report.notes.append(
                "scaling: time per tender at \(last.0) tenders is \(String(format: "%.2f", growth)) × that at "
                    + "\(first.0) (1 = linear)")
        }
        try close(names: Array(names.prefix(closeTenders)), documents: documents, rules: rules, into: &report)
    }

    /// The daemon's close of one procurement of `names.count` tenders, then the replay of its ledger.
    private func close(names: [String], documents: String, rules: String, into report: inout Report) throws {
        let state = "\(folder)/var"
        let layout = DaemonProcess.Layout(
            rules: rules, plugins: "\(folder)/Plugins", inbox: "\(folder)/inbox", state: state)
        let process = try DaemonProcess.start(binary: binary, layout: layout, log: "\(folder)/daemon.log")
        let watcher = try ArchiveWatcher(folders: [layout.archive, layout.rejected])
        defer {
            process.stop()
            watcher.stop()
        }
        for name in names where rename("\(documents)/\(name)", "\(layout.inbox)/\(name)") != 0 {
            throw Documents.Unexpected(description: "rename into the inbox failed: errno \(errno)")
        }
        try watcher.wait(for: names.count, quiet: 600)
        let beforeClose = process.peakResidentMiB
        let close = "zz-close.yaml"
        let text = Generator.closeRequest(0)
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(close)"))
        let requested = Timing.now()
        guard rename("\(folder)/\(close)", "\(layout.inbox)/\(close)") == 0 else {
            throw Documents.Unexpected(description: "rename of the close request failed: errno \(errno)")
        }
        try watcher.wait(for: names.count + 1, quiet: 600)
        let closed = (watcher.snapshot[close] ?? Timing.now()) - requested
        let peak = process.peakResidentMiB
        process.stop()
        let reports = FileManager.default.enumerator(atPath: "\(state)/reports")?.allObjects.count ?? 0
        report.add(
            "scaling", "daemon: close of \(names.count) tenders, request to commit (\(reports) report files)", closed,
            "s", target: "< 10 s", met: closed < 10)
        report.add(
            "scaling", "daemon: peak RSS through the close (\(String(format: "%.0f", beforeClose)) MiB before it)",
            peak, "MiB", target: Megabytes.target(250), met: Megabytes.isUnder(peak, 250))
        let replay = try Subprocess.measured(
            [binary, "ledger", "replay", "--ledger", layout.ledger], outputFile: "\(folder)/replay.out")
        guard replay.status == 0 else {
            throw Documents.Unexpected(description: "tender ledger replay failed (\(replay.status))")
        }
        report.add("scaling", "tender ledger replay of that evaluation", replay.seconds, "s")
        report.add(
            "scaling", "tender ledger replay: peak RSS", replay.peakMiB, "MiB", target: Megabytes.target(200),
            met: Megabytes.isUnder(replay.peakMiB, 200))
    }

}
