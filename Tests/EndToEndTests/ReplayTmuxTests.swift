import Foundation
import Testing

/// `ecs-protect replay` in a real terminal (tmux): a recorded drill played, paused, stepped, sped
/// up and jumped to its end, then left with `q`.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ReplayTmuxTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    static let drillFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../GameDayTests/Fixtures/scale-in-during-deploy.jsonl").standardized.path

    /// The header's "event N/M".
    private func played(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"event \d+/"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropFirst(6).dropLast())
    }

    @Test(.enabled(if: tmuxAvailable))
    func aDrillReplaysPausedSteppedAndSpedUp() async throws {
        let session = try TmuxSession.runningInShell("replay \(Self.drillFile)", width: 120, height: 30)
        let playing = try session.waitForScreen(timeout: 30) { $0.contains("playing 1x") && $0.contains("REPLAY") }
        #expect(playing.matched, "\(playing.screen)")

        try session.type("P")
        let paused = try session.waitForScreen(timeout: 10) { $0.contains("PAUSED 1x") }
        #expect(paused.matched, "\(paused.screen)")
        let before = played(paused.screen) ?? -1
        for _ in 0..<5 { try session.send("Right") }
        let stepped = try session.waitForScreen(timeout: 10) { played($0) == before + 5 }
        #expect(stepped.matched, "five steps on from \(before):\n\(stepped.screen)")
        #expect(stepped.screen.contains("PAUSED"))

        try session.type("p")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("replay: read-only") }.matched)

        for _ in 0..<3 { try session.type("+") }
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("PAUSED 10x") }.matched)
        try session.type("P")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("playing 10x") }.matched)
        try session.type("]")
        let end = try session.waitForScreen(timeout: 10) { screen in
            guard let range = screen.range(of: #"event \d+/\d+"#, options: .regularExpression) else { return false }
            let parts = screen[range].dropFirst(6).split(separator: "/")
            return parts.count == 2 && parts[0] == parts[1]
        }
        #expect(end.matched, "\(end.screen)")
        #expect(end.screen.contains("worker-c") && end.screen.contains("STALE"), "the agent's end: every task stale\n\(end.screen)")

        try session.send("q")
        #expect(try session.waitForScreen(timeout: 30) { $0.contains("exit=0") }.matched)
    }
}
