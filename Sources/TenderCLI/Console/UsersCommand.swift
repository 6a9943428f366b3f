import ArgumentParser
import Foundation
import TenderDaemon

/// `tender users`: the web console's users (`users.json` in the state folder, hashed tokens only).
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, remove or list the web console's users.",
        discussion: """
            Roles: buyer (procurements, standings, documents, flags, decisions, reports), auditor (what a buyer \
            sees and the ledger: history, entries, proofs, checkpoints, verification), operator (health, status \
            and metrics only). The daemon reads the users file again when it changes.
            """,
        subcommands: [Add.self, Remove.self, List.self])

    struct Location: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The daemon's settings file.", valueName: "file"))
        var config: String?

        @Option(
            name: .long,
            help: ArgumentHelp("The daemon's state folder (default: from the settings).", valueName: "folder"))
        var state: String?

        func file(_ command: String) throws -> UserFile {
            let settings = try CommandSettings.load(config: config, prefix: "tender users \(command): error: ")
            guard let state else { return UserFile(path: settings.usersFile) }
            var moved = settings
            moved.state = state
            return UserFile(path: moved.usersFile)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user and print their token, once: it is stored only as a SHA-256 hash.")

        @Argument(help: "The user's name (letters, digits, '.', '_', '-').")
        var name: String

        @Option(name: .long, help: "buyer, auditor or operator.")
        var role: String

        @Flag(name: .long, help: "Print the token alone.")
        var quiet = false

        @OptionGroup var location: Location

        func validate() throws {
            guard ConsoleRole(rawValue: role) != nil else {
                throw ValidationError("--role must be buyer, auditor or operator.")
            }
        }

        func run() throws {
            let file = try location.file("add")
            let role = ConsoleRole(rawValue: role) ?? .buyer
            do {
                let token = try file.add(name: name, role: role, now: WallClock.now())
                if quiet {
                    Console.out(token)
                } else {
                    Console.out("user \(name) added as \(role.rawValue); their token (shown once, keep it safe):")
                    Console.out(token)
                }
            } catch {
                Console.error("tender users add: error: \(error.description)")
                throw ExitCodes.failure
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a user: their token and browser sessions stop working at once.")

        @Argument(help: "The user's name.")
        var name: String

        @OptionGroup var location: Location

        func run() throws {
            do {
                try location.file("remove").remove(name: name)
                Console.out("user \(name) removed")
            } catch let problem as UserFile.Problem {
                Console.error("tender users remove: error: \(problem.description)")
                throw ExitCodes.failure
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users and their roles (never tokens).")

        @OptionGroup var location: Location

        func run() throws {
            do {
                let users = try location.file("list").users()
                if users.isEmpty { Console.out("no users; add one with tender users add NAME --role buyer") }
                for user in users { Console.out("\(user.name)\t\(user.role.rawValue)\tadded \(user.createdAt)") }
            } catch let problem as UserFile.Problem {
                Console.error("tender users list: error: \(problem.description)")
                throw ExitCodes.failure
            }
        }
    }
}
