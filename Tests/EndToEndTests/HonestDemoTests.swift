import Foundation
import Testing

/// What the dashboard says while things fail, in a real terminal (tmux) on the real simulator:
/// the agent down turns every task STALE with the agent named, and refused protects stay refused.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct HonestDemoTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    /// The task rows: the lines below the headings that show a task's state.
    private func rows(_ screen: String) -> [String] {
        let states = ["PROTECTED", "UNPROTECTED", "EXPIRING", "UNKNOWN", "LAPSED", "PENDING", "GONE"]
        return screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).map(String.init)
            .filter { line in states.contains { line.contains(" \($0) ") } }
    }

    /// Whether the title line's buckets sum to its total ("8 tasks: 3 protected, 2 unprotected, 3 unknown").
    private func titleAddsUp(_ screen: String) -> Bool {
        guard let title = screen.split(separator: "\n").first, let colon = title.firstIndex(of: ":") else { return false }
        let total = title[..<colon].split(separator: " ").compactMap { Int($0) }.last
        let buckets = title[colon...].split(separator: ",").compactMap { $0.split(separator: " ").compactMap { Int($0) }.first }
        return total != nil && buckets.reduce(0, +) == total
    }

    @Test(.enabled(if: tmuxAvailable))
    func theAgentDownTurnsEveryTaskStaleAndTheCountsStillAddUp() throws {
        let session = try TmuxSession.runningInShell("demo", width: 160, height: 45)
        let ready = try session.waitForScreen(timeout: 30) { self.rows($0).count == 8 && !$0.contains("UNKNOWN     -         -        -") }
        #expect(ready.matched, "demo rows never appeared:\n\(ready.screen)")
        try session.type("D")
        let down = try session.waitForScreen(timeout: 20) { screen in
            self.rows(screen).count == 8 && self.rows(screen).allSatisfy { $0.contains("STALE") }
        }
        #expect(down.matched, "not every task turned STALE:\n\(down.screen)")
        #expect(down.screen.contains("AGENT DOWN") && down.screen.contains("failing for"), "\(down.screen)")
        #expect(!down.screen.contains("ConnectionRefused ("), "the agent's outage is painted on a row:\n\(down.screen)")
        #expect(titleAddsUp(down.screen), "\(down.screen)")
        try session.type("D")
        let back = try session.waitForScreen(timeout: 20) { !$0.contains("STALE") && !$0.contains("AGENT DOWN") }
        #expect(back.matched, "the agent came back but rows stayed stale:\n\(back.screen)")
        #expect(titleAddsUp(back.screen))
        try session.type("q")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }.matched)
    }

    @Test(.enabled(if: tmuxAvailable))
    func protectingBothTasksOfAServiceWithDesiredCountOneLeavesTheRefusalOnItsRow() throws {
        let session = try TmuxSession.runningInShell("demo --source ecs", width: 160, height: 45)
        let ready = try session.waitForScreen(timeout: 40) { screen in
            self.rows(screen).filter { $0.dropFirst(3).hasPrefix("api/") }.count == 2
                && self.rows(screen).filter { $0.dropFirst(3).hasPrefix("api/") }.allSatisfy { $0.contains("UNPROTECTED") }
        }
        #expect(ready.matched, "the api tasks never appeared unprotected:\n\(ready.screen)")
        try session.type("/api")
        try session.send("Enter")
        try session.type("ap")
        let answered = try session.waitForScreen(timeout: 30) { $0.contains("protect 2: 1 protected, 1 DEPLOYMENT_BLOCKED") }
        #expect(answered.matched, "no summary of the bulk protect:\n\(answered.screen)")
        // Polls go on; seconds later the refused task still says so.
        Thread.sleep(forTimeInterval: 5)
        let later = try session.capture()
        #expect(self.rows(later).filter { $0.contains("protect: DEPLOYMENT_BLOCKED") }.count == 1, "\(later)")
        #expect(later.contains("1 failed last action"), "\(later)")
        #expect(titleAddsUp(later))
        try session.type("q")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }.matched)
    }
}
