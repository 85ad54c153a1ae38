import Foundation
import Testing

/// Finding 9 (TOML): a 40 KB header of 20,000 dotted segments took 16.8 s. The shape of the file
/// (dotted parts, keys, nesting) is now checked in one scan before it is parsed.
@Suite(.timeLimit(.minutes(2)))
struct ConfigShapeTests {
    static func expectRefusedQuickly(_ text: String, line: Int, saying words: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let home = try ConfigHome()
        try home.write(text)
        let started = Date()
        let result = try await home.run(["config"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 78, "\(result.status) \(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains("config.toml:\(line): "), "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(words), "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(elapsed < 3, "took \(elapsed) s", sourceLocation: sourceLocation)
    }

    @Test func manyDottedSegmentsAreRefusedBeforeParsing() async throws {
        let header = "[" + Array(repeating: "a", count: 20_000).joined(separator: ".") + "]\n"
        try await Self.expectRefusedQuickly("# first\n" + header, line: 2, saying: "dotted parts")
        let key = Array(repeating: "b", count: 60_000).joined(separator: ".") + " = 1\n"
        try await Self.expectRefusedQuickly("[dashboard]\n" + key, line: 2, saying: "dotted parts")
        let inline = "x = {" + Array(repeating: "c", count: 100).joined(separator: ".") + " = 1}\n"
        try await Self.expectRefusedQuickly(inline, line: 1, saying: "dotted parts")
    }

    @Test func manyKeysAndDeepValuesAreRefusedBeforeParsing() async throws {
        let keys = (0..<10_000).map { "k\($0) = 1\n" }.joined()
        try await Self.expectRefusedQuickly(keys, line: 2001, saying: "more than 2000 keys")
        let deep = "[dashboard]\nx = " + String(repeating: "[", count: 50_000) + "\n"
        try await Self.expectRefusedQuickly(deep, line: 2, saying: "nested more than 16 deep")
    }

    @Test func dotsInStringsNumbersAndCommentsAreNotKeyParts() async throws {
        let home = try ConfigHome()
        try home.write("""
            # a.b.c.d.e.f.g.h.i.j.k.l
            [targets."a.b.c.d.e.f.g.h.i.j"]
            endpoints = ["x=http://1.2.3.4.5.6.7.8.9.10.example:1/api/a"] # 1.2.3.4.5.6.7.8.9.10
            [dashboard]
            interval = 2.5
            theme = '''
            a.b.c.d.e.f.g.h.i.j.k
            '''
            """)
        let result = try await home.run(["config"])
        #expect(!result.standardError.contains("dotted parts"), "\(result.standardError)")
    }
}
