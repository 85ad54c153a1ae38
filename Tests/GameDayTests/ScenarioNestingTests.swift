import Foundation
import Testing
@testable import GameDay

/// Finding 2: 5,000 nested `[` in a 10 KB scenario crashed `simulate` and `demo` (SIGSEGV in the
/// recursive composer). The composer now stops at the first collection nested too deep and names its line.
@Suite struct ScenarioNestingTests {
    static func expectRefused(_ text: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try ScenarioParser.parse(text, file: "deep.yaml")
            Issue.record("accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains("nested more than \(ScenarioParser.maximumNesting) deep"), "\(error)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func deepFlowCollectionsAreRefusedBeforeComposing() {
        let prefix = "name: x\ntasks:\n  - label: a\nsteps: "
        for opener in ["[", "{a: "] {
            // 200,000 levels: far past what crashed; refused in one linear scan.
            Self.expectRefused(prefix + String(repeating: opener, count: 200_000), line: 4)
        }
        Self.expectRefused(String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), line: 1)
    }

    @Test func deepBlockCollectionsAreRefusedBeforeComposing() {
        // `- - - - x`: block sequences nested on one line.
        Self.expectRefused("steps:\n  " + String(repeating: "- ", count: 20_000) + "x\n", line: 2)
        // Indented maps, one level per line.
        var text = ""
        for level in 0..<100 { text += String(repeating: " ", count: level) + "k\(level):\n" }
        Self.expectRefused(text + String(repeating: " ", count: 100) + "v\n", line: 33)
    }

    @Test func nestingUpToTheLimitIsOnlyJudgedByTheScenarioRules() {
        let nested = String(repeating: "[", count: ScenarioParser.maximumNesting - 1)
            + String(repeating: "]", count: ScenarioParser.maximumNesting - 1)
        do {
            _ = try ScenarioParser.parse("name: x\nsteps: \(nested)\n", file: "ok.yaml")
        } catch {
            #expect(!error.message.contains("nested"), "\(error)")
        }
    }
}
