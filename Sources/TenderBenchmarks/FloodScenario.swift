import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Bounds: a flood of files renamed into the inbox of a running `tender serve` at once. Measures, sampled every
/// 200 ms until every file is archived or rejected, the daemon's resident memory, its open file descriptors and
/// its inotify instances, plus the inotify queue overflows it counted and how long the flood took.
struct FloodScenario {
    var binary: String
    var documents: Int
    var tendersPerProcurement: Int
    var variant: MethodologyVariant
    var work: String

    private var folder: String { (work as NSString).appendingPathComponent("flood") }

    /// What the sampler saw.
    struct Peaks {
        var residentMiB = 0.0
        var descriptors = 0
        var inotify = 0
    }

    func run(into report: inout Report) throws {
        let rules = "\(folder)/Rules"
        let staging = "\(folder)/staging"
        let layout = DaemonProcess.Layout(
            rules: rules, plugins: "\(folder)/Plugins", inbox: "\(folder)/inbox", state: "\(folder)/var")
        ScratchFolders(work: work).clear(folder)
        for path in [rules, staging] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let procurements = (documents + tendersPerProcurement - 1) / tendersPerProcurement
        var generator = variant.generator(documentBytes: 2_048)
        for procurement in 0..<procurements {
            try Data(generator.methodology(procurement).utf8).write(
                to: URL(fileURLWithPath: "\(rules)/\(Generator.methodologyID(procurement)).yaml"))
        }
        var names: [String] = []
        names.reserveCapacity(documents)
        for index in 0..<documents {
            let name = String(format: "p%04d-T-%06d.yaml", index % procurements, index / procurements)
            try Data(generator.submission(procurement: index % procurements, tender: index / procurements)).write(
                to: URL(fileURLWithPath: "\(staging)/\(name)"))
            names.append(name)
        }
        let process = try DaemonProcess.start(binary: binary, layout: layout, log: "\(folder)/daemon.log")
        defer { process.stop() }
        // Idle: the daemon up, its rule set active, before the flood.
        let metrics = "\(layout.state)/metrics.prom"
        try waitFor("the daemon to start", seconds: 120) { FileManager.default.fileExists(atPath: metrics) }
        let idle = Self.sample(process.pid)
        let started = Timing.now()
        for name in names where rename("\(staging)/\(name)", "\(layout.inbox)/\(name)") != 0 {
            throw Documents.Unexpected(description: "rename into the inbox failed: errno \(errno)")
        }
        let renamed = Timing.now() - started
        var peaks = idle
        var done = 0
        var lastProgress = Timing.now()
        while done < documents {
            usleep(200_000)
            let now = Self.sample(process.pid)
            peaks.residentMiB = max(peaks.residentMiB, now.residentMiB)
            peaks.descriptors = max(peaks.descriptors, now.descriptors)
            peaks.inotify = max(peaks.inotify, now.inotify)
            let count = Self.count(layout.archive) + Self.count(layout.rejected, excluding: ".error.txt")
            if count != done {
                done = count
                lastProgress = Timing.now()
            } else if Timing.now() - lastProgress > 120 {
                throw Documents.Unexpected(description: "the daemon stopped making progress at \(done) of \(documents)")
            }
        }
        let seconds = Timing.now() - started
        let hwm = process.peakResidentMiB
        let overflows = Self.metric("tender_inbox_overflows_total", in: metrics)
        report.notes.append(
            "flood: \(documents) submissions of about 2 KB in \(procurements) procurements, renamed into the inbox in "
                + String(format: "%.1f s", renamed))
        report.add("flood", "all \(documents) recorded", seconds, "s")
        report.add("flood", "throughput", Double(documents) / seconds, "docs/s")
        report.add("flood", "peak RSS (VmHWM), idle before the flood", idle.residentMiB, "MiB")
        report.add("flood", "peak RSS (VmHWM) through the flood", hwm, "MiB", target: "< 250", met: hwm < 250)
        report.add("flood", "open file descriptors, idle", Double(idle.descriptors), "fds")
        report.add(
            "flood", "open file descriptors, most seen", Double(peaks.descriptors), "fds", target: "< 64",
            met: peaks.descriptors < 64)
        report.add(
            "flood", "inotify instances, most seen", Double(peaks.inotify), "instances", target: "= idle",
            met: peaks.inotify == idle.inotify)
        report.add("flood", "inotify queue overflows (each a rescan)", overflows, "overflows")
    }

    /// The daemon's resident memory (VmRSS), open descriptors, and inotify instances now.
    static func sample(_ pid: pid_t) -> Peaks {
        var peaks = Peaks()
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            peaks.residentMiB = (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1_024
        }
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        peaks.descriptors = descriptors.count
        peaks.inotify =
            descriptors.filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)"))
                    == "anon_inode:inotify"
            }.count
        return peaks
    }

    static func count(_ folder: String, excluding suffix: String? = nil) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard let suffix else { return names.count }
        return names.filter { !$0.hasSuffix(suffix) }.count
    }

    /// A sample's value from a Prometheus text file (0 when absent).
    static func metric(_ name: String, in path: String) -> Double {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
    }

    private func waitFor(_ what: String, seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Timing.now() + seconds
        while !condition() {
            guard Timing.now() < deadline else {
                throw Documents.Unexpected(description: "timed out waiting for \(what)")
            }
            usleep(50_000)
        }
    }
}
