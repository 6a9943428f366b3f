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

    @Test func theConsoleListensOnLocalhostByDefaultAndCanBeMovedOrTurnedOff() throws {
        // By default only this machine can reach it
        #expect(DaemonSettings(base: ".").console == ConsoleAddress(host: "127.0.0.1", port: 8470))
        let shipped = try DaemonSettings.load(
            configFile: "\(DaemonHarness.repository)/deploy/tender.yaml", environment: [:])
        #expect(shipped.console?.description == "127.0.0.1:8470")
        #expect(shipped.minFreeBytes == 104_857_600)
        // A setting moves it, `off` turns it off, IPv6 is written in brackets
        #expect(try DaemonSettings.load(configFile: nil, environment: ["TENDER_CONSOLE": "off"]).console == nil)
        let moved = try DaemonSettings.load(configFile: nil, environment: ["TENDER_CONSOLE": "[::1]:9000"])
        #expect(moved.console == ConsoleAddress(host: "::1", port: 9000))
        #expect(moved.console?.description == "[::1]:9000")
        // Anything else is refused with what would be right
        for wrong in ["8470", "localhost", "127.0.0.1:99999", ":8470", "on"] {
            do {
                _ = try DaemonSettings.load(configFile: nil, environment: ["TENDER_CONSOLE": wrong])
                Issue.record("accepted console = \(wrong)")
            } catch {
                #expect(
                    error.description
                        == "setting console = '\(wrong)' must be host:port (for example 127.0.0.1:8470) or off")
            }
        }
    }
}
