import Foundation
import Testing

/// A drill as the room runs it: `demo --scenario --events` in a real terminal (tmux), keys pressed
/// while the steps play, then `timeline` on the file it wrote.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DrillDashboardTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    @Test(.enabled(if: tmuxAvailable))
    func aScenarioPlaysInTheDemoAndItsTimelineIsReviewed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-drill-tmux-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scenario = directory + "/drill.yaml"
        try """
        name: tmux drill
        tasks:
          - label: alpha
            service: web
          - label: bravo
            service: web
            protected: 30m
        steps:
          - at: 3s
            fault: throttled
            task: bravo
          - at: 5s
            agent: down
          - at: 7s
            agent: up
          - at: 9s
            note: end of the drill
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let events = directory + "/events.jsonl"

        let session = try TmuxSession.runningInShell("demo --scenario \(scenario) --events \(events)", width: 120, height: 30)

        let first = try session.waitForScreen(timeout: 30) { $0.contains("scenario: tmux drill, next in") && $0.contains("fault throttled on bravo") }
        #expect(first.matched, "the header never named the next step:\n\(first.screen)")
        let down = try session.waitForScreen(timeout: 30) { $0.contains("AGENT DOWN") }
        #expect(down.matched, "the agent-down step never showed:\n\(down.screen)")
        let done = try session.waitForScreen(timeout: 30) { $0.contains("scenario: tmux drill, all steps done") && !$0.contains("AGENT DOWN") }
        #expect(done.matched, "the scenario never finished:\n\(done.screen)")
        #expect(done.screen.contains("ThrottlingException"), "\(done.screen)")

        // The operator protects alpha (selected first) and quits.
        try session.send("p")
        let protected = try session.waitForScreen(timeout: 30) { screen in
            screen.split(separator: "\n").contains { $0.dropFirst(3).hasPrefix("alpha ") && $0.contains("PROTECTED") }
        }
        #expect(protected.matched, "\(protected.screen)")
        try session.send("q")
        let exited = try session.waitForScreen(timeout: 30) { $0.contains("exit=0") }
        #expect(exited.matched, "\(exited.screen)")

        let review = try await runECSProtect(["timeline", events])
        #expect(review.status == 0, "\(review.standardError)")
        let text = review.standardOutput
        #expect(text.contains("Scenario: tmux drill"), "\(text)")
        #expect(text.contains("Agent down "), "\(text)")
        let alpha = try #require(text.components(separatedBy: "\n\n").first { $0.hasPrefix("alpha") }, "\(text)")
        #expect(alpha.contains("protect 120m by "), "\(alpha)")
        let bravo = try #require(text.components(separatedBy: "\n\n").first { $0.hasPrefix("bravo") }, "\(text)")
        #expect(bravo.contains("error                     ThrottlingException"), "\(bravo)")
        let lines = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        #expect(lines.contains { $0.contains(#""kind":"put.confirmed""#) && $0.contains(#""label":"alpha""#) })
    }
}
