import Foundation
import TenderPlugins
import TenderScoring

/// The shipped methodology as a benchmark runs it: with its plugin rules, or with each plugin part replaced by a
/// marks part of the same weight (built-in rules only, the shape the earlier figures measured).
struct MethodologyVariant: Sendable {
    /// `plugins` or `built-in`, for the figures' labels.
    let name: String
    let text: String
    /// The marks questions the generator must add (the replacement parts' questions).
    let extraQuestions: [String]
    /// The plugins directory, when the methodology has plugin rules.
    let pluginsDirectory: String?

    static func both(shippedText: String, repo: String) -> (plugins: MethodologyVariant, builtIn: MethodologyVariant) {
        let directory = (repo as NSString).appendingPathComponent("Plugins")
        let builtIn = Generator.builtInOnly(shippedText)
        return (
            MethodologyVariant(name: "plugins", text: shippedText, extraQuestions: [], pluginsDirectory: directory),
            MethodologyVariant(
                name: "built-in", text: builtIn.text, extraQuestions: builtIn.questions, pluginsDirectory: nil)
        )
    }

    /// A generator for this variant's submissions.
    func generator(documentBytes: Int = 8_192, seed: UInt64 = 0x7E4D_E7) -> Generator {
        var generator = Generator(methodologyText: text, documentBytes: documentBytes, seed: seed)
        generator.extraQuestions = extraQuestions
        return generator
    }

    /// The plugin host for `methodology`, or nil for built-in rules; throws if the plugins do not load.
    func host(for methodology: Methodology) throws -> (any PluginEvaluator)? {
        guard let pluginsDirectory else { return nil }
        let bundle = PluginBundle.load(directory: pluginsDirectory, for: [methodology])
        guard bundle.problems.isEmpty else {
            throw Documents.Unexpected(description: "plugins: " + bundle.problems.joined(separator: "; "))
        }
        return bundle.host
    }
}
