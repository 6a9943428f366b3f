import Foundation
import TenderDaemon

/// The daemon's settings as a command that talks to the daemon's folders reads them (`--config`, then `TENDER_*`
/// variables over the defaults), or exits 1 with `prefix` and what is wrong.
enum CommandSettings {
    static func load(config: String?, prefix: String) throws -> DaemonSettings {
        do {
            return try DaemonSettings.load(configFile: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            Console.error("\(prefix)\(error.description)")
            throw ExitCodes.failure
        }
    }
}
