import Foundation
import Testing
import Yams

@testable import TenderRules

/// The composer reads libyaml's events directly; documents must come out exactly as Yams' node tree had them
/// (same text, style and position for every node), so documents already in a ledger replay unchanged.
struct YAMLComposerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    /// Every YAML file the project ships or tests with.
    static func yamlFiles() -> [String] {
        let folders = ["Rules", "Tests/TenderRulesTests/Fixtures", "Plugins"]
        var found: [String] = []
        for folder in folders {
            let root = repository.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let path as String in walker where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                found.append("\(folder)/\(path)")
            }
        }
        return found.sorted()
    }

    @Test func theProjectShipsEnoughYAMLToCompare() {
        #expect(Self.yamlFiles().count >= 40)
    }

    @Test(arguments: yamlFiles())
    func composesEveryShippedFileAsYamsDoes(_ path: String) throws {
        let bytes = Array(try Data(contentsOf: Self.repository.appendingPathComponent(path)))
        // Files that are not UTF-8 are refused before composing (DocumentParser, with the byte's position).
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let reference: Yams.Node?
        do {
            reference = try Yams.compose(yaml: text)
        } catch {
            // Yams refused it: the composer must refuse it too, with a position.
            #expect(throws: YAMLComposer.Failure.self, "\(path): Yams said \(error)") {
                _ = try YAMLComposer.compose(bytes, maximumDepth: 1_000)
            }
            return
        }
        // (The depth limit is DocumentParser's business; here only the tree is compared.)
        let composed = try YAMLComposer.compose(bytes, maximumDepth: 1_000)
        switch (reference, composed) {
        case (nil, nil): break
        case (let reference?, let composed?):
            var budget = 100_000
            Self.expectSame(composed, reference, at: path, budget: &budget)
        default: Issue.record("\(path): one composer found a document, the other did not")
        }
    }

    /// Compares node by node; `budget` stops the walk on alias bombs, whose shared nodes expand exponentially.
    static func expectSame(_ node: YAMLNode, _ reference: Yams.Node, at path: String, budget: inout Int) {
        budget -= 1
        guard budget > 0 else { return }
        #expect(node.mark.line == reference.mark?.line, "\(path): line")
        #expect(node.mark.column == reference.mark?.column, "\(path): column at line \(node.mark.line)")
        switch (node, reference) {
        case (.scalar(let scalar), .scalar(let expected)):
            #expect(scalar.string == expected.string, "\(path):\(node.mark.line)")
            #expect(scalar.style == Self.style(expected.style), "\(path):\(node.mark.line): style")
        case (.sequence(let list), .sequence(let expected)):
            #expect(list.count == expected.count, "\(path):\(node.mark.line): items")
            for (item, expectedItem) in zip(list, expected) {
                expectSame(item, expectedItem, at: path, budget: &budget)
            }
        case (.mapping(let map), .mapping(let expected)):
            #expect(map.count == expected.count, "\(path):\(node.mark.line): pairs")
            for ((key, value), (expectedKey, expectedValue)) in zip(map, expected) {
                expectSame(key, expectedKey, at: path, budget: &budget)
                expectSame(value, expectedValue, at: path, budget: &budget)
            }
        default:
            Issue.record("\(path):\(node.mark.line): a different kind of node")
        }
    }

    static func style(_ style: Yams.Node.Scalar.Style) -> YAMLNode.Style {
        switch style {
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        default: return .plain
        }
    }

    @Test func scalarsKeepTheirTextStyleAndPosition() throws {
        let yaml = "a: plain\nb: 'single'\nc: \"dou\\tble\"\nd: |\n  line one\n  line two\ne: >-\n  folded\n  text\n"
        let root = try #require(try YAMLComposer.compose(Array(yaml.utf8)))
        let values = try #require(root.mapping).map { ($0.key.string ?? "", $0.value) }
        #expect(values.map(\.0) == ["a", "b", "c", "d", "e"])
        #expect(values.map { $0.1.string } == ["plain", "single", "dou\tble", "line one\nline two\n", "folded text"])
        #expect(values.map { $0.1.scalar?.style } == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        #expect(
            values.map { $0.1.mark } == [
                .init(line: 1, column: 4), .init(line: 2, column: 4), .init(line: 3, column: 4),
                .init(line: 4, column: 4), .init(line: 7, column: 4),
            ])
    }

    @Test func aliasesShareTheAnchoredNode() throws {
        let yaml = "base: &b {x: 1, y: [2, 3]}\ncopy: *b\n"
        let root = try #require(try YAMLComposer.compose(Array(yaml.utf8)))
        let copy = try #require(root["copy"]?.mapping)
        #expect(copy.map { $0.key.string } == ["x", "y"])
        #expect(root["copy"]?["y"]?.sequence?.map(\.string) == ["2", "3"])
        // The alias is the anchored node itself, so it points at where that was written (its anchor).
        #expect(root["copy"]?.mark == YAMLNode.Mark(line: 1, column: 7))
    }

    @Test func refusesWithTheLineAndColumnOfTheProblem() {
        let cases: [(String, String, Int, Int)] = [
            ("a: *missing\n", "undefined alias '*missing'", 1, 4),
            ("a: 1\n---\nb: 2\n", "more than one document", 2, 1),
            ("a: 1\nb:\n  c: 2\n  c: 3\n", "duplicate key 'c' in one mapping (first at line 3)", 4, 3),
            ("a: \"open\nb: 2\n", "found unexpected end of stream", 3, 1),
            ("a: [1, 2\n", "did not find expected ',' or ']'", 2, 1),
        ]
        for (yaml, message, line, column) in cases {
            do {
                _ = try YAMLComposer.compose(Array(yaml.utf8))
                Issue.record("\(yaml.debugDescription) was accepted")
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
                #expect(error.mark == YAMLNode.Mark(line: line, column: column), "\(yaml.debugDescription)")
            }
        }
    }

    /// Small mappings compare keys in turn and large ones index them: a duplicate is found either way, with
    /// the line of the first occurrence, whether it repeats an early key or a late one.
    @Test(arguments: [(1, 5), (1, 15), (15, 16), (3, 39), (20, 39), (39, 40)])
    func findsDuplicateKeysInMappingsOfAnySize(first: Int, repeatAt: Int) {
        var lines = (0..<max(repeatAt, first + 1)).map { "k\($0): \($0)" }
        lines.insert("k\(first): again", at: repeatAt)
        do {
            _ = try YAMLComposer.compose(Array(lines.joined(separator: "\n").utf8))
            Issue.record("the duplicate of k\(first) was accepted")
        } catch {
            #expect(error.message.contains("duplicate key 'k\(first)' in one mapping (first at line \(first + 1))"))
            #expect(error.mark == YAMLNode.Mark(line: repeatAt + 1, column: 1))
        }
        // Without the duplicate, every key is kept in order.
        lines.remove(at: repeatAt)
        let root = try? YAMLComposer.compose(Array(lines.joined(separator: "\n").utf8))
        #expect(root?.mapping?.map { $0.key.string } == (0..<lines.count).map { "k\($0)" })
    }

    @Test func anEmptyStreamHoldsNoDocument() throws {
        #expect(try YAMLComposer.compose([]) == nil)
        #expect(try YAMLComposer.compose(Array("# only a comment\n".utf8)) == nil)
    }
}
