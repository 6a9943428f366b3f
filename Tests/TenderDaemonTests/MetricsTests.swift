import Foundation
import TenderDaemon
import TenderLedger
import TenderTestSupport
import Testing

@Suite(.serialized)
struct MetricsTests {
    @Test func metricsFileCountsOutcomesReloadsAndLatencyAndItsLastWriteMatchesTheLedger() async throws {
        // Given a running daemon
        let daemon = try await DaemonHarness()
        try await daemon.waitUntil("the first activation and a metrics file") {
            try Self.read(daemon)["tender_rules_last_reload_successful"] == 1
        }
        #expect(try Self.read(daemon)["tender_rules_reloads_total{result=\"activated\"}"] == 1)

        // When two submissions, a copy of the first and a broken file arrive
        let first = try DaemonHarness.example("T-0001-brightwall.yaml")
        try daemon.drop("a.yaml", first)
        try daemon.drop("b.yaml", try DaemonHarness.example("T-0002-cladco.yaml"))
        try await daemon.waitUntil("the first two") { daemon.names(daemon.settings.archive).count == 2 }
        try daemon.drop("copy.yaml", first)
        try daemon.drop("broken.yaml", Array("kind: submission\nprocurement: [unclosed\n".utf8))
        try await daemon.waitUntil("the copy and the broken file") {
            daemon.names(daemon.settings.rejected).filter { !$0.hasSuffix(".error.txt") }.count == 2
        }

        // Then the metrics count each outcome once, and every document's latency
        try await daemon.waitUntil("the metrics to count all four") {
            try Self.read(daemon)["tender_document_seconds_count"] == 4
        }
        var metrics = try Self.read(daemon)
        #expect(metrics["tender_documents_total{outcome=\"accepted\"}"] == 2)
        #expect(metrics["tender_documents_total{outcome=\"duplicate\"}"] == 1)
        #expect(metrics["tender_documents_total{outcome=\"rejected\"}"] == 1)
        #expect(metrics["tender_batch_commit_failures_total"] == 0)
        #expect((metrics["tender_batch_commit_seconds_count"] ?? 0) >= 2)
        // Every document committed within the largest finite bucket (10 s).
        #expect(metrics["tender_document_seconds_bucket{le=\"10.0\"}"] == 4)

        // When an administrator saves a broken rule file
        let file = "\(daemon.root)/Rules/wmca-retrofit-2026-lot1.yaml"
        try TestFiles.replace(
            file,
            with: String(contentsOfFile: file, encoding: .utf8)
                .replacingOccurrences(of: "weight: 40, category: price", with: "weight: 45, category: price"))
        // Then the reload failure shows, as Prometheus' own config reload does
        try await daemon.waitUntil("the rejected reload") {
            try Self.read(daemon)["tender_rules_last_reload_successful"] == 0
        }
        metrics = try Self.read(daemon)
        #expect(metrics["tender_rules_reloads_total{result=\"rejected\"}"] == 1)
        #expect((metrics["tender_rules_last_reload_success_timestamp_seconds"] ?? 0) > 1_700_000_000)

        // And the write at shutdown comes after the final checkpoint: the gauges match the ledger exactly
        try await daemon.stop()
        metrics = try Self.read(daemon)
        let ledger = try daemon.ledger()
        let size = try ledger.size()
        #expect(metrics["tender_ledger_entries"] == Double(size))
        #expect(metrics["tender_ledger_signed_entries"] == Double(size))
        #expect(try ledger.latestCheckpoint()?.checkpoint.size == size)
        #expect(!FileManager.default.fileExists(atPath: daemon.settings.metricsFile + ".tmp"))
    }

    /// The samples of the metrics file (`name{labels} value` lines; comments skipped), by series.
    static func read(_ daemon: DaemonHarness) throws -> [String: Double] {
        let text = try String(contentsOfFile: daemon.settings.metricsFile, encoding: .utf8)
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
