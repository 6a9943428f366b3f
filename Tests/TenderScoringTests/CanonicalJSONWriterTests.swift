import Foundation
import TenderScoring
import Testing

/// The byte writer writes exactly what the tree would serialize to, and refuses (in debug builds) a layout
/// whose keys are out of canonical order.
struct CanonicalJSONWriterTests {
    /// One layout exercising every kind of value, empty containers, nesting, escapes and non-ASCII keys and
    /// strings (keys in UTF-8 byte order: "Z" < "a" < "z" < "é" < "中").
    func layout<Sink: JSONSink>(_ sink: inout Sink, seed: Int) {
        sink.object { members in
            members.member("Z") { $0.integer(Int64.min + Int64(seed)) }
            members.member("a") { $0.strings(["", "\"quoted\" \\ back", "tab\tline\nfeed\u{1}\u{1F}", "é中🙂"]) }
            members.member("empty_list") { $0.array { _ in } }
            members.member("empty_map") { $0.object { _ in } }
            members.member("flags") { sink in
                sink.array { items in
                    for index in 0..<(seed % 4) {
                        items.bool(index.isMultiple(of: 2))
                        items.null()
                        items.object { $0.member("i") { $0.integer(Int64(index)) } }
                    }
                }
            }
            members.member("money") { $0.decimal(Decimal(string: "1024000.\(seed)")!) }
            members.member("none") { $0.decimal(nil as Decimal?) }
            members.member("tree") { $0.value(.object(["y": .array([.integer(-1), "ü"]), "b": .null])) }
            members.member("z") { $0.string(nil as String?) }
            members.member("é") { $0.bool(seed.isMultiple(of: 3) ? nil : true) }
            members.member("中") { sink in
                sink.array { items in
                    items.array { $0.integer(0) }
                    items.object { _ in }
                }
            }
        }
    }

    @Test(arguments: 0..<8)
    func theWriterWritesWhatTheTreeSerializesTo(seed: Int) {
        var writer = CanonicalJSONWriter()
        layout(&writer, seed: seed)
        var builder = JSONTreeBuilder()
        layout(&builder, seed: seed)
        #expect(writer.bytes == builder.value.canonicalBytes)
        #expect((try? JSONParser().parse(writer.bytes)) == builder.value)
    }

    @Test func scalarsAtTheTopAreWrittenAlone() {
        var writer = CanonicalJSONWriter()
        writer.string("x\"y")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""x\"y""#)
        var builder = JSONTreeBuilder()
        builder.integer(7)
        #expect(builder.value == .integer(7))
    }

    #if DEBUG
        @Test func aKeyOutOfCanonicalOrderStopsADebugBuild() async {
            await #expect(processExitsWith: .failure) {
                var writer = CanonicalJSONWriter()
                writer.object { members in
                    members.member("b") { $0.null() }
                    members.member("a") { $0.null() }
                }
            }
        }
    #endif
}
