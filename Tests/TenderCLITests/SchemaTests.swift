import Foundation
import TenderDaemon
import TenderPlugins
import TenderRules
import TenderTestSupport
import Testing

@testable import TenderCLI

/// The JSON Schemas in `Schemas/`: each accepts every shipped and test document of its kind, a corpus of bad
/// documents is rejected by the schemas and by tender's own decoders alike, and `tender schema KIND` prints them
/// from the binary alone.
struct SchemaTests {
    static let schemas = Repository.path("Schemas")

    /// Runs `Schemas/check.py` with `arguments` (Python 3 with PyYAML and jsonschema 4.18 or later).
    static func check(_ arguments: [String]) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run([ChildProcess.python, "\(schemas)/check.py"] + arguments)
    }

    static let pythonHint =
        "Schemas/check.py needs python3 with PyYAML and jsonschema >= 4.18 (python3 -m pip install pyyaml "
        + "jsonschema), or TENDER_PYTHON set to a Python that has them"

    @Test func theEmbeddedSchemasAreTheFilesInSchemas() throws {
        // Given every schema file in the repository
        var files: [String: String] = [:]
        for folder in ["", "ledger/"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: "\(Self.schemas)/\(folder)")
            where name.hasSuffix(".schema.json") {
                files[folder + name] = try String(contentsOfFile: "\(Self.schemas)/\(folder)\(name)", encoding: .utf8)
            }
        }
        // Then the binary carries exactly those texts (run `python3 Schemas/embed.py` after editing one)
        #expect(Set(SchemaFiles.texts.keys) == Set(files.keys))
        for (name, text) in files {
            #expect(SchemaFiles.texts[name] == text.trimmingCharacters(in: .newlines), "\(name): run Schemas/embed.py")
        }
    }

    @Test(.enabled(if: PythonTools.schemas, Comment(rawValue: PythonTools.schemasReason)))
    func everyShippedDocumentValidatesAndTheBadCorpusIsRejected() async throws {
        let outcome = try await Self.check([])
        #expect(outcome.status == 0, "\(outcome)\n\(Self.pythonHint)")
        #expect(outcome.errors.contains(": ok"), "\(outcome)")
    }

    @Test(.enabled(if: PythonTools.schemas, Comment(rawValue: PythonTools.schemasReason)))
    func tenderSchemaMethodologyValidatesEveryRulesFileAndRefusesABadOne() async throws {
        // Given the methodology schema as `tender schema methodology` prints it, in a folder of its own
        let folder = try TestFolders.make("schema")
        let schema = "\(folder)/methodology.json"
        try SchemaBundle.bundle("methodology").write(toFile: schema, atomically: true, encoding: .utf8)
        // Then every methodology in Rules/ validates against it alone (the frameworks beside them have their own)
        let rules = try FileManager.default.contentsOfDirectory(atPath: Repository.path("Rules"))
            .filter { $0.hasSuffix(".yaml") }.map { Repository.path("Rules/\($0)") }
            .filter { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("\nkind: methodology\n") == true }
        #expect(!rules.isEmpty)
        let good = try await Self.check(["--schema-file", schema] + rules)
        #expect(good.status == 0, "\(good)\n\(Self.pythonHint)")
        // and a methodology with an unknown evaluation method does not
        let bad = try await Self.check(["--schema-file", schema, "\(Self.schemas)/bad/methodology-unknown-method.yaml"])
        #expect(bad.status == 1, "\(bad)")
    }

    @Test func everyLedgerSchemaIsPrintedWhole() throws {
        for type in LedgerEntryTypes.all.map({ $0.type }) {
            let text = try SchemaBundle.bundle("ledger/\(type)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["$id"] as? String == "ledger/\(type).schema.json")
            // Whatever it refers to in another file is embedded
            if text.contains("common.schema.json#") {
                #expect((object["$defs"] as? [String: Any])?["ledger/common.schema.json"] != nil, "\(type)")
            }
        }
        #expect(throws: SchemaBundle.Failure.self) { try SchemaBundle.bundle("common") }
    }

    /// The decoder that reads a bad corpus file, by the file's name: every one must refuse it.
    static func decoderRejects(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        if name.hasPrefix("plugin-manifest-") {
            let folderName =
                text.split(separator: "\n").first { $0.hasPrefix("name:") }
                .map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) } ?? "plugin"
            let (manifest, problems) = PluginManifest.decode(yaml: text, file: path, folderName: folderName)
            return manifest == nil && !problems.isEmpty
        }
        if name.hasPrefix("settings-") {
            return (try? DaemonSettings.load(configFile: path, environment: [:])) == nil
        }
        return (try? DocumentParser().parse(Array(text.utf8), file: path, documentID: "id")) == nil
    }

    @Test func theBadCorpusIsRejectedByTendersOwnDecodersToo() throws {
        let folder = "\(Self.schemas)/bad"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 12)
        for file in files { #expect(Self.decoderRejects("\(folder)/\(file)"), "\(file) is accepted by the decoder") }
    }
}
