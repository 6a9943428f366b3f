import ArgumentParser
import TenderCLI

/// The `tender` executable: everything lives in ``TenderCommand`` (the TenderCLI library).
@main
struct Tender: AsyncParsableCommand {
    static let configuration = TenderCommand.configuration
}
