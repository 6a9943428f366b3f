import Foundation
import TenderDaemon
import Testing

struct DaemonSettingsTests {
    @Test func theEmbeddedDefaultsMatchTheProductLayout() {
        let settings = DaemonSettings(base: ".")
        #expect(settings.rules == "./Rules" && settings.plugins == "./Plugins" && settings.inbox == "./var/inbox")
        #expect(settings.ledger == "./var/ledger.sqlite" && settings.keyFile == "./var/keys/ledger.ed25519")
        #expect(settings.archive == "./var/archive" && settings.rejected == "./var/rejected")
        #expect(settings.reports == "./var/reports")
    }

    @Test func theShippedExampleSettingsLoadAndTheEnvironmentWins() throws {
        // Given the example settings file and one environment override
        let file = "\(DaemonHarness.repository)/deploy/tender.yaml"
        // When
        let settings = try DaemonSettings.load(configFile: file, environment: ["TENDER_BATCH_SIZE": "32"])
        // Then
        #expect(settings.rules == "/etc/tender/Rules")
        #expect(settings.state == "/var/lib/tender")
        #expect(settings.ledger == "/var/lib/tender/ledger.sqlite")
        #expect(settings.stableFor == 1 && settings.checkpointInterval == 60)
        #expect(settings.batchSize == 32)
    }

    @Test func badSettingsAreExplained() {
        #expect(throws: DaemonSettings.Problem.self) {
            try DaemonSettings.load(configFile: nil, environment: ["TENDER_STABLE_FOR": "soon"])
        }
        do {
            _ = try DaemonSettings.load(configFile: nil, environment: ["TENDER_BATCH_SIZE": "0"])
            Issue.record("accepted batch_size 0")
        } catch {
            #expect(error.description == "setting batch_size = '0' must be a number from 1.0 to 10000.0")
        }
    }
}
