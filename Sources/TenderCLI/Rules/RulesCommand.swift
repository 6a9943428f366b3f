import ArgumentParser

/// `tender rules`: validate and test methodologies.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Validate methodologies and run their rule tests.",
        subcommands: [RulesCheckCommand.self, RulesTestCommand.self]
    )
}
