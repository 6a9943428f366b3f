import TenderPlugins
import Testing

struct PluginManifestTests {
    let valid = """
        name: vat-check
        version: 1.2.0
        kind: gate
        sha256: \(String(repeating: "ab", count: 32))
        fuel: 500000
        max_memory_pages: 16
        description: Checks the VAT number.
        config:
          country: {type: string, required: true, description: ISO country code}
          strict: {type: boolean, description: Refuse numbers that cannot be checked}
        """

    @Test func aValidManifestDecodesWithDefaults() throws {
        // Given / When
        let (manifest, problems) = PluginManifest.decode(yaml: valid, file: "plugin.yaml", folderName: "vat-check")
        // Then
        #expect(problems.isEmpty)
        let decoded = try #require(manifest)
        #expect(decoded.module == "vat-check.wasm")
        #expect(decoded.kind == .gate)
        #expect(decoded.fuel == 500_000)
        #expect(decoded.maxMemoryPages == 16)
        #expect(
            decoded.config == [
                PluginConfigField(name: "country", type: .string, required: true, description: "ISO country code"),
                PluginConfigField(
                    name: "strict", type: .boolean, required: false,
                    description: "Refuse numbers that cannot be checked"),
            ])
    }

    @Test func everyProblemIsReportedWithItsPosition() {
        // Given
        let yaml = """
            name: vat-chek
            version: 1.2.0
            kind: scorer
            sha256: ABC
            fuel: 0
            max_memory_pages: 65
            timeout: 5
            config:
              country: {type: text, description: ISO country code, default: GB}
            """
        // When
        let (manifest, problems) = PluginManifest.decode(
            yaml: yaml, file: "Plugins/vat-check/plugin.yaml", folderName: "vat-check")
        // Then
        #expect(manifest == nil)
        #expect(
            problems.map(\.description) == [
                "Plugins/vat-check/plugin.yaml:7:1: plugin 'vat-check': unknown key 'timeout'; allowed: name, version, kind, module, sha256, fuel, max_memory_pages, description, config, reads",
                "Plugins/vat-check/plugin.yaml:1:7: plugin 'vat-check': name 'vat-chek' must equal the folder name 'vat-check'",
                "Plugins/vat-check/plugin.yaml:3:7: plugin 'vat-check': kind 'scorer' is not one of: score, gate",
                "Plugins/vat-check/plugin.yaml:4:9: plugin 'vat-check': sha256 must be 64 lowercase hex digits (run Plugins/build.sh to refresh it)",
                "Plugins/vat-check/plugin.yaml:5:7: plugin 'vat-check': 'fuel' must be a whole number from 1 to 1000000000",
                "Plugins/vat-check/plugin.yaml:6:19: plugin 'vat-check': 'max_memory_pages' must be a whole number from 1 to 64",
                "Plugins/vat-check/plugin.yaml:9:56: plugin 'vat-check': unknown key 'default' in config key 'country'; allowed: type, required, description",
                "Plugins/vat-check/plugin.yaml:9:19: plugin 'vat-check': config key 'country' has type 'text'; use one of: number, integer, string, boolean, list, map",
            ])
    }

    @Test func missingKeysAndBrokenYAMLAreReported() {
        // Given
        let missing = "name: x\n"
        let broken = "name: x\nkind: [score\n"
        // When
        let (_, missingProblems) = PluginManifest.decode(yaml: missing, file: "p.yaml", folderName: "x")
        let (_, brokenProblems) = PluginManifest.decode(yaml: broken, file: "p.yaml", folderName: "x")
        // Then
        #expect(missingProblems.map(\.message).contains("missing required key 'sha256'"))
        #expect(
            missingProblems.map(\.message).contains("missing required key 'fuel' (a whole number from 1 to 1000000000)")
        )
        #expect(brokenProblems.count == 1)
        #expect(brokenProblems.first?.message.hasPrefix("is not valid YAML:") == true)
        #expect(brokenProblems.first?.line != nil)
    }
}
